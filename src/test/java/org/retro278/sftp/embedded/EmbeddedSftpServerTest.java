package org.retro278.sftp.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.retro278.sftp.embedded.SftpServerExtension.assertOwnerOnly;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.sftp.KnownHosts;
import org.retro278.sftp.SshKeyFiles;

/** The embedded server on its own, through JSch (the SSH library under camel-sftp). */
class EmbeddedSftpServerTest {

    @RegisterExtension
    static final SftpServerExtension SFTP = SftpServerExtension.builder()
            .keyAccount("payera", "practice")
            .passwordAccount("payerb", "correct horse")
            .build();

    @Test
    void listensOnLoopbackOnTheFreePortItPickedAndStartsFast() throws Exception {
        assertEquals("127.0.0.1", SFTP.host());
        assertTrue(SFTP.port() > 0);
        assertTrue(SFTP.firstStartMillis() < 2000, "first start took " + SFTP.firstStartMillis() + " ms");
        SFTP.stop();
        long t0 = System.nanoTime();
        SFTP.start();
        long restart = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(restart < 1000, "restart took " + restart + " ms");
        System.out.printf("embedded SFTP server: first start %d ms, restart %d ms%n", SFTP.firstStartMillis(), restart);
    }

    @Test
    void pinsItsHostKeyAsClientsLookItUp() throws Exception {
        String line = SFTP.server().knownHostsLine();
        assertEquals("[127.0.0.1]:" + SFTP.port() + " ecdsa-sha2-nistp256 "
                + SshKeyFiles.publicKeyLine(SFTP.server().hostPublicKey()).split(" ")[1], line);
        assertEquals(line + "\n", Files.readString(SFTP.knownHostsFile()));
        assertTrue(KnownHosts.line("127.0.0.1", 22, SFTP.server().hostPublicKey()).startsWith("127.0.0.1 ecdsa-sha2-nistp256 "));
        assertOwnerOnly(SFTP.knownHostsFile());
    }

