package org.retro278.sftp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.retro278.io.SecureFiles;

/**
 * A real OpenSSH {@code sshd} (Debian package {@code openssh-server}; {@code .ci/openssh.sh} installs it)
 * run as a child process of the test, to prove that what works against the embedded server works
 * against the SFTP servers partners actually run.
 *
 * <p>Everything lives in one folder: a freshly generated ECDSA host key, the config file, the
 * authorized_keys file and the home the SFTP session starts in. It listens on a free loopback port,
 * accepts only the current OS user with the given key (no passwords, no PAM), and offers only SFTP:
 * {@code ForceCommand internal-sftp -d <home>}, no TTY, no forwarding. There is no chroot: it would need
 * a root-owned path down to the folder, which temporary folders are not; the session simply starts in
 * {@code home}, and tests use relative paths.
 */
final class OpenSshServer implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Process process;
    private final Path dir;
    private final int port;
    private final PublicKey hostKey;
    private final String user;

    private OpenSshServer(Process process, Path dir, int port, PublicKey hostKey, String user) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.hostKey = hostKey;
        this.user = user;
    }

    static boolean installed() {
        return Files.isExecutable(SSHD);
    }

    /** Starts sshd in {@code dir}, letting in the current user with {@code authorizedKeysLine}. */
    static OpenSshServer start(Path dir, String authorizedKeysLine) throws IOException, InterruptedException {
        SecureFiles.createPrivateDirectories(dir);
        Path home = SecureFiles.createPrivateDirectories(dir.resolve("home"));
        Path hostKeyFile = dir.resolve("ssh_host_ecdsa_key");
        KeyPair hostKey = SshKeyFiles.generate();
        SshKeyFiles.write(hostKey, hostKeyFile, "openssh-test-host", null);
        Path authorizedKeys = dir.resolve("authorized_keys");
        SecureFiles.writeAtomically(authorizedKeys, out -> out.write((authorizedKeysLine + "\n").getBytes(StandardCharsets.US_ASCII)));
        String user = System.getProperty("user.name");
        ensurePrivilegeSeparationDirectory();

        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path config = dir.resolve("sshd_config");
            Files.writeString(config, config(port, hostKeyFile, authorizedKeys, home, user));
            SecureFiles.restrict(config);
            check(config);
            Path log = dir.resolve("sshd.log");
            Process p = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                awaitListening(p, port, log);
                return new OpenSshServer(p, dir, port, hostKey.getPublic(), user);
            } catch (IOException e) {
                stop(p);
                last = e;
            }
        }
        throw last;
    }

    private static String config(int port, Path hostKey, Path authorizedKeys, Path home, String user) {
        return String.join("\n", List.of(
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile none",
                "AuthorizedKeysFile " + authorizedKeys,
                // the files sit in a temporary folder under /tmp, which StrictModes would refuse
                "StrictModes no",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "HostbasedAuthentication no",
                "UsePAM no",
                "PermitRootLogin prohibit-password",
                "AllowUsers " + user,
                "PermitTTY no",
                "PermitTunnel no",
                "PermitUserRC no",
                "AllowTcpForwarding no",
                "AllowStreamLocalForwarding no",
                "AllowAgentForwarding no",
                "X11Forwarding no",
                "Subsystem sftp internal-sftp",
                "ForceCommand internal-sftp -d " + home,
                "LogLevel INFO",
                ""));
    }

    /** As root, sshd wants its privilege separation folder, which only the ssh service normally creates. */
    private static void ensurePrivilegeSeparationDirectory() throws IOException {
        Path run = Path.of("/run/sshd");
        if ("root".equals(System.getProperty("user.name")) && !Files.isDirectory(run)) {
            Files.createDirectories(run, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
    }

    private static void check(Path config) throws IOException, InterruptedException {
        Process t = new ProcessBuilder(SSHD.toString(), "-t", "-f", config.toString()).redirectErrorStream(true).start();
        String out = new String(t.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!t.waitFor(10, TimeUnit.SECONDS) || t.exitValue() != 0) {
            throw new IOException("sshd refuses the test configuration: " + out.strip());
        }
    }

    private static void awaitListening(Process p, int port, Path log) throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            if (!p.isAlive()) {
                throw new IOException("sshd exited with " + p.exitValue() + ": " + Files.readString(log).strip());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("sshd did not listen on port " + port + " within 10 s: " + Files.readString(log).strip());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    String host() {
        return "127.0.0.1";
    }

    int port() {
        return port;
    }

    /** The OS user it lets in. */
    String user() {
        return user;
    }

    /** The folder SFTP sessions start in. */
    Path home() {
        return dir.resolve("home");
    }

    PublicKey hostKey() {
        return hostKey;
    }

    /** A known_hosts file pinning its host key under {@code [127.0.0.1]:PORT}. */
    Path writeKnownHosts(Path file) throws IOException {
        return KnownHosts.write(file, List.of(KnownHosts.line(host(), port, hostKey)));
    }

    /** What sshd logged (connections, authentications, errors). */
    String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"));
    }

    /** Stops sshd and any session processes it forked. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
