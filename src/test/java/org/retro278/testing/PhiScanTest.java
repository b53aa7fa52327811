package org.retro278.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.retro278.logging.LibraryDataCap;
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

    @Test
    @EnabledIfSystemProperty(named = "retro278.phiScan", matches = "true")
    void everyLoggerIsAtDebugDuringTheScanAndTheShippedCapsApply() throws IOException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        List<String> held = heldByTheShippedLevels();
        assertTrue(held.size() > 5, "levels.xml holds libraries: " + held);
        for (String name : held) {
            assertEquals(Level.DEBUG, context.getLogger(name).getEffectiveLevel(), name + " is at DEBUG during the scan");
        }
        for (ch.qos.logback.classic.Logger l : context.getLoggerList()) {
            assertTrue(Level.DEBUG.isGreaterOrEqual(l.getEffectiveLevel()), l.getName() + " is at DEBUG or below");
        }
        List<LibraryDataCap> caps = context.getTurboFilterList().stream().filter(LibraryDataCap.class::isInstance)
                .map(LibraryDataCap.class::cast).toList();
        assertEquals(1, caps.size(), "the shipped caps apply, once");
        assertEquals(Level.INFO, caps.get(0).capOf("org.smooks.cartridges.javabean.BeanMapExpressionEvaluator"));
    }

    /** The library loggers that the shipped levels.xml gives a level. */
    private static List<String> heldByTheShippedLevels() throws IOException {
        try (InputStream in = PhiScanTest.class.getResourceAsStream("/org/retro278/logging/levels.xml")) {
            Matcher m = Pattern.compile("<logger name=\"([^\"]+)\" level=").matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<String> out = new ArrayList<>();
            while (m.find()) {
                if (!m.group(1).startsWith("org.retro278")) {
                    out.add(m.group(1));
                }
            }
            return out;
        }
    }
}
