package org.retro278.x12.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The envelope facts read from the interchange control schema. */
class InterchangeControlTest {

    private final InterchangeControl control = InterchangeControl.standard();

    @Test
    void isaWidthsAndLengthComeFromTheSchema() {
        assertEquals(2, control.isaWidth(1));
        assertEquals(15, control.isaWidth(6));
        assertEquals(9, control.isaWidth(13));
        assertEquals(1, control.isaWidth(16));
        assertEquals(106, control.isaLength());
    }

    @Test
    void interchangeIdQualifiersInHipaaUse() {
        assertEquals(List.of("01", "14", "20", "27", "28", "29", "30", "33", "ZZ"), List.copyOf(control.codes("ISA", 5).keySet()));
        assertEquals(control.codes("ISA", 5), control.codes("ISA", 7));
    }

    @Test
    void unknownSegmentsAndElementsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> control.codes("XYZ", 1));
        assertThrows(IllegalArgumentException.class, () -> control.codes("ISA", 17));
    }
}
