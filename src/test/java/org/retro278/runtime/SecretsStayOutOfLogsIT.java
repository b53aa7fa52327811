package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.retro278.testing.ProjectFiles;
import org.retro278.logging.PhiMaskingConverter;
import org.retro278.logging.PhiMaskingThrowableConverter;
import org.retro278.sftp.AdapterKey;
import org.retro278.sftp.PasswordHash;
import org.retro278.sftp.Secrets;
import org.retro278.testing.TestClock;
import org.slf4j.LoggerFactory;

/**
 * With every logger at DEBUG, then TRACE, the adapter runs end to end with a passphrase-protected key (the
 * adapter's own and its account keys) and a practice that logs in with a password; neither secret appears
 * in any log event, as logged (the source keeps it out) or as the shipped pattern prints it; and the PHI scan
 * finds no fixture's PHI either, the shipped caps holding at TRACE too.
 */
class SecretsStayOutOfLogsIT {

    private static final String PASSPHRASE = "Kx9-passphrase-Qz7";
    private static final String PASSWORD = "Wm4-password-Vb8";
    private static final String PASSWORD_ENV = "WESTSIDE_SFTP_PASSWORD";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"DEBUG", "TRACE"})
    void noSecretAppearsAtAnyLevel(String level) throws Exception {
        Path config = installation();
        Map<Logger, Level> before = everyLoggerAt(Level.toLevel(level));
        try (LogCapture log = new LogCapture()) {
            try (Adapter adapter = Adapter.start(new Adapter.Options(config, ProjectFiles.path("mappings"), ProjectFiles.path("routes"),
                    tmp.resolve("work"), 0, null, Secrets.of(Map.of(AdapterKey.PASSPHRASE_VARIABLE, PASSPHRASE, PASSWORD_ENV, PASSWORD)),
                    TestClock.forSamples()))) {
                drop(adapter, "riverside", RiversideFile.SAMPLE);
                drop(adapter, "westside", ProjectFiles.path("sample-edi/claims/pm-export-2026-11-15.csv"));
                Path riverside = adapter.embeddedServer().home("riverside").resolve("outbox");
                Path westside = adapter.embeddedServer().home("westside").resolve("outbox");
                // riverside's routes log in with its passphrase-protected key, westside's with the password
                AdapterHarness.await("status files for both practices", Duration.ofSeconds(90),
                        () -> count(riverside) > 0 && count(westside) > 0);
            }
            List<ILoggingEvent> events = log.events();
            assertFalse(events.isEmpty());
            PatternLayout shipped = new PatternLayout();
            shipped.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
            shipped.getInstanceConverterMap().put("maskedMsg", PhiMaskingConverter::new);
            shipped.getInstanceConverterMap().put("maskedEx", PhiMaskingThrowableConverter::new);
            shipped.setPattern("%logger - %maskedMsg%n%maskedEx");
            shipped.start();
            int debug = 0;
            for (ILoggingEvent e : events) {
                if (!e.getLevel().isGreaterOrEqual(Level.INFO)) {
                    debug++;
                }
                String raw = LogCapture.text(e);
                String printed = shipped.doLayout(e);
                for (String secret : List.of(PASSPHRASE, PASSWORD)) {
                    if (raw.contains(secret)) {
                        fail("a " + e.getLevel() + " event of " + e.getLoggerName() + " carries a secret: " + raw);
                    }
                    if (printed.contains(secret)) {
                        fail("the shipped pattern prints a secret (" + e.getLoggerName() + "): " + printed);
                    }
                }
            }
            assertTrue(debug > 100, "the run logged at " + level + " (" + debug + " events below INFO)");
        } finally {
            // every logger, libraries included, at DEBUG then TRACE: the shipped caps (data-caps.xml) keep the data
            // the libraries handle out, so the PHI scan holds here as everywhere, nothing excused
            before.forEach(Logger::setLevel);
        }
    }

    /** Sets every configured logger, and the root, to {@code level}; returns the levels to put back. */
    private static Map<Logger, Level> everyLoggerAt(Level level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Map<Logger, Level> before = new LinkedHashMap<>();
        for (Logger l : context.getLoggerList()) {
            before.put(l, l.getLevel());
            l.setLevel(l.getName().equals(Logger.ROOT_LOGGER_NAME) ? level : null);
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level);
        return before;
    }

    /** The shipped configuration; Westside's routes log in with a password (its hash on the account). */
    private Path installation() throws IOException {
        Path shipped = ProjectFiles.path("config");
        Path config = tmp.resolve("config");
        FileUtils.copyDirectory(shipped.toFile(), config.toFile());
        Path westside = config.resolve("practices/WESTSIDE.yaml");
        String yaml = Files.readString(westside).replace("  auth: key", "  auth: password\n  passwordEnv: " + PASSWORD_ENV
                + "\n  account:\n    passwordHash: '" + PasswordHash.of(PASSWORD.toCharArray()).text() + "'");
        Files.writeString(westside, yaml);
        return config;
    }

    private static void drop(Adapter adapter, String account, Path sample) throws IOException {
        Path drop = adapter.embeddedServer().home(account).resolve("drop");
        Path part = drop.resolve("." + sample.getFileName() + ".part");
        Files.copy(sample, part);
        Files.move(part, drop.resolve(sample.getFileName().toString()));
    }

    private static long count(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