    @Test
    void keepsItsHostKeyOwnerOnlyAcrossRestartsAndNewInstances() throws Exception {
        EmbeddedSftpServer server = SFTP.server();
        String before = server.hostKeyFingerprint();
        assertOwnerOnly(server.hostKeyFile());
        assertOwnerOnly(server.root());
        assertOwnerOnly(server.home("payera"));
        SFTP.stop();
        SFTP.start();
        assertEquals(before, server.hostKeyFingerprint());
        // a second server on the same folder (what the next run of the adapter does) reads the same key
        EmbeddedSftpServer again = EmbeddedSftpServer.builder(server.root()).port(0).build();
        assertEquals(before, again.hostKeyFingerprint());
        assertTrue(Files.readString(server.hostKeyFile()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"));
    }

    @Test
    void anAccountLogsInWithTheAdapterKeyAndSeesOnlyItsHome() throws Exception {
        Files.writeString(SFTP.home("practice").resolve("other-account.txt"), "not for payera");
        Session session = keySession("payera");
        try {
            ChannelSftp sftp = sftp(session);
            assertEquals("/", sftp.pwd());
            sftp.put(new ByteArrayInputStream("hello".getBytes(StandardCharsets.US_ASCII)), "/../../escape.txt");
            sftp.mkdir("outbox");
            sftp.put(new ByteArrayInputStream("x".getBytes(StandardCharsets.US_ASCII)), "outbox/a.x12");
            assertEquals(List.of("escape.txt", "outbox"), names(sftp.ls("/")));
            assertEquals(List.of("escape.txt", "outbox"), names(sftp.ls("/../..")));
            SftpException e = assertThrows(SftpException.class, () -> sftp.get("../practice/other-account.txt"));
            assertEquals(ChannelSftp.SSH_FX_NO_SUCH_FILE, e.id);
            SftpException link = assertThrows(SftpException.class, () -> sftp.symlink("/outbox/a.x12", "link"));
            assertEquals(ChannelSftp.SSH_FX_PERMISSION_DENIED, link.id);
        } finally {
            session.disconnect();
        }
        Path home = SFTP.home("payera");
        assertEquals("hello", Files.readString(home.resolve("escape.txt")));
        assertFalse(Files.exists(SFTP.server().root().resolve("escape.txt")));
        assertOwnerOnly(home.resolve("escape.txt"));
        assertOwnerOnly(home.resolve("outbox"));
        assertOwnerOnly(home.resolve("outbox/a.x12"));
    }

    @Test
    void aChmodCannotOpenAFileToOthers() throws Exception {
        Session session = keySession("payera");
        try {
            ChannelSftp sftp = sftp(session);
            sftp.put(new ByteArrayInputStream(new byte[] {1}), "f");
            sftp.chmod(0644, "f");
        } finally {
            session.disconnect();
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(SFTP.home("payera").resolve("f"))));
    }

    @Test
    void aPasswordAccountLogsInWithItsPasswordOnly() throws Exception {
        Session ok = passwordSession("payerb", "correct horse");
        try {
            ChannelSftp sftp = sftp(ok);
            sftp.put(new ByteArrayInputStream(new byte[] {1}), "in.txt");
        } finally {
            ok.disconnect();
        }
        assertTrue(Files.exists(SFTP.home("payerb").resolve("in.txt")));
        JSchException wrong = assertThrows(JSchException.class, () -> passwordSession("payerb", "wrong"));
        assertTrue(wrong.getMessage().startsWith("Auth fail"), wrong.getMessage());
        // the adapter key is not authorized for payerb, and unknown accounts get nowhere
        assertThrows(JSchException.class, () -> keySession("payerb"));
        assertThrows(JSchException.class, () -> keySession("nobody"));
        assertThrows(JSchException.class, () -> passwordSession("payera", "correct horse"));
    }

    @Test
    void offersNoShellNoExecAndNoForwarding() throws Exception {
        Session session = keySession("payera");
        try {
            ChannelExec exec = (ChannelExec) session.openChannel("exec");
            exec.setCommand("id");
            assertThrows(JSchException.class, () -> exec.connect(3000));
            assertThrows(JSchException.class, () -> session.openChannel("shell").connect(3000));
            int local;
            try (ServerSocket s = new ServerSocket(0)) {
                local = s.getLocalPort();
            }
            session.setPortForwardingL("127.0.0.1", local, "127.0.0.1", SFTP.port());
            // the tunnel listens locally, but the server refuses to open the direct-tcpip channel
            try (Socket s = new Socket("127.0.0.1", local)) {
                s.setSoTimeout(3000);
                int b;
                try {
                    b = s.getInputStream().read();
                } catch (IOException e) {
                    b = -1;
                }
                assertEquals(-1, b, "no SSH banner through a forwarded port");
            }
            assertTrue(session.isConnected());
        } finally {
            session.disconnect();
        }
    }

    @Test
    void aRegeneratedHostKeyIsRefusedByClientsThatPinnedTheOldOne(@TempDir Path tmp) throws Exception {
        Path oldPin = SFTP.server().writeKnownHosts(tmp.resolve("known_hosts"));
        String old = SFTP.server().hostKeyFingerprint();
        SFTP.server().regenerateHostKey();
        assertFalse(old.equals(SFTP.server().hostKeyFingerprint()));
        JSchException e = assertThrows(JSchException.class, () -> session("payera", oldPin, null));
        assertTrue(e.getMessage().startsWith("HostKey has been changed: [127.0.0.1]:" + SFTP.port()), e.getMessage());
        // pinning the new key lets it in again
        SFTP.server().writeKnownHosts(SFTP.knownHostsFile());
        keySession("payera").disconnect();
    }

    @Test
    void refusesToStartOnATakenPort() throws Exception {
        EmbeddedSftpServer second = EmbeddedSftpServer.builder(SFTP.dir().resolve("second")).port(SFTP.port()).build();
        IOException e = assertThrows(IOException.class, second::start);
        assertTrue(e.getMessage().contains(":" + SFTP.port()), e.getMessage());
        assertFalse(second.isRunning());
    }

    @Test
    void anAccountCanTakeItsKeysFromAnAuthorizedKeysFile(@TempDir Path tmp) throws Exception {
        Path authorized = tmp.resolve("authorized_keys");
        Files.writeString(authorized, "# the adapter\n"
                + "no-pty,no-port-forwarding " + SFTP.adapterKey().authorizedKeysLine() + "\n"
                + SshKeyFiles.publicKeyLine(SshKeyFiles.generate().getPublic()) + " someone-else\n");
        SftpAccount account = SftpAccount.named("practice").withAuthorizedKeysFile(authorized);
        assertEquals(2, account.authorizedKeys().size());
        try (EmbeddedSftpServer own = EmbeddedSftpServer.builder(tmp.resolve("sftp")).port(0).account(account).start()) {
            JSch jsch = new JSch();
            jsch.setKnownHosts(own.writeKnownHosts().toString());
            jsch.addIdentity(SFTP.adapterKeyFile().toString());
            Session s = jsch.getSession("practice", own.host(), own.port());
            s.setConfig("StrictHostKeyChecking", "yes");
            s.connect(5000);
            assertTrue(s.isConnected());
            s.disconnect();
        }
    }

    @Test
    void accountNamesAreSafeFolderNames() {
        for (String bad : new String[] {"", "..", ".hidden", "-x", "a/b", "a b", "x".repeat(33)}) {
            assertThrows(IllegalArgumentException.class, () -> SftpAccount.named(bad), bad);
        }
        assertEquals("payer_a-1.test", SftpAccount.named("payer_a-1.test").name());
        assertThrows(IllegalArgumentException.class, () -> SftpAccount.named("a").withPassword(new char[0]));
        assertFalse(SftpAccount.named("a").withPassword("pw".toCharArray()).toString().contains("pw"));
    }

    // --- JSch plumbing ---------------------------------------------------------------------------

    static Session keySession(String account) throws JSchException {
        return session(account, SFTP.knownHostsFile(), null);
    }

    static Session passwordSession(String account, String password) throws JSchException {
        return session(account, SFTP.knownHostsFile(), password);
    }

    static Session session(String account, Path knownHosts, String password) throws JSchException {
        JSch jsch = new JSch();
        jsch.setKnownHosts(knownHosts.toString());
        if (password == null) {
            jsch.addIdentity(SFTP.adapterKeyFile().toString());
        }
        Session s = jsch.getSession(account, SFTP.host(), SFTP.port());
        s.setConfig("StrictHostKeyChecking", "yes");
        if (password != null) {
            s.setPassword(password.getBytes(StandardCharsets.UTF_8));
            s.setConfig("PreferredAuthentications", "password");
        } else {
            s.setConfig("PreferredAuthentications", "publickey");
        }
        s.connect(5000);
        return s;
    }

    static ChannelSftp sftp(Session session) throws JSchException {
        ChannelSftp c = (ChannelSftp) session.openChannel("sftp");
        c.connect(5000);
        return c;
    }

    static List<String> names(Vector<ChannelSftp.LsEntry> entries) {
        List<String> names = new ArrayList<>();
        for (ChannelSftp.LsEntry e : entries) {
            if (!e.getFilename().equals(".") && !e.getFilename().equals("..")) {
                names.add(e.getFilename());
            }
        }
        names.sort(null);
        return names;
    }
}
