package org.retro278.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.ProjectFiles;

/** Retention: six years, purged daily, unless told otherwise; off with "off"; nonsense refused at load. */
class RuntimeSettingsRetentionTest {

    @TempDir
    Path dir;

    private RuntimeSettings.Retention load(String text) throws Exception {
        Path f = dir.resolve("application.properties");
        Files.writeString(f, text);
        return RuntimeSettings.load(f).retention();
    }

    @Test
    void theDefaultKeepsSixYearsAndPurgesDaily() throws Exception {
        RuntimeSettings.Retention d = load("");
        assertEquals(new RuntimeSettings.Retention(Duration.ofDays(2190), Duration.ofHours(24)), d);
        assertTrue(d.enabled());
        assertEquals(d, RuntimeSettings.load(ProjectFiles.path("config/application.properties")).retention(),
                "the shipped file only shows the defaults");
    }

    @Test
    void daysAndHoursCanBeSetOrRetentionTurnedOff() throws Exception {
        assertEquals(new RuntimeSettings.Retention(Duration.ofDays(400), Duration.ofHours(6)),
                load("retro278.retention.days=400\nretro278.retention.everyHours=6\n"));
        assertFalse(load("retro278.retention.days=off\n").enabled());
        for (String bad : new String[] {"retro278.retention.days=0", "retro278.retention.days=ten",
                "retro278.retention.everyHours=0"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(bad + "\n"), bad);
            assertTrue(e.getMessage().contains(bad.substring(0, bad.indexOf('='))), e.getMessage());
        }
    }
}
