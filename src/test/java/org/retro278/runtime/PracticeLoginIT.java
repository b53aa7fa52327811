package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.ProjectFiles;
import org.retro278.sftp.PasswordHash;
import org.retro278.sftp.Secrets;
import org.retro278.testing.Needs;
import org.retro278.testing.TestClock;

/**
 * A practice logs in to its drop box on the adapter's embedded SFTP server with its own credentials, as
 * docs/partners.md "Connecting as a practice" tells it to: the OpenSSH client with an Ed25519 key made by
 * {@code ssh-keygen} (its default type), the host key pinned from {@code work/sftp/known_hosts}, and a
 * password whose hash is in the partner file. It drops a claim file and fetches the status that comes back;
 * its credentials open its own account and no other.
 */
class PracticeLoginIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
    private static final Path SFTP_CLIENT = Path.of("/usr/bin/sftp");

    @TempDir
    Path tmp;

    @Test
    void aPracticeDropsClaimsAndFetchesItsStatusWithItsOwnEd25519KeyAndPassword() throws Exception {
        Needs.openSsh(SSH_KEYGEN);
        Needs.openSsh(SFTP_CLIENT);
        Path key = tmp.resolve("riverside_ed25519");
        run(List.of(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "riverside-pms", "-f", key.toString()));
        Path authorized = Files.copy(Path.of(key + ".pub"), tmp.resolve("riverside_authorized_keys"));
        Path config = installation(authorized, PasswordHash.of(PASSWORD.toCharArray()).text());

        try (Adapter adapter = Adapter.start(new Adapter.Options(config, ProjectFiles.path("mappings"), ProjectFiles.path("routes"),
                tmp.resolve("work"), 0, null, Secrets.of(Map.of()), TestClock.forSamples()))) {
            var server = adapter.embeddedServer();
            Path knownHosts = tmp.resolve("work/sftp/known_hosts");
            assertTrue(Files.readString(knownHosts).contains(server.host()), "the line a practice pins");

            // the OpenSSH client, strict host key checking, its own key only, no password prompt
            Path batch = Files.writeString(tmp.resolve("put.batch"), "put " + RiversideFile.SAMPLE + " drop/" + RiversideFile.NAME + "\n");
            Result put = sftp(server.port(), "riverside", key, knownHosts, batch);
            assertEquals(0, put.exit, put.out);

            Path outbox = server.home("riverside").resolve("outbox");
            AdapterHarness.await("a status file in riverside's outbox", Duration.ofSeconds(60), () -> !list(outbox).isEmpty());
            String status = list(outbox).get(0);
            Path fetched = tmp.resolve("fetched");
            Files.createDirectories(fetched);
            Path get = Files.writeString(tmp.resolve("get.batch"), "get outbox/" + status + " " + fetched.resolve(status) + "\n");
            Result got = sftp(server.port(), "riverside", key, knownHosts, get);
            assertEquals(0, got.exit, got.out);
            assertArrayEquals(Files.readAllBytes(outbox.resolve(status)), Files.readAllBytes(fetched.resolve(status)));

            // the same key opens no other account
            Path ls = Files.writeString(tmp.resolve("ls.batch"), "ls\n");
            Result other = sftp(server.port(), "westside", key, knownHosts, ls);
            assertNotEquals(0, other.exit, "riverside's key must not open westside's drop box: " + other.out);

            // the password, through another client (JSch), for practices whose software has no key support
            Session session = passwordSession(server.host(), server.port(), "riverside", knownHosts, PASSWORD);
            try {
                ChannelSftp c = (ChannelSftp) session.openChannel("sftp");
                c.connect(5000);
                List<String> names = new ArrayList<>();
                for (Object e : c.ls("/")) {
                    names.add(((ChannelSftp.LsEntry) e).getFilename());
                }
                assertTrue(names.containsAll(List.of("drop", "outbox")), names.toString());
                c.disconnect();
            } finally {
                session.disconnect();
            }
            assertThrows(JSchException.class, () -> passwordSession(server.host(), server.port(), "riverside", knownHosts, PASSWORD + "!"));
            assertThrows(JSchException.class, () -> passwordSession(server.host(), server.port(), "westside", knownHosts, PASSWORD));

            // the adapter's key for riverside opens riverside only; the adapter's own key opens no embedded account
            Path riversideKey = tmp.resolve("work/keys/embedded/riverside_ecdsa");
            keySession(server.host(), server.port(), "riverside", knownHosts, riversideKey).disconnect();
            for (String account : server.accountNames()) {
                if (!account.equals("riverside")) {
                    assertThrows(JSchException.class, () -> keySession(server.host(), server.port(), account, knownHosts, riversideKey),
                            "riverside's adapter key must not open " + account);
                }
                assertThrows(JSchException.class, () -> keySession(server.host(), server.port(), account, knownHosts,
                        tmp.resolve("work/keys/retro278_ecdsa")), "the adapter's own key must not open " + account);
            }
        }
    }

    /** The shipped configuration, with Riverside's own login added to its partner file. */
    private Path installation(Path authorizedKeys, String passwordHash) throws Exception {
        Path shipped = ProjectFiles.path("config");
        Path config = tmp.resolve("config");
        FileUtils.copyDirectory(shipped.toFile(), config.toFile());
        Path riverside = config.resolve("practices/RIVERSIDE.yaml");
        String yaml = Files.readString(riverside);
        String edited = yaml.replaceFirst("(?m)^  user: riverside$", Matcher.quoteReplacement("  user: riverside\n"
                + "  account:\n    authorizedKeys: " + authorizedKeys + "\n    passwordHash: '" + passwordHash + "'"));
        assertNotEquals(yaml, edited, "RIVERSIDE.yaml has no 'user: riverside' line to add the account to");
        Files.writeString(riverside, edited);
        return config;
    }

    private static List<String> list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private Result sftp(int port, String account, Path key, Path knownHosts, Path batch) throws Exception {
        return run(List.of(SFTP_CLIENT.toString(), "-b", batch.toString(), "-P", String.valueOf(port),
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "IdentityFile=" + key,
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "ConnectTimeout=10", "-F", "/dev/null", account + "@127.0.0.1"));
    }

    private static Session passwordSession(String host, int port, String account, Path knownHosts, String password) throws JSchException {
        JSch jsch = new JSch();
        jsch.setKnownHosts(knownHosts.toString());
        Session s = jsch.getSession(account, host, port);
        s.setConfig("StrictHostKeyChecking", "yes");
        s.setConfig("PreferredAuthentications", "password");
        s.setPassword(password.getBytes(StandardCharsets.UTF_8));
        s.connect(10_000);
        return s;
    }

    private static Session keySession(String host, int port, String account, Path knownHosts, Path key) throws JSchException {
        JSch jsch = new JSch();
        jsch.setKnownHosts(knownHosts.toString());
        jsch.addIdentity(key.toString());
        Session s = jsch.getSession(account, host, port);
        s.setConfig("StrictHostKeyChecking", "yes");
        s.setConfig("PreferredAuthentications", "publickey");
        s.connect(10_000);
        return s;
    }

    private record Result(int exit, String out) {
    }

    private Result run(List<String> command) throws Exception {
        Path out = Files.createTempFile(tmp, "cmd", ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish: " + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out));
    }
}
