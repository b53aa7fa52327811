package org.retro278.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.ProjectFiles;
import org.retro278.sftp.PasswordHash;
import org.retro278.sftp.SftpConnection;

class PayerDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void theShippedPayersLoad() throws ConfigurationException {
        PayerDirectory d = PayerDirectory.load(ProjectFiles.path("config/payers"));
        PayerProfile a = d.find("PAYERA").orElseThrow();
        assertEquals("Acme Health Plan", a.name());
        assertEquals(90, a.retro().windowDays());
        assertTrue(a.retro().accepted());
        PayerProfile b = d.find("PAYERB").orElseThrow();
        assertEquals(30, b.retro().windowDays());
        assertTrue(b.retro().attachmentRequired());
        assertEquals('|', b.delimiters().element());
        assertEquals("30", b.ids().receiverQualifier());
        PayerProfile c = d.find("PAYERC").orElseThrow();
        assertFalse(c.retro().accepted());
        assertEquals("Cedar Care Medicare Advantage", c.name());
    }

    private Path payer(String name, String yaml) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    /** A payer profile without a gateway, for the tests of this package to add to. */
    static final String GOOD = """
            id: PAYERX
            name: Example
            interchange:
              senderQualifier: ZZ
              senderId: SUBMITTER
              receiverQualifier: ZZ
              receiverId: EXAMPLE
              applicationSender: SUBMITTER
              applicationReceiver: EXAMPLE
              usage: T
            retro:
              accepted: true
              windowDays: 60
            """;

    @Test
    void defaultsApply() throws Exception {
        payer("PAYERX", GOOD);
        PayerProfile p = PayerDirectory.load(dir).find("PAYERX").orElseThrow();
        assertEquals(5000, p.maxClaimsPerInterchange());
        assertTrue(p.acknowledgmentRequested());
        assertEquals('*', p.delimiters().element());
        assertFalse(p.retro().attachmentRequired());
    }

    @Test
    void aTypoIsNamedWithFileAndSetting() throws Exception {
        payer("PAYERX", GOOD.replace("windowDays: 60", "windowDays: 60\n  windowDay: 30"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> PayerDirectory.load(dir));
        assertTrue(e.getMessage().contains("PAYERX.yaml") && e.getMessage().contains("windowDay"), e.getMessage());
    }

    @Test
    void anIsaIdTooLongIsRefused() throws Exception {
        payer("PAYERX", GOOD.replace("senderId: SUBMITTER", "senderId: SUBMITTER12345678901"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> PayerDirectory.load(dir));
        assertTrue(e.getMessage().contains("interchange.senderId"), e.getMessage());
    }

    @Test
    void aMissingWindowIsRefusedWhenRetroIsAccepted() throws Exception {
        payer("PAYERX", GOOD.replace("  windowDays: 60\n", ""));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> PayerDirectory.load(dir));
        assertTrue(e.getMessage().contains("retro.windowDays"), e.getMessage());
    }

    @Test
    void delimitersMustNotCollideWithDataOrEachOther() throws Exception {
        payer("PAYERX", GOOD + "delimiters:\n  element: \"*\"\n  component: \"*\"\n");
        assertThrows(ConfigurationException.class, () -> PayerDirectory.load(dir));
        payer("PAYERX", GOOD + "delimiters:\n  element: \".\"\n");
        assertThrows(ConfigurationException.class, () -> PayerDirectory.load(dir));
    }

    @Test
    void theFileNameMustBeTheId() throws Exception {
        payer("OTHER", GOOD);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> PayerDirectory.load(dir));
        assertTrue(e.getMessage().contains("must match the file name"), e.getMessage());
    }

    @Test
    void aKnownHostsFileThatIsNotThereIsCaughtWhenTheConfigurationLoads() throws Exception {
        Path missing = dir.resolve("known_hosts/dogwood");
        String gateway = GOOD + """
                gateway:
                  sftp:
                    host: edi.example
                    user: sub1
                    knownHosts: %s
                  inboundFolder: inbound
                  outboundFolder: outbound
                """.formatted(missing);
        Path f = payer("PAYERX", gateway);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> PayerDirectory.loadFile(f));
        assertTrue(e.getMessage().startsWith(f + ": gateway.sftp.knownHosts: the pinned known_hosts file " + missing + " does not exist"),
                e.getMessage());
        Files.createDirectories(missing.getParent());
        Files.writeString(missing, "edi.example ssh-ed25519 AAAA\n");
        assertEquals(missing, PayerDirectory.loadFile(f).gateway().sftp().knownHosts());
    }

    @Test
    void aPrivateKeyFileThatIsNotThereIsCaughtToo() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "edi.example ssh-ed25519 AAAA\n");
        Path f = payer("PAYERX", GOOD + """
                gateway:
                  sftp:
                    host: edi.example
                    user: sub1
                    privateKey: %s
                    knownHosts: %s
                  inboundFolder: inbound
                  outboundFolder: outbound
                """.formatted(dir.resolve("no-such-key"), hosts));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> PayerDirectory.loadFile(f));
        assertTrue(e.getMessage().contains("gateway.sftp.privateKey: the private key file"), e.getMessage());
    }

    private Path embeddedPayerWithAccount(String account) throws Exception {
        return payer("PAYERX", GOOD + """
                gateway:
                  sftp:
                    host: embedded
                    user: payerx
                    account:
                %s
                  inboundFolder: inbound
                  outboundFolder: outbound
                """.formatted(account.indent(6).stripTrailing()));
    }

    @Test
    void anEmbeddedAccountTakesThePartnersOwnKeysAndPasswordHash() throws Exception {
        Path keys = Files.writeString(dir.resolve("authorized_keys"), "# the payer's test system\n"
                + "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH3MDj7962RqXAZLRbOc9FHirPKOMXGmviVX63uRY8pN payerx\n");
        String hash = PasswordHash.of("s3cret".toCharArray()).text();
        Path f = embeddedPayerWithAccount("authorizedKeys: " + keys + "\npasswordHash: '" + hash + "'");
        SftpConnection.PartnerLogin login = PayerDirectory.loadFile(f).gateway().sftp().partnerLogin();
        assertEquals(keys, login.authorizedKeys());
        assertTrue(login.passwordHash().matches("s3cret"));
        assertFalse(login.passwordHash().matches("S3cret"));
    }

    @Test
    void anEmbeddedAccountsMistakesAreCaughtWhenTheConfigurationLoads() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage"), "not a key at all\n");
        Path empty = Files.writeString(dir.resolve("empty"), "# no keys yet\n");
        Map<String, String> cases = Map.of(
                "authorizedKeys: " + dir.resolve("missing"), "gateway.sftp.account.authorizedKeys: the authorized_keys file",
                "authorizedKeys: " + garbage, "gateway.sftp.account.authorizedKeys: ",
                "authorizedKeys: " + empty, "holds no public key",
                "passwordHash: s3cret", "gateway.sftp.account.passwordHash: not a password hash",
                "passwordHash: 'pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'", "too weak",
                "password: s3cret", "unknown setting(s) [password] under gateway.sftp.account",
                "{}", "the account needs authorizedKeys, passwordHash or both");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path f = embeddedPayerWithAccount(c.getKey());
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> PayerDirectory.loadFile(f), c.getKey());
            assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(c.getValue()), c.getKey() + " -> " + e.getMessage());
            assertFalse(e.getMessage().contains("s3cret"), "a password pasted by mistake is not echoed: " + e.getMessage());
        }
    }

    @Test
    void anAccountIsOnlyForTheEmbeddedServer() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "edi.example ssh-ed25519 AAAA\n");
        Path keys = Files.writeString(dir.resolve("authorized_keys"),
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH3MDj7962RqXAZLRbOc9FHirPKOMXGmviVX63uRY8pN payerx\n");
        Path f = payer("PAYERX", GOOD + """
                gateway:
                  sftp:
                    host: edi.example
                    user: sub1
                    knownHosts: %s
                    account:
                      authorizedKeys: %s
                  inboundFolder: inbound
                  outboundFolder: outbound
                """.formatted(hosts, keys));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> PayerDirectory.loadFile(f));
        assertTrue(e.getMessage().contains("gateway.sftp.account: only for host: embedded"), e.getMessage());
    }

    @Test
    void aPasswordPastedWhereItsVariableBelongsIsRefusedWithoutRepeatingIt() throws Exception {
        Path f = payer("PAYERX", GOOD + """
                gateway:
                  sftp:
                    host: embedded
                    user: payerx
                    auth: password
                    passwordEnv: s3cret-Pw
                  inboundFolder: inbound
                  outboundFolder: outbound
                """);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> PayerDirectory.loadFile(f));
        assertTrue(e.getMessage().startsWith(f + ": gateway.sftp.passwordEnv: not the name of an environment variable"),
                e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }
}
