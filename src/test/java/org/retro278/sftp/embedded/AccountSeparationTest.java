package org.retro278.sftp.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.sftp.AccountKeys;
import org.retro278.sftp.AdapterKey;
import org.retro278.sftp.Secrets;

/**
 * Each account of the embedded server is opened by its own credentials only: the adapter's key pair for
 * account A opens A and not B, a partner's authorized key opens its own account, and the adapter's key
 * for an account is not accepted from another machine.
 */
class AccountSeparationTest {

    @TempDir
    Path tmp;

    @Test
    void aKeyForOneAccountOpensNoOtherAccount() throws Exception {
        AccountKeys keys = new AccountKeys(tmp.resolve("keys"), Secrets.of(Map.of()));
        AdapterKey a = keys.forAccount("practice-a");
        AdapterKey b = keys.forAccount("practice-b");
        assertNotEquals(a.fingerprint(), b.fingerprint(), "one key pair per account");
        assertEquals(tmp.resolve("keys/embedded/practice-a_ecdsa"), a.privateKeyFile());
        SftpServerExtension.assertOwnerOnly(a.privateKeyFile());
        SftpServerExtension.assertOwnerOnly(tmp.resolve("keys/embedded"));
        AdapterKey shared = AdapterKey.loadOrCreateIn(tmp.resolve("keys"), Secrets.of(Map.of()));
        try (EmbeddedSftpServer server = EmbeddedSftpServer.builder(tmp.resolve("sftp")).port(0)
                .account(SftpAccount.named("practice-a").withAdapterKey(a.publicKey()))
                .account(SftpAccount.named("practice-b").withAdapterKey(b.publicKey()))
                .account(SftpAccount.named("payer").withAdapterKey(keys.forAccount("payer").publicKey()))
                .start()) {
            Path knownHosts = server.writeKnownHosts();
            Files.writeString(server.home("practice-b").resolve("status.csv"), "b's status");
            login(server, knownHosts, "practice-a", a.privateKeyFile()).disconnect();
            login(server, knownHosts, "practice-b", b.privateKeyFile()).disconnect();
            assertThrows(JSchException.class, () -> login(server, knownHosts, "practice-b", a.privateKeyFile()));
            assertThrows(JSchException.class, () -> login(server, knownHosts, "payer", a.privateKeyFile()));
            assertThrows(JSchException.class, () -> login(server, knownHosts, "practice-a", b.privateKeyFile()));
            // the adapter's own key (for partners' servers) opens no embedded account unless listed
            for (String account : server.accountNames()) {
                assertThrows(JSchException.class, () -> login(server, knownHosts, account, shared.privateKeyFile()), account);
            }
            Session s = login(server, knownHosts, "practice-a", a.privateKeyFile());
            try {
                ChannelSftp c = (ChannelSftp) s.openChannel("sftp");
                c.connect(5000);
                assertThrows(Exception.class, () -> c.get("../practice-b/status.csv").readAllBytes());
            } finally {
                s.disconnect();
            }
        }
    }

    @Test
    void anAdapterKeyIsAcceptedOnlyFromThisMachineAndAPartnerKeyFromAnywhere() throws Exception {
        AccountKeys keys = new AccountKeys(tmp.resolve("keys"), Secrets.of(Map.of()));
        AdapterKey adapter = keys.forAccount("practice-a");
        AdapterKey partner = AdapterKey.loadOrCreate(tmp.resolve("partner_ecdsa"), (char[]) null);
        SftpAccount account = SftpAccount.named("practice-a").withAdapterKey(adapter.publicKey())
                .withAuthorizedKey(partner.publicKey());
        assertTrue(account.acceptsKey(adapter.publicKey(), true));
        assertFalse(account.acceptsKey(adapter.publicKey(), false));
        assertTrue(account.acceptsKey(partner.publicKey(), false));
        assertTrue(LocalAddresses.isLocal(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1)));
        assertFalse(LocalAddresses.isLocal(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 1)));
        assertFalse(account.toString().contains(adapter.fingerprint()));
    }

    private static Session login(EmbeddedSftpServer server, Path knownHosts, String account, Path key) throws JSchException {
        JSch jsch = new JSch();
        jsch.setKnownHosts(knownHosts.toString());
        jsch.addIdentity(key.toString());
        Session s = jsch.getSession(account, server.host(), server.port());
        s.setConfig("StrictHostKeyChecking", "yes");
        s.setConfig("PreferredAuthentications", "publickey");
        s.connect(5000);
        return s;
    }
}
