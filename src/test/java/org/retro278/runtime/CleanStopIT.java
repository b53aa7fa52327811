package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code run} stopped by SIGTERM, as a service manager stops it: it closes cleanly and exits 0 (not 143). */
class CleanStopIT extends AdapterIT {

    @Test
    void sigtermStopsRunCleanlyWithExitStatusZero() throws Exception {
        try (AdapterHarness h = harness()) {
            Path log = tmp.resolve("run.log");
            Process p = new ProcessBuilder(h.command()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                AdapterHarness.await("run to start", Duration.ofSeconds(60), () -> {
                    try {
                        return Files.readString(log).contains("retro278 is running");
                    } catch (Exception e) {
                        return false;
                    }
                });
                p.destroy(); // SIGTERM
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "run did not stop");
            } finally {
                p.destroyForcibly();
            }
            String out = Files.readString(log);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("SIGTERM received, stopping"), out);
            assertTrue(out.contains("retro278 stopped"), "the adapter closed (routes, store): " + out);
        }
    }
}
