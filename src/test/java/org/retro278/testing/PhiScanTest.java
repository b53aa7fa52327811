package org.retro278.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log scan itself: it knows the fixtures' PHI, leaves out what is not PHI, and sees DEBUG lines. */
class PhiScanTest {

    @Test
    void theFixturesPhiIsKnownAndWhatIsNotPhiIsLeftOut() {
        Set<String> v = FixturePhi.values();
        for (String phi : List.of("AHP100200301", "Okafor", "Adaeze", "1984-03-12", "19840312", "S52501A", // riverside
                "HOLLOWAY", "DESMOND", "19660422", "M2551", // pm-export
                "MEM000111", "Kx9-passphrase-Qz7", "Wm4-password-Vb8")) {
            assertTrue(v.contains(phi), phi + " is searched for");
        }
        for (String notPhi : List.of("F", "M", "1", "Acme Health Plan", "Riverside Family Clinic", "Riverside")) {
            assertFalse(v.contains(notPhi), notPhi + " is not PHI");
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "retro278.phiScan", matches = "true")
    void aDebugLineWithPhiIsAHit() {
        Logger log = LoggerFactory.getLogger("org.retro278.testing.probe");
        assertTrue(log.isDebugEnabled(), "org.retro278 logs at DEBUG during the scan");
        assertTrue(LoggerFactory.getLogger("com.opencsv.probe").isDebugEnabled(), "libraries levels.xml does not hold too");
        PhiScan.drain();
        log.debug("member {} of the probe", "AHP100200301");
        log.debug("no PHI in CLM1001-AHP100200301X or in this line");
        List<String> hits = PhiScan.drain();
        PhiScan.retract(hits);
        assertEquals(1, hits.size(), hits.toString());
        assertTrue(hits.get(0).contains("'AHP100200301'"), hits.get(0));
    }
}
