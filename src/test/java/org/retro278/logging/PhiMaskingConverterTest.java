package org.retro278.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PhiMaskingConverterTest {

    private static final List<String> PHI = List.of("DOE", "JANE", "W123456789", "19800102", "R1084", "12 MAIN ST",
            "SPRINGFIELD", "5551234567");

    @Test
    void x12SegmentsThatCarryPhiLoseTheirElementsWhateverTheDelimiter() {
        String masked = PhiMaskingConverter.mask("segment NM1*IL*1*DOE*JANE****MI*W123456789~DMG*D8*19800102*F~"
                + " then HI|ABK:R1084 and N3^12 MAIN ST and N4+SPRINGFIELD+IL+62701");
        for (String value : PHI.subList(0, 7)) {
            assertFalse(masked.contains(value), value + " in " + masked);
        }
        assertTrue(masked.contains("NM1*[masked]"), masked);
        assertTrue(masked.contains("DMG*[masked]"), masked);
        assertTrue(masked.contains("HI|[masked]"), masked);
    }

    @Test
    void valuesAfterKeysThatNamePhiAreMaskedAndOtherTextIsKept() {
        String masked = PhiMaskingConverter.mask("claim CLM1001 member_id=W123456789, \"subscriber_last_name\": \"DOE\","
                + " dob: 19800102; diagnosis_codes=R1084 state=SENT count 3");
        for (String value : List.of("W123456789", "DOE", "19800102", "R1084")) {
            assertFalse(masked.contains(value), value + " in " + masked);
        }
        assertTrue(masked.contains("claim CLM1001"), masked);
        assertTrue(masked.contains("state=SENT count 3"), masked);
    }

    @Test
    void plainMessagesAreUntouched() {
        String line = "interchange 000000123 for PAYERA sent: 3 claims, ISA13 000000123, file retro278-PAYERA-000000123.x12";
        assertEquals(line, PhiMaskingConverter.mask(line));
        assertEquals("", PhiMaskingConverter.mask(""));
        assertEquals(null, PhiMaskingConverter.mask(null));
    }

    /** The production logback.xml, as {@code run} uses it: the message and the exception's message are masked. */
    @Test
    void theShippedLogPatternMasksMessagesAndExceptionMessages() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL shipped = getClass().getClassLoader().getResource("logback.xml");
        assertNotNull(shipped, "src/main/resources/logback.xml on the class path");
        configurator.doConfigure(shipped);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>) root.getAppender("STDERR");
        String pattern = ((PatternLayoutEncoder) console.getEncoder()).getPattern();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        Exception cause = new IllegalStateException("cannot read segment NM1*IL*1*DOE*JANE****MI*W123456789");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), root, Level.ERROR,
                "parsing failed near DMG*D8*19800102*F for member_id=W123456789", new RuntimeException("wrapped", cause), null);
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertTrue(line.contains("parsing failed near DMG*[masked]"), line);
        assertTrue(line.contains("IllegalStateException: cannot read segment NM1*[masked]"), line);
        for (String value : List.of("DOE", "JANE", "W123456789", "19800102")) {
            assertFalse(line.contains(value), value + " reached the log line: " + line);
        }
        context.stop();
    }

    @Test
    void secretsAfterKeysThatNameThemAreMaskedInUrisAndDebugLines() {
        String uri = "sftp://payera@127.0.0.1:2222/inbound?knownHostsFile=RAW(/w/known_hosts)&privateKeyFile=RAW(/w/k)"
                + "&privateKeyPassphrase=RAW(p@ss) phr)ase&+%)&password=RAW(a+b&c)&preferredAuthentications=publickey";
        String masked = PhiMaskingConverter.mask(uri);
        assertEquals("sftp://payera@127.0.0.1:2222/inbound?knownHostsFile=RAW(/w/known_hosts)&privateKeyFile=RAW(/w/k)"
                + "&privateKeyPassphrase=[masked]&password=[masked]&preferredAuthentications=publickey", masked);
        for (String line : List.of("password=hunter2", "Password: hunter2", "\"passphrase\": \"hunter2\"", "db.secret=hunter2",
                "token=hunter2;", "storePassword = 'hunter2'", "credentials:hunter2")) {
            String m = PhiMaskingConverter.mask("config " + line + " end");
            assertFalse(m.contains("hunter2"), m);
            assertTrue(m.contains("[masked]"), m);
        }
        // our own wording around secrets stays readable: names of variables, what failed
        for (String kept : List.of("SFTP password login refused for account 'westside'",
                "wrong or missing passphrase (RETRO278_SFTP_KEY_PASSPHRASE)", "passwordEnv: WESTSIDE_SFTP_PASSWORD")) {
            assertEquals(kept, PhiMaskingConverter.mask(kept));
        }
    }

    @Test
    void anExceptionMessageWithASecretIsMaskedByMaskedEx() {
        PhiMaskingThrowableConverter converter = new PhiMaskingThrowableConverter();
        converter.start();
        LoggingEvent e = new LoggingEvent("x", (Logger) LoggerFactory.getLogger("x"), Level.ERROR, "failed",
                new IllegalStateException("cannot connect to sftp://a@h/x?password=RAW(hunter2)&x=1"), null);
        String out = converter.convert(e);
        assertFalse(out.contains("hunter2"), out);
        assertTrue(out.contains("password=[masked]&x=1"), out);
    }
}
