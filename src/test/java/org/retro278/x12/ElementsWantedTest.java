package org.retro278.x12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ElementsWantedTest {

    private static final ElementsWanted HL_AND_SE = ElementsWanted.NONE.and("HL", 1, 3).and("SE");

    @Test
    void aSegmentNotNamedIsNotWanted() {
        assertEquals(0L, HL_AND_SE.of("NM1"));
        assertEquals(0L, ElementsWanted.NONE.of("HL"));
    }

    @Test
    void aSegmentWantedWithoutValuesIsBitZeroAlone() {
        assertEquals(1L, HL_AND_SE.of("SE"));
    }

    @Test
    void theElementsNamedAreWantedAndNoOthers() {
        long hl = HL_AND_SE.of("HL");
        assertTrue(ElementsWanted.has(hl, 1));
        assertTrue(ElementsWanted.has(hl, 3));
        assertFalse(ElementsWanted.has(hl, 2));
        assertFalse(ElementsWanted.has(hl, 4));
        assertFalse(ElementsWanted.has(hl, 0), "position 0 is the segment, not an element");
        assertFalse(ElementsWanted.has(-1L, 64), "no element past 63 is ever copied");
    }

    @Test
    void aUnionWantsWhatEitherWants() {
        ElementsWanted other = ElementsWanted.NONE.and("HL", 2).and("DTP", 1, 2);
        ElementsWanted both = HL_AND_SE.union(other);
        assertEquals(HL_AND_SE.of("HL") | other.of("HL"), both.of("HL"));
        assertEquals(other.of("DTP"), both.of("DTP"));
        assertEquals(1L, both.of("SE"));
        assertEquals(HL_AND_SE.of("HL"), HL_AND_SE.and("HL").of("HL"), "naming a segment again keeps its elements");
    }
}
