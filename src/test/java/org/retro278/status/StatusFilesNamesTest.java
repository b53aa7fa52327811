package org.retro278.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.retro278.io.PartnerFileName;

/** Status file names: the claim file's own name where it fits, otherwise a bounded plain one (docs/responses.md). */
class StatusFilesNamesTest {

    @Test
    void aShortNameIsKeptAndALongOrOddOneIsBounded() {
        assertEquals("riverside-2026-11-15.csv", StatusFiles.statusStem("riverside-2026-11-15.csv", 1, false));
        assertEquals("riverside-2026-11-15.csv.7", StatusFiles.statusStem("riverside-2026-11-15.csv", 7, true));
        for (String name : new String[] {"a".repeat(240), "\u00e9".repeat(127), "nl\nx.csv", "star*?.csv", ".dot.csv"}) {
            String stem = StatusFiles.statusStem(name, 3, false);
            assertTrue(PartnerFileName.bytes(stem + ".status.jsonl") <= PartnerFileName.MAX_DERIVED_BYTES, stem);
            assertTrue(PartnerFileName.plain(stem), stem);
            assertNotEquals(stem, StatusFiles.statusStem(name, 4, true), "a reused long name still gets a name of its own");
        }
    }
}
