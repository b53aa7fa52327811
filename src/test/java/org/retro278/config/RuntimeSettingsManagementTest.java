package org.retro278.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.ProjectFiles;

/** The management port's settings: on at 127.0.0.1:9278 unless told otherwise, off with "off", a token by its variable. */
class RuntimeSettingsManagementTest {

    @TempDir
    Path dir;

    private RuntimeSettings.Management load(String text) throws Exception {
        Path f = dir.resolve("application.properties");
        Files.writeString(f, text);
        return RuntimeSettings.load(f).management();
    }

    @Test
    void theDefaultIsLoopbackOn9278WithoutAToken() throws Exception {
        RuntimeSettings.Management d = load("");
        assertEquals(new RuntimeSettings.Management("127.0.0.1", 9278, false, null), d);
        assertTrue(d.enabled());
        assertEquals(d, RuntimeSettings.load(ProjectFiles.path("config/application.properties")).management(),
                "the shipped file only shows the defaults");
        assertEquals(new RuntimeSettings.Management("127.0.0.1", 9278, false, "RETRO278_MANAGEMENT_TOKEN"),
                RuntimeSettings.load(ProjectFiles.path("demo/config/application.properties")).management(),
                "the demo names a token: the console's login");
    }

    @Test
    void httpsTakesAKeystoreAndTheVariableOfItsPassword() throws Exception {
        assertEquals(new RuntimeSettings.Tls(Path.of("/etc/retro278/management.p12"), "KEYSTORE_PASSWORD"), load("""
                retro278.management.tls.keystore=/etc/retro278/management.p12
                retro278.management.tls.keystorePasswordEnv=KEYSTORE_PASSWORD
                """).tls());
        for (String half : new String[] {"retro278.management.tls.keystore=a.p12",
                "retro278.management.tls.keystorePasswordEnv=KEYSTORE_PASSWORD"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(half), half);
            assertTrue(e.getMessage().contains("go together"), e.getMessage());
        }
    }

    @Test
    void portBindAndTokenCanBeSet() throws Exception {
        assertEquals(new RuntimeSettings.Management("0.0.0.0", 9400, true, "OPS_TOKEN"), load("""
                retro278.management.port=9400
                retro278.management.bind=0.0.0.0
                retro278.management.tokenEnv=OPS_TOKEN
                """));
        assertEquals(0, load("retro278.management.port=0").port());
        RuntimeSettings.Management off = load("retro278.management.port=off");
        assertFalse(off.enabled());
    }

    @Test
    void badValuesAreRefusedWithTheKey() {
        for (String line : new String[] {"retro278.management.port=65536", "retro278.management.port=-1",
                "retro278.management.port=none", "retro278.management.tokenEnv=not a name",
                "retro278.management.tls.keystorePasswordEnv=not a name\nretro278.management.tls.keystore=a.p12"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(line), line);
            assertTrue(e.getMessage().contains(line.substring(0, line.indexOf('='))), e.getMessage());
        }
    }
}
