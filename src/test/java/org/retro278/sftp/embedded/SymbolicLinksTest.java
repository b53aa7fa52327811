package org.retro278.sftp.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Symbolic links made on the server's disk inside a home (by someone with access to the machine, or a
 * misconfigured share) lead nowhere: reading, listing, writing, renaming, chmod and removing through a
 * link fail, nothing outside the home changes, and a link in a drop folder is not listed, so it is never
 * read as a claim file. Real links (Files.createSymbolicLink), a real client (JSch).
 */
class SymbolicLinksTest {

    @RegisterExtension
    static final SftpServerExtension SFTP = SftpServerExtension.builder().keyAccount("payera", "other").build();

    private Path outside;
    private Path secret;
    private Path home;

    @BeforeEach
    void links() throws Exception {
        outside = Files.createDirectories(SFTP.dir().resolve("outside"));
        secret = Files.writeString(outside.resolve("secret.txt"), "PHI of another partner");
        Files.writeString(SFTP.home("other").resolve("status.csv"), "other's status");
        home = SFTP.home("payera");
        Files.createDirectories(home.resolve("drop"));
        Files.writeString(home.resolve("drop/real.csv"), "a real claim file");
        Files.createSymbolicLink(home.resolve("file-link"), secret);
        Files.createSymbolicLink(home.resolve("dir-link"), outside);
        Files.createSymbolicLink(home.resolve("relative-link"), Path.of("../other"));
        Files.createSymbolicLink(home.resolve("drop/claims.csv"), SFTP.home("other").resolve("status.csv"));
        Files.createSymbolicLink(home.resolve("drop/inside.csv"), home.resolve("drop/real.csv"));
    }

    @Test
    void nothingOutsideTheHomeCanBeReadOrListedThroughALink() throws Exception {
        withSftp(sftp -> {
            assertEquals(List.of("drop"), names(sftp.ls("/")), "links are not listed");
            assertEquals(List.of("real.csv"), names(sftp.ls("drop")), "a link in a drop folder is not offered");
            for (String path : List.of("file-link", "dir-link/secret.txt", "relative-link/status.csv", "drop/claims.csv",
                    "drop/inside.csv", "/../../outside/secret.txt", "dir-link/../dir-link/secret.txt")) {
                assertThrows(SftpException.class, () -> read(sftp, path), path);
            }
            for (String dir : List.of("dir-link", "relative-link", "dir-link/.")) {
                assertThrows(SftpException.class, () -> sftp.ls(dir), dir);
            }
            assertThrows(SftpException.class, () -> sftp.stat("file-link"));
            assertThrows(SftpException.class, () -> sftp.readlink("file-link"));
            assertThrows(SftpException.class, () -> sftp.realpath("dir-link"));
            assertEquals("a real claim file", read(sftp, "drop/real.csv"));
        });
    }

    @Test
    void nothingOutsideTheHomeCanBeWrittenRenamedOrChangedThroughALink() throws Exception {
        withSftp(sftp -> {
            assertThrows(SftpException.class, () -> put(sftp, "file-link", "overwritten"));
            assertThrows(SftpException.class, () -> put(sftp, "dir-link/new.txt", "planted"));
            assertThrows(SftpException.class, () -> put(sftp, "relative-link/planted.csv", "planted"));
            assertThrows(SftpException.class, () -> sftp.mkdir("dir-link/sub"));
            put(sftp, "mine.txt", "mine");
            assertThrows(SftpException.class, () -> sftp.rename("mine.txt", "dir-link/moved.txt"));
            assertThrows(SftpException.class, () -> sftp.rename("dir-link/secret.txt", "stolen.txt"));
            assertThrows(SftpException.class, () -> sftp.rename("drop/claims.csv", "drop/.done/claims.csv"));
            assertThrows(SftpException.class, () -> sftp.chmod(0600, "file-link"));
            assertThrows(SftpException.class, () -> sftp.rm("dir-link/secret.txt"));
            assertThrows(SftpException.class, () -> sftp.rm("file-link"));
        });
        assertEquals("PHI of another partner", Files.readString(secret));
        assertEquals(List.of("secret.txt"), list(outside));
        assertEquals(List.of("status.csv"), list(SFTP.home("other")));
        assertTrue(Files.exists(home.resolve("mine.txt")));
        assertFalse(Files.exists(home.resolve("stolen.txt")));
        assertTrue(Files.isSymbolicLink(home.resolve("file-link")), "the link itself is left as it was");
    }

    private interface SftpWork {
        void run(ChannelSftp sftp) throws Exception;
    }

    private static void withSftp(SftpWork work) throws Exception {
        JSch jsch = new JSch();
        jsch.setKnownHosts(SFTP.knownHostsFile().toString());
        jsch.addIdentity(SFTP.adapterKeyFile().toString());
        Session s = jsch.getSession("payera", SFTP.host(), SFTP.port());
        s.setConfig("StrictHostKeyChecking", "yes");
        s.connect(5000);
        try {
            ChannelSftp c = (ChannelSftp) s.openChannel("sftp");
            c.connect(5000);
            work.run(c);
        } catch (JSchException e) {
            throw new AssertionError(e);
        } finally {
            s.disconnect();
        }
    }

    private static String read(ChannelSftp sftp, String path) throws Exception {
        try (var in = sftp.get(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void put(ChannelSftp sftp, String path, String text) throws SftpException {
        sftp.put(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), path);
    }

    private static List<String> list(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> names(Vector<ChannelSftp.LsEntry> entries) {
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
