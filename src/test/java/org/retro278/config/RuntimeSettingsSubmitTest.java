package org.retro278.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.ProjectFiles;

/** The submission and response-retry settings of application.properties: defaults, own values, mistakes named. */
class RuntimeSettingsSubmitTest {

    @TempDir
    Path dir;

    private RuntimeSettings load(String text) throws Exception {
        Path file = dir.resolve("application.properties");
        Files.writeString(file, text);
        return RuntimeSettings.load(file);
    }

    @Test
    void theShippedFilesKeepTodaysFileNamesAndBackOff() throws Exception {
        for (String config : new String[] {"config", "demo/config"}) {
            RuntimeSettings s = RuntimeSettings.load(ProjectFiles.path(config + "/application.properties"));
            assertEquals("retro278-{payer}-{isa13}.x12", s.interchangeFileName(), config);
            assertEquals(Duration.ofSeconds(2), s.retryBackoffFirst(), config);
            assertEquals(Duration.ofMinutes(5), s.retryBackoffMax(), config);
            assertEquals(new RuntimeSettings.Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5)), s.responseRetry(), config);
        }
    }

    @Test
    void anInstallationSetsItsOwn() throws Exception {
        RuntimeSettings s = load("retro278.submit.fileName=278-{isa13}.edi\n"
                + "retro278.submit.retryBackoff.firstSeconds=10\nretro278.submit.retryBackoff.maxSeconds=600\n");
        assertEquals("278-{isa13}.edi", s.interchangeFileName());
        assertEquals(Duration.ofSeconds(10), s.retryBackoffFirst());
        assertEquals(Duration.ofMinutes(10), s.retryBackoffMax());
        assertEquals(new RuntimeSettings.Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5)), s.responseRetry(), "its own default");
    }

    @Test
    void aResponseFileRetriesOnItsOwnBackOff() throws Exception {
        RuntimeSettings s = load("retro278.responses.retryBackoff.firstSeconds=30\nretro278.responses.retryBackoff.maxSeconds=3600\n");
        assertEquals(new RuntimeSettings.Backoff(Duration.ofSeconds(30), Duration.ofHours(1)), s.responseRetry());
        assertEquals(Duration.ofSeconds(2), s.retryBackoffFirst(), "the upload back-off is another setting");
    }

    @Test
    void mistakesAreNamedWithTheirKey() {
        for (String bad : new String[] {"retro278.submit.fileName=retro278-{payer}.x12",
                "retro278.submit.fileName=.hidden-{isa13}", "retro278.submit.fileName=out/{isa13}.x12",
                "retro278.submit.retryBackoff.firstSeconds=0", "retro278.submit.retryBackoff.maxSeconds=soon",
                "retro278.submit.retryBackoff.firstSeconds=60\nretro278.submit.retryBackoff.maxSeconds=30",
                "retro278.responses.retryBackoff.firstSeconds=0",
                "retro278.responses.retryBackoff.firstSeconds=60\nretro278.responses.retryBackoff.maxSeconds=30"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(bad), bad);
            String key = bad.substring(bad.lastIndexOf('\n') + 1, bad.lastIndexOf('='));
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }
}
