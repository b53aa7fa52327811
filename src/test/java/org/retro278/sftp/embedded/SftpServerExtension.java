package org.retro278.sftp.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.retro278.sftp.AdapterKey;

/**
 * The one way SFTP integration tests get an SFTP server: an {@link EmbeddedSftpServer} on a free
 * loopback port in a fresh temporary folder, with the adapter's key pair generated there and the
 * server's host key pinned in a known_hosts file, exactly as an installation is set up.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final SftpServerExtension SFTP = SftpServerExtension.builder()
 *         .keyAccount("payera")                   // logs in with the adapter key
 *         .passwordAccount("payerb", "s3cret")    // logs in with a password
 *         .build();
 * </pre>
 *
 * <p>Register it on a {@code static} field: the server starts once per test class. Before each test
 * it is running (started again if a test stopped it), every account home is empty and the
 * known_hosts file pins the current host key. Tests drop and inspect files through {@link #home}.
 */
public final class SftpServerExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final List<String> keyAccounts;
    private final Map<String, String> passwordAccounts;
    private final String adapterKeyPassphrase;

    private Path dir;
    private AdapterKey adapterKey;
    private EmbeddedSftpServer server;
    private Path knownHosts;
    private long firstStartMillis;

    private SftpServerExtension(Builder b) {
        this.keyAccounts = List.copyOf(b.keyAccounts);
        this.passwordAccounts = Map.copyOf(b.passwordAccounts);
        this.adapterKeyPassphrase = b.adapterKeyPassphrase;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Accounts and keys of the server under test. */
    public static final class Builder {
        private final List<String> keyAccounts = new ArrayList<>();
        private final Map<String, String> passwordAccounts = new LinkedHashMap<>();
        private String adapterKeyPassphrase;

        private Builder() {
        }

        /** Accounts that accept the adapter's key. */
        public Builder keyAccount(String... names) {
            keyAccounts.addAll(List.of(names));
            return this;
        }

        /** An account that accepts this password (and no key). */
        public Builder passwordAccount(String name, String password) {
            passwordAccounts.put(name, password);
            return this;
        }

        /** Writes the adapter's private key encrypted with this passphrase. */
        public Builder adapterKeyPassphrase(String passphrase) {
            this.adapterKeyPassphrase = passphrase;
            return this;
        }

        public SftpServerExtension build() {
            return new SftpServerExtension(this);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("retro278-sftp-");
        adapterKey = AdapterKey.loadOrCreate(dir.resolve("keys").resolve(AdapterKey.DEFAULT_FILE_NAME),
                adapterKeyPassphrase == null ? null : adapterKeyPassphrase.toCharArray());
        EmbeddedSftpServer.Builder b = EmbeddedSftpServer.builder(dir.resolve("sftp")).port(0);
        for (String name : keyAccounts) {
            b.account(SftpAccount.named(name).withAuthorizedKey(adapterKey.publicKey()));
        }
        passwordAccounts.forEach((name, pw) -> b.account(SftpAccount.named(name).withPassword(pw.toCharArray())));
        long t0 = System.nanoTime();
        server = b.start();
        firstStartMillis = (System.nanoTime() - t0) / 1_000_000;
        knownHosts = server.writeKnownHosts(dir.resolve("known_hosts"));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (server == null) {
            throw new IllegalStateException("register SftpServerExtension on a static field");
        }
        server.start();
        for (String account : server.accountNames()) {
            emptyFolder(server.home(account));
        }
        server.writeKnownHosts(knownHosts);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            deleteTree(dir);
        }
    }

    /** The server itself (host key, regeneration, ...). */
    public EmbeddedSftpServer server() {
        return server;
    }

    public String host() {
        return server.host();
    }

    public int port() {
        return server.port();
    }

    /** The known_hosts file that pins the server's current host key. */
    public Path knownHostsFile() {
        return knownHosts;
    }

    public AdapterKey adapterKey() {
        return adapterKey;
    }

    /** The adapter's private key file. */
    public Path adapterKeyFile() {
        return adapterKey.privateKeyFile();
    }

    /** An account's home on local disk: what the account sees as {@code /}. */
    public Path home(String account) {
        return server.home(account);
    }

    /** The temporary folder of this test class (free for the test's own files). */
    public Path dir() {
        return dir;
    }

    /** How long the first start took, in milliseconds. */
    public long firstStartMillis() {
        return firstStartMillis;
    }

    /** Stops the server: connections fail until {@link #start()}. */
    public void stop() {
        server.stop();
    }

    /** Starts the server again on the same port with the same host key. */
    public void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A camel-sftp URI for {@code account} and {@code folder} with the host-key options of an
     * installation, followed by {@code options} ({@code name=value}, joined with {@code &}).
     */
    public String uri(String account, String folder, String... options) {
        StringBuilder uri = new StringBuilder("sftp://").append(account).append('@').append(host()).append(':').append(port())
                .append('/').append(folder)
                .append("?strictHostKeyChecking=yes&useUserKnownHostsFile=false&knownHostsFile=").append(knownHosts);
        for (String o : options) {
            uri.append('&').append(o);
        }
        return uri.toString();
    }

    /** {@code privateKeyFile=...}: log in with the adapter's key. */
    public String keyAuth() {
        return "privateKeyFile=" + adapterKeyFile();
    }

    private static void emptyFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                deleteTree(child);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Asserts that a file or folder the server wrote is owner-only ({@code rw-------}, {@code rwx------}). */
    public static void assertOwnerOnly(Path p) throws IOException {
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", perms, p.toString());
    }
}
