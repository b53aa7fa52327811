package org.retro278.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.apache.commons.io.file.PathUtils;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.retro278.cli.Retro278;
import org.retro278.runtime.Adapter;
import org.retro278.sftp.Secrets;
import org.retro278.sftp.SshKeyFiles;
import org.retro278.sftp.embedded.EmbeddedSftpServer;
import org.retro278.store.StoreInspection;
import org.retro278.testing.TestClock;

/**
 * The adapter benchmark (docs/benchmarks.md). Not a test: {@code bench/adapter-benchmark.sh}.
 *
 * <p>Runs the shipped configuration (embedded SFTP server, embedded H2 store) in a temporary work
 * directory and measures (1) a file of N claims from the moment it appears in the practice's drop folder
 * until every interchange sits in the payers' inbound folders, beside a plain SFTP upload of the same
 * output bytes in the same run (the transport limit), the status-file bytes uploaded to the practice for
 * it against the final status files' size, and (2) one-claim files, drop to payer, several times.
 */
public final class AdapterBenchmark {

    public static void main(String[] args) throws Exception {
        int claims = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int singles = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Retro278.routeJavaUtilLogging();
        Path dir = Files.createTempDirectory("retro278-adapter-bench");
        // the shipped configuration without the payer simulator: answering the requests is not the path measured
        Path config = dir.resolve("config");
        FileUtils.copyDirectory(Path.of("config").toFile(), config.toFile());
        Path props = config.resolve("application.properties");
        Files.writeString(props, Files.readString(props).replace("retro278.simulator.enabled=true", "retro278.simulator.enabled=false"));
        String storeUrl = System.getProperty("retro278.bench.storeUrl", "");
        if (!storeUrl.isEmpty()) {
            // a PostgreSQL store (a database or schema of its own, made afresh by the caller); the password, if any,
            // from RETRO278_STORE_PASSWORD as in `run`
            Files.writeString(props, Files.readString(props).replace("retro278.store.url=\n", "retro278.store.url=" + storeUrl + "\n")
                    .replace("retro278.store.user=\n", "retro278.store.user=" + System.getProperty("retro278.bench.storeUser", "postgres") + "\n"));
        }
        try (Adapter a = Adapter.start(new Adapter.Options(config, Path.of("mappings"), Path.of("routes"),
                dir.resolve("work"), 0, null, Secrets.of(Map.of()), TestClock.forSamples()))) {
            EmbeddedSftpServer sftp = a.embeddedServer();
            StatusUploadCounter statusUploads = new StatusUploadCounter(sftp.home("riverside").resolve("outbox"));
            // the generated claims' dates stand to the pinned clock's day, so every run measures the same path
            LocalDate today = TestClock.SAMPLES_AS_OF.toLocalDate();

            // warm-up: a small file through the whole path
            Path warm = dir.resolve("warm.csv");
            ValidClaimFileGenerator.write(warm, 200, 7L, today, "W");
            dropAndWait(a, sftp, warm, 200);
            awaitStatusSettled(a);
            clearInbound(sftp);
            statusUploads.reset();

            Path file = dir.resolve("claims-" + claims + ".csv");
            ValidClaimFileGenerator.write(file, claims, 278L, today);
            long storeBefore = storeBytes(a, storeUrl);
            Map<String, String> h2Before = new StoreInspection(a.store()).h2StoreInfo();
            double load0 = load();
            long cpu0 = cpuNanos();
            double pg0 = postgresCpuSeconds();
            long t0 = System.nanoTime();
            double firstAt = dropAndWait(a, sftp, file, claims);
            double adapter = (System.nanoTime() - t0) / 1e9;
            double cpu = (cpuNanos() - cpu0) / 1e9;
            double pgCpu = postgresCpuSeconds() - pg0;
            double load1 = load();
            awaitStatusSettled(a);
            double settled = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(1_500); // the last upload's rename seen by the counter
            long statusBytes = statusUploads.bytes();
            long finalStatus = 0;
            try (Stream<Path> s = Files.list(sftp.home("riverside").resolve("outbox"))) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(file.getFileName() + ".status.")).toList()) {
                    finalStatus += Files.size(p);
                }
            }
            List<Path> produced = inbound(sftp);
            long bytes = 0;
            for (Path p : produced) {
                bytes += Files.size(p);
            }

            double plain = plainUpload(a, sftp, produced);
            long storeAfter = storeBytes(a, storeUrl);
            Map<String, String> h2After = new StoreInspection(a.store()).h2StoreInfo();
            System.out.printf("%nRESULT load average %.2f at the drop, %.2f when the last interchange was at the payers (%d cores)%n",
                    load0, load1, Runtime.getRuntime().availableProcessors());
            System.out.printf("RESULT JVM CPU during the file (drop to the last interchange at the payers): %.2f s, %.0f us per claim%n",
                    cpu, cpu * 1e6 / claims);
            if (!storeUrl.isEmpty() && pgCpu > 0) {
                System.out.printf("RESULT PostgreSQL server CPU meanwhile (every postgres process on this machine): %.2f s, %.0f us per claim;"
                        + " with the JVM's %.0f us per claim%n", pgCpu, pgCpu * 1e6 / claims, (cpu + pgCpu) * 1e6 / claims);
            }
            System.out.printf("RESULT first interchange at the payer %.2f s after the drop%n", firstAt);
            if (storeAfter >= 0) {
                System.out.printf("RESULT %s: %,d bytes before the file, %,d after: %,.0f bytes per claim%n",
                        storeUrl.isEmpty() ? "H2 store file" : "PostgreSQL store (the schema's tables with their indexes and TOAST)",
                        storeBefore, storeAfter, (double) (storeAfter - storeBefore) / claims);
            }
            if (!h2After.isEmpty()) {
                // what MVStore says of its file: how much of it is live (fill rate) and how much was written
                System.out.printf("RESULT H2 MVStore before the file: %s%nRESULT H2 MVStore after the file:  %s%n", h2Before, h2After);
            }
            System.out.printf("%nRESULT %,d-claim file, drop to every interchange at the payers: %.2f s (%d interchanges, %,d KiB)%n",
                    claims, adapter, produced.size(), bytes >> 10);
            System.out.printf("RESULT status files: %,d bytes uploaded in %d files (%,.0f bytes per claim) for a final pair of %,d"
                            + " bytes (%,.0f per claim): %.2f x the final size; the final status at the practice %.2f s after the drop%n",
                    statusBytes, statusUploads.files(), (double) statusBytes / claims, finalStatus, (double) finalStatus / claims,
                    (double) statusBytes / finalStatus, settled);
            System.out.printf("RESULT plain SFTP upload of the same %d files: %.2f s -> the adapter takes %.1f x the transport%n",
                    produced.size(), plain, adapter / plain);

            List<Double> latencies = new ArrayList<>();
            for (int i = 0; i < singles; i++) {
                Path one = dir.resolve("single-" + i + ".csv");
                ValidClaimFileGenerator.write(one, 1, 100L + i, today, "S" + i + "-");
                Thread.sleep(1_500); // not aligned with the poll
                clearInbound(sftp);
                long s = System.nanoTime();
                dropAndWaitForFile(sftp, one);
                latencies.add((System.nanoTime() - s) / 1e9);
            }
            latencies.sort(Double::compare);
            if (!latencies.isEmpty()) {
                System.out.printf("RESULT one-claim file, drop to at the payer: min %.2f s, median %.2f s, max %.2f s over %d runs"
                                + " (practice poll 2 s, quiet 2 s, submission poll 0.25 s)%n",
                        latencies.get(0), latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1), latencies.size());
            }
        } finally {
            PathUtils.deleteDirectory(dir);
        }
    }

    private static void drop(EmbeddedSftpServer sftp, Path file) throws Exception {
        Path folder = sftp.home("riverside").resolve("drop");
        Path tmp = folder.resolve("." + file.getFileName() + ".part");
        Files.copy(file, tmp);
        Files.move(tmp, folder.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * CPU seconds (user and system) used so far by every process named {@code postgres} on this machine, from
     * /proc (Linux; 0 elsewhere or when none runs): a PostgreSQL store's server side, which the JVM's CPU leaves out.
     * Clock ticks are taken as 100 per second (Linux's USER_HZ on x86 and ARM).
     */
    private static double postgresCpuSeconds() {
        long ticks = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
                        continue;
                    }
                    String[] f = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
                } catch (java.io.IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (java.io.IOException noProc) {
            return 0;
        }
        return ticks / 100.0;
    }

    /** The JVM's CPU time (all threads), in nanoseconds. */
    private static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The size of the H2 store's file; on PostgreSQL ({@code storeUrl}) what the store's schema takes on disk. */
    private static long storeBytes(Adapter a, String storeUrl) throws Exception {
        if (storeUrl.isEmpty()) {
            Path db = a.workDir().resolve("db/retro278.mv.db");
            return Files.isRegularFile(db) ? Files.size(db) : -1;
        }
        return new StoreInspection(a.store()).postgresqlBytes();
    }

    /** @return seconds from the drop until the first interchange was at a payer */
    private static double dropAndWait(Adapter a, EmbeddedSftpServer sftp, Path file, int claims) throws Exception {
        long t0 = System.nanoTime();
        drop(sftp, file);
        double first = -1;
        while (true) {
            Thread.sleep(20);
            if (first < 0 && !inbound(sftp).isEmpty()) {
                first = (System.nanoTime() - t0) / 1e9;
            }
            // the cheap indexed look the submission itself makes (oldest READY claim, limit 1), not a count of every READY
            // claim: this loop runs every 20 ms beside the adapter and must not take its CPU
            if (Files.exists(sftp.home("riverside").resolve("drop/.done").resolve(file.getFileName()))
                    && a.store().readyQueue("PAYERA").isEmpty() && a.store().readyQueue("PAYERB").isEmpty()
                    && new StoreInspection(a.store()).interchangesSending().isEmpty()) {
                return first < 0 ? (System.nanoTime() - t0) / 1e9 : first;
            }
        }
    }

    /** Every claim file's status is published (nothing changed since its last status upload). */
    private static void awaitStatusSettled(Adapter a) throws InterruptedException {
        while (!a.store().filesWithNewStatus("RIVERSIDE").isEmpty()) {
            Thread.sleep(20);
        }
    }

    private static void dropAndWaitForFile(EmbeddedSftpServer sftp, Path file) throws Exception {
        drop(sftp, file);
        while (inbound(sftp).isEmpty()) {
            Thread.sleep(10);
        }
    }

    private static List<Path> inbound(EmbeddedSftpServer sftp) throws Exception {
        List<Path> out = new ArrayList<>();
        for (String payer : List.of("payera", "payerb")) {
            try (Stream<Path> s = Files.list(sftp.home(payer).resolve("inbound"))) {
                s.filter(p -> p.toString().endsWith(".x12")).forEach(out::add);
            }
        }
        return out;
    }

    private static void clearInbound(EmbeddedSftpServer sftp) throws Exception {
        for (Path p : inbound(sftp)) {
            Files.delete(p);
        }
    }

    /** The same bytes uploaded with a plain SFTP client (MINA SSHD), host key pinned, one session. */
    private static double plainUpload(Adapter a, EmbeddedSftpServer sftp, List<Path> files) throws Exception {
        KeyPair key = SshKeyFiles.read(a.workDir().resolve("keys/embedded/payera_ecdsa"), null);
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE,
                    sftp.root().resolve(EmbeddedSftpServer.KNOWN_HOSTS_FILE)));
            client.start();
            // a folder no route reads (the payer's outbound folder is read as responses)
            Files.createDirectories(sftp.home("payera").resolve("plain-upload"));
            long t = System.nanoTime();
            try (ClientSession session = client.connect("payera", sftp.host(), sftp.port()).verify(10_000).getSession()) {
                session.addPublicKeyIdentity(key);
                session.auth().verify(10_000);
                try (SftpClient c = SftpClientFactory.instance().createSftpClient(session)) {
                    for (Path f : files) {
                        try (OutputStream out = c.write("plain-upload/" + f.getFileName())) {
                            Files.copy(f, out);
                        }
                    }
                }
            }
            return (System.nanoTime() - t) / 1e9;
        }
    }
}
