package org.retro278.sftp.embedded;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.retro278.io.SecureFiles;
import org.retro278.sftp.KnownHosts;
import org.retro278.sftp.SshKeyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SFTP server inside the adapter's JVM, on Apache MINA SSHD, for the default installation, the demo
 * and the tests: it stands in for practice drop boxes and payer gateways. It is not meant to serve real
 * partners.
 *
 * <p>What it offers is SFTP and nothing else: no shell, no exec, no port, agent or X11 forwarding, no
 * links. Each {@link SftpAccount} sees only its own home folder, {@code <root>/home/<account>/}, as its
 * {@code /}; symbolic links found there on disk are not followed ({@link OwnerOnlyFileAccess}). Everything the server writes is owner-only: the folders, the host key, the known_hosts
 * file and the files clients upload.
 *
 * <p>Layout of the root folder:
 * <pre>
 * ssh_host_ecdsa_key(.pub)   host key, generated on first start and kept (clients pin it)
 * known_hosts                written by {@link #writeKnownHosts()}: the line clients pin
 * home/&lt;account&gt;/            each account's files
 * </pre>
 *
 * <p>It listens on loopback ({@value #LOOPBACK}) unless told otherwise. Port 0 picks a free port on
 * the first start; later starts reuse it, so a test can stop the server ("gateway down") and start it
 * again at the same address. Logs go through SLF4J and name accounts and ports, never file names or
 * contents.
 */
public final class EmbeddedSftpServer implements AutoCloseable {

    /** Port of the default installation. */
    public static final int DEFAULT_PORT = 2222;
    public static final String LOOPBACK = "127.0.0.1";
    public static final String HOST_KEY_FILE = "ssh_host_ecdsa_key";
    public static final String KNOWN_HOSTS_FILE = "known_hosts";
    public static final String HOMES_DIR = "home";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSftpServer.class);

    private final Path root;
    private final String bindAddress;
    private final Map<String, SftpAccount> accounts;
    private final AtomicReference<KeyPair> hostKey = new AtomicReference<>();
    private final AtomicLong sessionsOpened = new AtomicLong();
    private int port;
    private SshServer sshd;

    private EmbeddedSftpServer(Path root, String bindAddress, int port, Map<String, SftpAccount> accounts) {
        this.root = root;
        this.bindAddress = bindAddress;
        this.port = port;
        this.accounts = accounts;
    }

    /** Configures a server whose state lives in {@code root} (created owner-only if missing). */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** Settings of a server before it is built. */
    public static final class Builder {
        private final Path root;
        private String bindAddress = LOOPBACK;
        private int port = DEFAULT_PORT;
        private final Map<String, SftpAccount> accounts = new LinkedHashMap<>();

        private Builder(Path root) {
            this.root = root.toAbsolutePath().normalize();
        }

        /** The address to listen on; loopback by default. */
        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The TCP port; 0 picks a free one at the first start ({@value #DEFAULT_PORT} by default). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a TCP port: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder account(SftpAccount account) {
            if (accounts.putIfAbsent(account.name(), account) != null) {
                throw new IllegalArgumentException("account " + account.name() + " is configured twice");
            }
            return this;
        }

        public Builder accounts(Collection<SftpAccount> list) {
            list.forEach(this::account);
            return this;
        }

        /** Creates the folders and loads (or generates) the host key; does not listen yet. */
        public EmbeddedSftpServer build() throws IOException {
            EmbeddedSftpServer server = new EmbeddedSftpServer(root, bindAddress, port, Map.copyOf(accounts));
            server.prepare();
            return server;
        }

        /** {@link #build()} and {@link EmbeddedSftpServer#start()}. */
        public EmbeddedSftpServer start() throws IOException {
            return build().start();
        }
    }

    private void prepare() throws IOException {
        SecureFiles.createPrivateDirectories(root);
        for (String name : accounts.keySet()) {
            SecureFiles.createPrivateDirectories(home(name));
        }
        Path keyFile = hostKeyFile();
        if (Files.exists(keyFile)) {
            SecureFiles.restrict(keyFile);
            hostKey.set(SshKeyFiles.read(keyFile, null));
        } else {
            regenerateHostKey();
        }
    }

    /**
     * Starts listening (again, after {@link #stop()}: on the same port). Returns this server.
     *
     * @throws IOException when the port is taken or the server cannot start
     */
    public synchronized EmbeddedSftpServer start() throws IOException {
        if (sshd != null) {
            return this;
        }
        long t0 = System.nanoTime();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(bindAddress);
        server.setPort(port);
        // a provider that reads the current key, so that regenerateHostKey() applies to the next session
        server.setKeyPairProvider(session -> List.of(hostKey.get()));
        server.setPublickeyAuthenticator((user, key, session) -> {
            SftpAccount account = accounts.get(user);
            boolean ok = account != null && account.acceptsKey(key, LocalAddresses.isLocal(session.getClientAddress()));
            if (!ok) {
                LOG.debug("SFTP key not accepted for account '{}'", printable(user));
            }
            return ok;
        });
        server.setPasswordAuthenticator((user, password, session) -> {
            SftpAccount account = accounts.get(user);
            boolean ok = account != null && account.acceptsPassword(password);
            if (!ok) {
                LOG.info("SFTP password login refused for account '{}'", printable(user));
            }
            return ok;
        });
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessionsOpened.incrementAndGet();
            }
        });
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        // sessions only (no direct-tcpip channels); in them only the sftp subsystem: no shell, no exec
        server.setChannelFactories(List.of(ChannelSessionFactory.INSTANCE));
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setShellFactory(null);
        server.setCommandFactory(null);
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.setFileSystemAccessor(new OwnerOnlyFileAccess());
        server.setSubsystemFactories(List.of(sftp));
        VirtualFileSystemFactory homes = new VirtualFileSystemFactory();
        for (String name : accounts.keySet()) {
            homes.setUserHomeDir(name, home(name));
        }
        server.setFileSystemFactory(homes);
        try {
            server.start();
        } catch (BindException e) {
            closeQuietly(server);
            throw new IOException("cannot listen on " + bindAddress + ":" + port + " (" + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(server);
            throw e;
        }
        port = boundPort(server);
        sshd = server;
        LOG.info("Embedded SFTP server listening on {}:{} for {} account(s), host key {} {} ({} ms)", bindAddress, port,
                accounts.size(), SshKeyFiles.KEY_TYPE, hostKeyFingerprint(), (System.nanoTime() - t0) / 1_000_000);
        return this;
    }

    /** Stops listening and closes every session at once; the server can be started again. */
    public synchronized void stop() {
        if (sshd == null) {
            return;
        }
        SshServer server = sshd;
        sshd = null;
        closeQuietly(server);
        LOG.info("Embedded SFTP server on {}:{} stopped", bindAddress, port);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** SSH sessions clients opened since this server was made, across restarts: whether they keep their sessions. */
    public long sessionsOpened() {
        return sessionsOpened.get();
    }

    /**
     * Closes every open session and keeps listening, as a server's idle timeout or a broken connection does.
     *
     * @return how many sessions were closed
     */
    public synchronized int closeSessions() {
        if (sshd == null) {
            return 0;
        }
        List<AbstractSession> open = sshd.getActiveSessions();
        for (AbstractSession s : open) {
            s.close(true);
        }
        return open.size();
    }

    public synchronized boolean isRunning() {
        return sshd != null && sshd.isStarted();
    }

    /** The port it listens on (or will, when started again). */
    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("the port is chosen at the first start");
        }
        return port;
    }

    /**
     * The host clients should name in their URIs and known_hosts lines: the bind address, or
     * {@value #LOOPBACK} when listening on every interface.
     */
    public String host() {
        return bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? LOOPBACK : bindAddress;
    }

    public Path root() {
        return root;
    }

    /** The folder an account sees as {@code /}. */
    public Path home(String account) {
        if (!accounts.containsKey(account)) {
            throw new IllegalArgumentException("no SFTP account " + account);
        }
        return root.resolve(HOMES_DIR).resolve(account);
    }

    public Set<String> accountNames() {
        return accounts.keySet();
    }

    public Path hostKeyFile() {
        return root.resolve(HOST_KEY_FILE);
    }

    public PublicKey hostPublicKey() {
        return hostKey.get().getPublic();
    }

    /** {@code SHA256:...}, as {@code ssh-keygen -l} and {@code ssh} print it. */
    public String hostKeyFingerprint() {
        return SshKeyFiles.fingerprint(hostPublicKey());
    }

    /** The line clients pin: {@code [127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA...} ({@code host} alone on port 22). */
    public String knownHostsLine() {
        return KnownHosts.line(host(), port(), hostPublicKey());
    }

    /** Writes {@link #knownHostsLine()} to {@code <root>/known_hosts} and returns that file. */
    public Path writeKnownHosts() throws IOException {
        return writeKnownHosts(root.resolve(KNOWN_HOSTS_FILE));
    }

    /** Writes (replaces) {@code file} with {@link #knownHostsLine()}, owner-only. */
    public Path writeKnownHosts(Path file) throws IOException {
        return KnownHosts.write(file, List.of(knownHostsLine()));
    }

    /**
     * Replaces the host key with a new one (file and memory); sessions opened from now on see the new key,
     * so clients that pinned the old one refuse to connect until they pin the new one.
     */
    public void regenerateHostKey() throws IOException {
        KeyPair keys = SshKeyFiles.generate();
        SshKeyFiles.write(keys, hostKeyFile(), "retro278-embedded-sftp", null);
        hostKey.set(keys);
        LOG.info("Embedded SFTP server host key is {} {}", SshKeyFiles.KEY_TYPE, SshKeyFiles.fingerprint(keys.getPublic()));
    }

    private static int boundPort(SshServer server) {
        List<Integer> ports = new ArrayList<>();
        for (SocketAddress a : server.getBoundAddresses()) {
            if (a instanceof InetSocketAddress inet) {
                ports.add(inet.getPort());
            }
        }
        return ports.isEmpty() ? server.getPort() : ports.get(0);
    }

    private static void closeQuietly(SshServer server) {
        try {
            server.stop(true);
        } catch (IOException e) {
            LOG.warn("Embedded SFTP server did not stop cleanly: {}", e.toString());
        }
    }

    /** A login name as received, cut short and stripped of control characters before it is logged. */
    private static String printable(String user) {
        if (user == null) {
            return "";
        }
        String s = user.length() > 40 ? user.substring(0, 40) + "..." : user;
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
