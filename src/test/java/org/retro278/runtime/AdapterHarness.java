package org.retro278.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.retro278.testing.ProjectFiles;
import org.retro278.sftp.Secrets;
import org.retro278.sftp.embedded.SftpServerExtension;
import org.retro278.testing.TestClock;

/**
 * An installation for integration tests: the shipped configuration copied into a temporary folder, with
 * every practice and payer pointed at the test's SFTP server (the one {@link SftpServerExtension} starts,
 * reached as a remote host with a pinned known_hosts and the adapter key), a fresh work directory, and the
 * project's mappings and route templates. Starts the adapter in this JVM ({@link #start()}) or gives the
 * command line to start it as a separate process ({@link #command}).
 */
public final class AdapterHarness implements AutoCloseable {

    /** Accounts the shipped practices and payers use on the SFTP server. */
    public static final String[] ACCOUNTS = {"riverside", "westside", "payera", "payerb", "payerc", "payerd"};

    private final SftpServerExtension sftp;
    private final Path dir;
    private final Path config;
    private final Path work;
    private String storeUrl;
    private Clock clock = TestClock.forSamples();
    private Secrets secrets = Secrets.of(Map.of());
    private Path routes = ProjectFiles.path("routes");
    private Adapter adapter;

    public AdapterHarness(SftpServerExtension sftp, Path dir) throws IOException {
        this.sftp = sftp;
        this.dir = dir;
        this.config = dir.resolve("config");
        this.work = dir.resolve("work");
        copyConfig();
        for (String a : ACCOUNTS) {
            for (String f : List.of("drop", "outbox", "inbound", "outbound")) {
                Files.createDirectories(sftp.home(a).resolve(f));
            }
        }
    }

    private void copyConfig() throws IOException {
        Path shipped = ProjectFiles.path("config");
        FileUtils.copyDirectory(shipped.toFile(), config.toFile());
        for (Path p : List.of(config.resolve("practices/RIVERSIDE.yaml"), config.resolve("practices/WESTSIDE.yaml"),
                config.resolve("payers/PAYERA.yaml"), config.resolve("payers/PAYERB.yaml"), config.resolve("payers/PAYERC.yaml"))) {
            Files.writeString(p, pointAtTestServer(Files.readString(p)));
        }
        // any free management port: tests and their separate JVMs never compete for the default one
        Files.writeString(config.resolve("application.properties"), "\nretro278.management.port=0\n", StandardOpenOption.APPEND);
    }

    /** Replaces "host: embedded" by the test server as a remote host, keeping the line's indentation. */
    private String pointAtTestServer(String yaml) {
        Matcher m = Pattern.compile("(?m)^( +)host: embedded.*$").matcher(yaml);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String i = m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(i + "host: " + sftp.host() + "\n" + i + "port: "
                    + sftp.port() + "\n" + i + "knownHosts: " + sftp.knownHostsFile() + "\n" + i + "privateKey: "
                    + sftp.adapterKeyFile()));
        }
        m.appendTail(out);
        return out.toString().replaceAll("(?m)^pollSeconds: \\d+", "pollSeconds: 1").replaceAll("(?m)^quietSeconds: \\d+", "quietSeconds: 1");
    }

    /** The copied configuration, for tests that change a partner before starting. */
    public Path config() {
        return config;
    }

    public Path work() {
        return work;
    }

    /** Use another store (PostgreSQL) instead of the embedded H2 under the work directory. */
    public AdapterHarness storeUrl(String url) {
        this.storeUrl = url;
        return this;
    }

    /**
     * The adapter's clock (processing date, envelope times, the store's time stamps); unless set, a clock that runs
     * from {@link TestClock#SAMPLES_AS_OF}, so the sample files are inside their payers' retro windows on any day.
     */
    public AdapterHarness clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public Clock clock() {
        return clock;
    }

    /** The secrets the in-process adapter reads instead of the environment (none unless set). */
    public AdapterHarness secrets(Map<String, String> values) {
        this.secrets = Secrets.of(values);
        return this;
    }

    /**
     * Changes one of the route files for this installation only (for example a shorter timer): the project's
     * routes are copied beside the configuration the first time, and the adapter then loads the copies.
     */
    public AdapterHarness editRoute(String fileName, UnaryOperator<String> edit) throws IOException {
        Path copied = dir.resolve("routes");
        if (!routes.equals(copied)) {
            Files.createDirectories(copied);
            try (Stream<Path> s = Files.list(routes)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    Files.copy(p, copied.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            routes = copied;
        }
        Path f = routes.resolve(fileName);
        String before = Files.readString(f);
        String after = edit.apply(before);
        if (after.equals(before)) {
            throw new IllegalArgumentException(fileName + ": the edit changed nothing");
        }
        Files.writeString(f, after);
        return this;
    }

    public Adapter start() throws Exception {
        adapter = Adapter.start(new Adapter.Options(config, ProjectFiles.path("mappings"), routes, work,
                null, storeUrl, secrets, clock));
        return adapter;
    }

    public Adapter adapter() {
        return adapter;
    }

    public void stop() {
        if (adapter != null) {
            adapter.close();
            adapter = null;
        }
    }

    /**
     * The command line that runs this installation as a separate JVM, with extra JVM options. Its clock starts
     * where this harness's clock stands now ({@code run --as-of}, in the same zone), so that its time stamps and
     * the in-process adapter's can be compared.
     */
    public List<String> command(String... jvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Duser.timezone=" + clock.getZone().getId());
        cmd.addAll(List.of(jvmOptions));
        cmd.add("-javaagent:" + ProjectFiles.path("target/retro278-agent.jar")); // StAEDI's validator as shipped
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.retro278.cli.Retro278");
        cmd.addAll(List.of("run", "--config", config.toString(), "--mappings", ProjectFiles.path("mappings").toString(),
                "--routes", routes.toString(), "--work", work.toString(),
                "--as-of", LocalDateTime.ofInstant(clock.instant(), clock.getZone()).truncatedTo(ChronoUnit.SECONDS).toString()));
        return cmd;
    }

    /** Drops a claim file as a careful practice does: under a dot-name, then renamed. */
    public Path drop(String account, String name, byte[] content) throws IOException {
        Path folder = sftp.home(account).resolve("drop");
        Path tmp = folder.resolve("." + name + ".part");
        Files.write(tmp, content);
        return Files.move(tmp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    public Path drop(String account, Path sample) throws IOException {
        return drop(account, sample.getFileName().toString(), Files.readAllBytes(sample));
    }

    /** Files in a folder of an account (dot-files excluded), sorted. */
    public List<Path> files(String account, String folder) throws IOException {
        Path f = sftp.home(account).resolve(folder);
        if (!Files.isDirectory(f)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(f)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /** Waits until the condition holds, failing the test after the timeout. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
