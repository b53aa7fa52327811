package org.retro278.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scan's search: whole words in any case, all values at once, and the same answers as the one pattern. */
class PhiWordsTest {

    private final PhiWords words = PhiWords.of(List.of("AHP100200301", "Okafor", "Okafor Adaeze", "R51", "1984-03-12"));

    @Test
    void aValueIsFoundAsAWholeWordInAnyCase() {
        assertEquals(Optional.of("AHP100200301"), words.firstIn("member AHP100200301 of the probe"));
        assertEquals(Optional.of("okafor"), words.firstIn("subscriber=okafor,"));
        assertEquals(Optional.of("r51"), words.firstIn("r51"), "the whole text");
        assertEquals(Optional.of("1984-03-12"), words.firstIn("dob (1984-03-12)"));
    }

    @Test
    void aValueInsideALongerTokenIsNotFound() {
        assertEquals(Optional.empty(), words.firstIn("no PHI in CLM1001-AHP100200301X or in xR51 or R510"));
        assertEquals(Optional.empty(), words.firstIn("Okafor1 19841984-03-12 "));
        assertEquals(Optional.empty(), words.firstIn(""));
        assertEquals(Optional.empty(), words.firstIn(null));
    }

    @Test
    void aValueFoundInsideATokenDoesNotHideTheSameValueLaterAsAWord() {
        assertEquals(Optional.of("AHP100200301"), words.firstIn("XAHP100200301 then AHP100200301"));
        assertEquals(Optional.of("R51"), words.firstIn("R510 R51"));
    }

    /** Every fixture value in every context the pattern's boundaries tell apart: both searches agree. */
    @Test
    void itFindsWhatTheOnePatternOfAllValuesFinds() {
        Set<String> values = FixturePhi.values();
        PhiWords all = PhiWords.of(values);
        List<String> texts = new ArrayList<>();
        for (String v : values) {
            for (String before : List.of("", " ", "x", "7", "-", "=")) {
                for (String after : List.of("", " ", "Z", "0", ".", "|")) {
                    texts.add(before + v + after);
                    texts.add("row " + before + v.toLowerCase() + after + " end");
                }
            }
        }
        int found = 0;
        for (String t : texts) {
            boolean expected = PhiScan.fixturePhi().matcher(t).find();
            assertEquals(expected, all.firstIn(t).isPresent(), t);
            found += expected ? 1 : 0;
        }
        assertTrue(found > values.size() && found < texts.size(), found + " of " + texts.size());
    }
}
