package org.retro278.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Names of any length and make: derived names stay bounded, plain and distinct; logs and reports never show them raw. */
class PartnerFileNameTest {

    static final List<String> ODD = List.of("star*?.csv", "br[a]{b}.csv", "q 'x' \"y\".csv", "back\\slash.csv", "nl\nINFO x.csv",
            "cr\rx.csv", "esc\u001b[31m.csv", ".hidden.csv", "-dash.csv", "Case.csv", "case.csv", "soft\u00adhyphen.csv");

    @Test
    void everyDerivedNameFitsWithItsTemporaryNamesForEveryLengthUpTo255Bytes() {
        Set<String> stems = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int n = 1; n <= 255; n++) {
            for (String unit : List.of("a", "\u00e9", "\u6f22", "\ud83d\ude00", "*")) {
                String name = unit.repeat(Math.max(1, n / PartnerFileName.bytes(unit)));
                names.add(name);
                String stem = PartnerFileName.stem(name, ".status.jsonl".length());
                int total = PartnerFileName.bytes(stem + ".status.jsonl");
                assertTrue(total <= PartnerFileName.MAX_DERIVED_BYTES, n + " " + unit + ": " + total);
                assertTrue(PartnerFileName.plain(stem), stem);
                assertTrue(PartnerFileName.bytes("." + stem + ".status.jsonl-9223372036854775807.part") <= 255);
                stems.add(stem);
                assertTrue(PartnerFileName.bytes(PartnerFileName.movable(name)) <= 255);
                assertTrue(PartnerFileName.bytes(PartnerFileName.local(name, 14)) + 14 <= 255);
            }
        }
        assertEquals(names.size(), stems.size(), "long names that start alike keep names of their own");
    }

    @Test
    void aShortPlainNameIsKeptAndOddNamesGetAPlainOneOfTheirOwn() {
        assertEquals("riverside-2026-11-15.csv", PartnerFileName.stem("riverside-2026-11-15.csv", 13));
        assertEquals("br[a]{b}.csv", PartnerFileName.stem("br[a]{b}.csv", 13));
        Set<String> stems = new HashSet<>();
        for (String name : ODD) {
            String stem = PartnerFileName.stem(name, 13);
            assertTrue(PartnerFileName.plain(stem), stem);
            assertFalse(stem.startsWith("."), stem);
            stems.add(stem);
        }
        assertEquals(ODD.size(), stems.size(), "names that differ only in case or in an odd character stay apart");
        assertEquals("star__.csv~" + PartnerFileName.logId("star*?.csv").substring(1), PartnerFileName.movable("star*?.csv"));
        assertEquals("nl\nINFO x.csv", PartnerFileName.movable("nl\nINFO x.csv"), "moved under its own name");
        assertEquals("back_slash.csv~" + PartnerFileName.logId("back\\slash.csv").substring(1), PartnerFileName.movable("back\\slash.csv"),
                "Camel would take the backslash of a target name for a folder");
    }

    @Test
    void logsGetAHashAndReportsSpellControlCharactersOut() {
        for (String name : ODD) {
            String id = PartnerFileName.logId(name);
            assertTrue(id.matches("#[0-9a-f]{8}"), id);
            assertFalse(PartnerFileName.shown(name).chars().anyMatch(Character::isISOControl), PartnerFileName.shown(name));
        }
        assertNotEquals(PartnerFileName.logId("Case.csv"), PartnerFileName.logId("case.csv"));
        assertEquals("nl\\nINFO x.csv", PartnerFileName.shown("nl\nINFO x.csv"));
        assertEquals("esc\\e[31m.csv", PartnerFileName.shown("esc\u001b[31m.csv"));
        assertEquals("soft\\u00ADhyphen.csv", PartnerFileName.shown("soft\u00adhyphen.csv"));
        assertTrue(PartnerFileName.unreadable("back\\slash.csv"));
        assertFalse(PartnerFileName.unreadable("star*?.csv"));
    }
}
