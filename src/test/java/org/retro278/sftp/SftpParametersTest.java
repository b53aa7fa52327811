package org.retro278.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.config.ConfigurationException;

/** The one set of endpoint options every route of a partner starts with. */
class SftpParametersTest {

    @TempDir
    Path dir;

    @Test
    void aKeyLoginPinsTheHostKeyAndUsesTheAdaptersKey() throws Exception {
        Path pin = Files.writeString(dir.resolve("payera.known_hosts"), "");
        AdapterKey key = AdapterKey.loadOrCreateIn(dir.resolve("keys"), Secrets.of(Map.of()));
        SftpConnection c = new SftpConnection("sftp.payer.example", 2022, "payera", SftpConnection.Auth.KEY, null, null, null,
                pin, null);
        Map<String, String> beans = new HashMap<>();
        Map<String, String> p = SftpParameters.of("payer PAYERA", c, null, key, Secrets.of(Map.of()), beans::put);
        assertEquals("sftp.payer.example", p.get("host"));
        assertEquals("2022", p.get("port"));
        assertEquals("payera", p.get("user"));
        assertEquals("strictHostKeyChecking=yes&useUserKnownHostsFile=false&knownHostsFile=RAW(" + pin.toAbsolutePath() + ")"
                + "&privateKeyFile=RAW(" + key.privateKeyFile().toAbsolutePath() + ")"
                + "&preferredAuthentications=publickey&connectTimeout=10000"
                + "&disconnect=false&serverAliveInterval=15000&serverAliveCountMax=3", p.get("sftpOptions"));
        assertEquals(Map.of(), beans, "no secret, no bean");
    }

    @Test
    void aPassphraseIsABeanReferenceNeverAnOptionValue() throws Exception {
        Path pin = Files.writeString(dir.resolve("payera.known_hosts"), "");
        Secrets env = Secrets.of(Map.of(AdapterKey.PASSPHRASE_VARIABLE, "s3cret pass&phrase"));
        AdapterKey key = AdapterKey.loadOrCreateIn(dir.resolve("keys"), env);
        SftpConnection c = new SftpConnection("sftp.payer.example", 22, "payera", SftpConnection.Auth.KEY, null, null, null,
                pin, null);
        Map<String, String> beans = new HashMap<>();
        String options = SftpParameters.of("payer PAYERA", c, null, key, env, beans::put).get("sftpOptions");
        assertTrue(options.contains("&privateKeyPassphrase=#bean:retro278-secret-payer-PAYERA-privateKeyPassphrase&"), options);
        assertFalse(options.contains("s3cret"), options);
        assertEquals(Map.of("retro278-secret-payer-PAYERA-privateKeyPassphrase", "s3cret pass&phrase"), beans);
    }

    @Test
    void aPasswordComesFromTheEnvironmentAsItIs() throws Exception {
        Path pin = Files.writeString(dir.resolve("payerb.known_hosts"), "");
        SftpConnection c = new SftpConnection("sftp.payer.example", 22, "payerb", SftpConnection.Auth.PASSWORD, null, null,
                "PAYERB_PASSWORD", pin, null);
        Map<String, String> beans = new HashMap<>();
        Map<String, String> p = SftpParameters.of("payer PAYERB", c, null, null, Secrets.of(Map.of("PAYERB_PASSWORD", "a+b&c%d")),
                beans::put);
        String options = p.get("sftpOptions");
        assertTrue(options.contains("&privateKeyFile=RAW()&password=#bean:retro278-secret-payer-PAYERB-password"
                + "&preferredAuthentications=password&"), options);
        assertEquals("a+b&c%d", beans.get("retro278-secret-payer-PAYERB-password"), "the password as it is");
        assertTrue(options.startsWith("strictHostKeyChecking=yes&useUserKnownHostsFile=false&knownHostsFile=RAW("), options);
    }

    @Test
    void aMissingPasswordVariableIsAConfigurationError() throws Exception {
        Path pin = Files.writeString(dir.resolve("payerb.known_hosts"), "");
        SftpConnection c = new SftpConnection("sftp.payer.example", 22, "payerb", SftpConnection.Auth.PASSWORD, null, null,
                "PAYERB_PASSWORD", pin, null);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SftpParameters.of("payer PAYERB", c, null, null, Secrets.of(Map.of()), (n, v) -> { }));
        assertTrue(e.getMessage().contains("PAYERB_PASSWORD"), e.getMessage());
    }

    @Test
    void theEmbeddedHostNeedsTheEmbeddedServer() {
        SftpConnection c = new SftpConnection(SftpConnection.EMBEDDED, 22, "riverside", SftpConnection.Auth.KEY, null, null,
                null, null, null);
        assertThrows(ConfigurationException.class, () -> SftpParameters.of("practice RIVERSIDE", c, null, null, Secrets.of(Map.of()),
                (n, v) -> { }));
    }
}
