package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.ProjectFiles;
import org.retro278.logging.LogFile;
import org.retro278.sftp.Secrets;
import org.retro278.testing.TestClock;

/**
 * After an end-to-end run of the shipped installation (embedded SFTP server, simulated payers, H2 store,
 * a good claim file and a refused one, the log in a file as the demo keeps it) no file or folder in the
 * work directory is open to group or others: the store's files, keys, spool, quarantine and .error copies,
 * the simulator's answers, the homes of the embedded server, lock files and the log.
 */
class OwnerOnlyWorkDirIT {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @TempDir
    Path tmp;

    @Test
    void everyFileAndFolderOfTheWorkDirectoryIsOwnerOnlyAfterARun() throws Exception {
        Path work = tmp.resolve("work");
        Path config = tmp.resolve("config");
        copy(ProjectFiles.path("config"), config);
        Files.createDirectories(work);
        try (var log = LogFile.redirectTo(work.resolve("logs/retro278.log")).orElse(null);
             Adapter adapter = Adapter.start(new Adapter.Options(config, ProjectFiles.path("mappings"), ProjectFiles.path("routes"),
                     work, 0, null, Secrets.of(Map.of()), TestClock.forSamples()))) {
            Path drop = adapter.embeddedServer().home("riverside").resolve("drop");
            upload(adapter, Files.readAllBytes(RiversideFile.SAMPLE), RiversideFile.NAME);
            upload(adapter, "not,a,claim,file\n1,2,3\n".getBytes(StandardCharsets.US_ASCII), "refused.csv");
            Path outbox = adapter.embeddedServer().home("riverside").resolve("outbox");
            AdapterHarness.await("status files and an answer from each simulated payer", Duration.ofSeconds(90), () ->
                    count(outbox) > 0 && count(drop.resolve(".error")) > 0 && count(drop.resolve(".done")) > 0
                    && count(adapter.embeddedServer().home("payera").resolve("outbound")) > 0);
            assertTrue(Files.exists(work.resolve("db/retro278.lock.db")), "H2's lock file, while the adapter runs");
            assertEquals(List.of(), openToOthers(work), "while running: files and folders open to group or others");
        }
        assertTrue(Files.exists(work.resolve("logs/retro278.log")));
        assertTrue(count(work) > 5, "the run wrote its files");
        assertEquals(List.of(), openToOthers(work), "after the run: files and folders open to group or others");
    }

    private static List<String> openToOthers(Path work) throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> all = Files.walk(work)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Set<PosixFilePermission> perms;
                try {
                    perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue; // a temporary file removed while we walked
                }
                perms.retainAll(GROUP_OR_OTHERS);
                if (!perms.isEmpty()) {
                    open.add(work.relativize(p) + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                }
            }
        }
        return open;
    }

    /** As the practice uploads: through the embedded server (here with riverside's key), under a dot name, renamed. */
    private static void upload(Adapter adapter, byte[] content, String name) throws Exception {
        JSch jsch = new JSch();
        jsch.setKnownHosts(adapter.workDir().resolve("sftp/known_hosts").toString());
        jsch.addIdentity(adapter.workDir().resolve("keys/embedded/riverside_ecdsa").toString());
        Session s = jsch.getSession("riverside", adapter.embeddedServer().host(), adapter.embeddedServer().port());
        s.setConfig("StrictHostKeyChecking", "yes");
        s.connect(10_000);
        try {
            ChannelSftp c = (ChannelSftp) s.openChannel("sftp");
            c.connect(10_000);
            c.put(new ByteArrayInputStream(content), "drop/." + name + ".part");
            c.rename("drop/." + name + ".part", "drop/" + name);
            c.disconnect();
        } finally {
            s.disconnect();
        }
    }

    private static long count(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
