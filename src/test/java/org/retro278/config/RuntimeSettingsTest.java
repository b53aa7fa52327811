package org.retro278.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.ProjectFiles;

/** The routes' folder names and timer defaults in application.properties. */
class RuntimeSettingsTest {

    @TempDir
    Path dir;

    @Test
    void theShippedSettingsAreTheDefaults() throws ConfigurationException {
        RuntimeSettings shipped = RuntimeSettings.load(ProjectFiles.path("config/application.properties"));
        RuntimeSettings d = RuntimeSettings.defaults();
        assertEquals(d.readFolders(), shipped.readFolders());
        assertEquals(d.pollTimes(), shipped.pollTimes());
        assertEquals(new RuntimeSettings.ReadFolders(".done", ".error", ".report.txt"), d.readFolders());
        assertEquals(new RuntimeSettings.PollTimes(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(1), 131_072,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(10)), d.pollTimes());
    }

    @Test
    void anEmptyFileMeansTheDefaults() throws Exception {
        RuntimeSettings s = RuntimeSettings.load(properties(""));
        assertEquals(RuntimeSettings.defaults(), s);
    }

    @Test
    void foldersAndTimesCanBeTuned() throws Exception {
        RuntimeSettings s = RuntimeSettings.load(properties("""
                retro278.folders.done=read
                retro278.folders.error=refused
                retro278.folders.reportSuffix=.why.txt
                retro278.practice.pollSeconds=30
                retro278.practice.quietSeconds=10
                retro278.status.pollMillis=5000
                retro278.status.bytesPerSecond=65536
                retro278.responses.minPollMillis=2000
                retro278.responses.quietMillis=3000
                retro278.practice.dotFileQuietSeconds=90
                """));
        assertEquals(new RuntimeSettings.ReadFolders("read", "refused", ".why.txt"), s.readFolders());
        assertEquals(new RuntimeSettings.PollTimes(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5), 65_536,
                Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(90)), s.pollTimes());
    }

    @Test
    void badValuesAreRefusedWithTheKey() throws Exception {
        for (String line : new String[] {"retro278.folders.done=../up", "retro278.folders.error=.", "retro278.folders.done=a/b",
                "retro278.folders.error=.done", "retro278.folders.reportSuffix=a b", "retro278.practice.pollSeconds=0",
                "retro278.practice.quietSeconds=x", "retro278.status.pollMillis=99", "retro278.status.bytesPerSecond=1023",
                "retro278.responses.quietMillis=3600001", "retro278.practice.dotFileQuietSeconds=0"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> RuntimeSettings.load(properties(line)),
                    line);
            String key = line.substring(0, line.indexOf('='));
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }

    @Test
    void aPracticeWithoutPollSecondsTakesTheSettingsDefault() throws Exception {
        RuntimeSettings.PollTimes times = new RuntimeSettings.PollTimes(Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(1), 131_072, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(10));
        PracticeProfile riverside = PracticeDirectory.load(ProjectFiles.path("config/practices"), times).find("RIVERSIDE")
                .orElseThrow();
        PracticeProfile shipped = PracticeDirectory.load(ProjectFiles.path("config/practices")).find("RIVERSIDE").orElseThrow();
        // the shipped practice file names its own times, which win over any default
        assertEquals(shipped.poll(), riverside.poll());
        assertEquals(shipped.quiet(), riverside.quiet());

        Path practices = Files.createDirectories(dir.resolve("practices"));
        String yaml = Files.readString(ProjectFiles.path("config/practices/RIVERSIDE.yaml"))
                .replaceAll("(?m)^(pollSeconds|quietSeconds):.*\\n", "");
        Files.writeString(practices.resolve("RIVERSIDE.yaml"), yaml);
        PracticeProfile bare = PracticeDirectory.load(practices, times).find("RIVERSIDE").orElseThrow();
        assertEquals(Duration.ofSeconds(30), bare.poll());
        assertEquals(Duration.ofSeconds(10), bare.quiet());
    }

    private Path properties(String text) throws IOException {
        return Files.writeString(dir.resolve("application.properties"), text);
    }
}
