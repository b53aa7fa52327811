package org.retro278.bench;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.commons.io.file.PathUtils;
import org.retro278.build.X12Checks;
import org.retro278.cli.BenchAccess;
import org.retro278.cli.Retro278;
import org.retro278.config.PayerDirectory;
import org.retro278.mapping.ClaimGroup;
import org.retro278.mapping.ClaimRow;
import org.retro278.rules.ClaimRules;
import org.retro278.x12.EnvelopeWriter;
import org.retro278.x12.Request278Writer;
import org.retro278.x12.RequestIdentifiers;
import org.retro278.x12.TransactionIds;
import org.retro278.x12.validation.UsageNodeOverride;

/**
 * The convert benchmark (docs/benchmarks.md). Not a test: run it with {@code bench/convert-benchmark.sh}.
 *
 * <pre>
 *   throughput N   generate N valid claims, then in one JVM: convert with validation (every set validated,
 *                  every core), convert with validation off, and the plain-Java reference (CSV read with
 *                  opencsv, the same rules, the same 278 bytes written with a StringBuilder: the CPU limit)
 *   memory N       generate N claims and convert them with validation while sampling the heap
 * </pre>
 */
public final class ConvertBenchmark {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        long claims = Long.parseLong(args[1]);
        Path dir = Files.createTempDirectory("retro278-bench");
        Path file = dir.resolve("claims-" + claims + ".csv");
        long t0 = System.nanoTime();
        long rows = ValidClaimFileGenerator.write(file, claims, 278L);
        System.out.printf("generated %,d claims in %,d rows (%,d MiB) in %.1f s%n", claims, rows, Files.size(file) >> 20,
                (System.nanoTime() - t0) / 1e9);
        Retro278.routeJavaUtilLogging();
        try {
            if (mode.equals("throughput")) {
                System.out.println("StAEDI override (x12/validation/UsageNodeOverride): " + UsageNodeOverride.status());
                // warm up the JIT on a small file so the measured runs compare like with like
                Path warm = dir.resolve("warm.csv");
                ValidClaimFileGenerator.write(warm, 20_000, 1L);
                convert(warm, dir.resolve("warm-out"), dir.resolve("warm-state"), false);
                Run validated = convert(file, dir.resolve("out-validated"), dir.resolve("state-1"), false);
                Run unvalidated = convert(file, dir.resolve("out-unvalidated"), dir.resolve("state-2"), true);
                Run plain = plainReference(file);
                System.out.printf("%nRESULT convert, every set validated  : %s%n", validated.rates(claims));
                System.out.printf("RESULT convert, validation off       : %s%n", unvalidated.rates(claims));
                System.out.printf("RESULT plain Java (no Smooks, no StAEDI, no validation): %s%n", plain.rates(claims));
                System.out.printf("RESULT output of the validated convert: sha-256 %s%n", digest(dir.resolve("out-validated")));
            } else {
                HeapSampler sampler = new HeapSampler();
                sampler.start();
                double s = convert(file, dir.resolve("out"), dir.resolve("state"), false).wall();
                sampler.stopSampling();
                System.out.printf("%nRESULT convert %,d claims with -Xmx%d MiB: %.1f s, %,.0f claims/s; heap used at most %d MiB,"
                                + " live after GC at most %d MiB%n", claims, Runtime.getRuntime().maxMemory() >> 20, s, claims / s,
                        sampler.peakUsed >> 20, sampler.peakAfterGc() >> 20);
            }
        } finally {
            PathUtils.deleteDirectory(dir);
        }
    }

    /** Wall time and CPU time of all the JVM's threads (JIT and GC included), in seconds. */
    record Run(double wall, double cpu) {
        String rates(long claims) {
            return String.format("%,8.0f claims/s wall, %,8.0f claims per CPU-second (%.2f s wall, %.2f s CPU, load average %s)",
                    claims / wall, claims / cpu, wall, cpu, loadAverage());
        }
    }

    private static double processCpu() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static String loadAverage() {
        return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** One digest over the output files, in name order (names and bytes): the same digest, the same output. */
    private static String digest(Path out) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                sha.update(out.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(f));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Runs the convert command and returns its wall and CPU time. */
    private static Run convert(Path claims, Path out, Path state, boolean skipValidation) {
        List<String> args = new ArrayList<>(List.of("convert", "--claims", claims.toString(), "--out", out.toString(),
                "--as-of", "2026-11-15", "--state", state.toString()));
        if (skipValidation) {
            args.add("--skip-validation-for-benchmark");
        }
        picocli.CommandLine cl = BenchAccess.commandLine();
        cl.setOut(new PrintWriter(OutputStream.nullOutputStream()));
        long t = System.nanoTime();
        double cpu = processCpu();
        int exit = cl.execute(args.toArray(String[]::new));
        cpu = processCpu() - cpu;
        double s = (System.nanoTime() - t) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("convert exited " + exit);
        }
        System.out.printf("convert %s: %.2f s%n", skipValidation ? "(validation off)" : "(validated)", s);
        return new Run(s, cpu);
    }

    /**
     * The CPU limit: the same claims read with plain opencsv, checked by the same rules, written as the same
     * 278 bytes by a StringBuilder writer. Checks on the first claims that the bytes equal the real writer's.
     */
    private static Run plainReference(Path file) throws Exception {
        ClaimRules rules = new ClaimRules(PayerDirectory.load(Path.of("config/payers")), X12Checks.facts(), "uuuu-MM-dd",
                LocalDate.of(2026, 11, 15));
        LocalDateTime created = LocalDateTime.of(2026, 11, 15, 0, 0);
        Map<String, PlainRequestWriter> writers = new HashMap<>();
        long st02 = 0;
        long bytes = 0;
        long t = System.nanoTime();
        double cpu = processCpu();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVReader csv = new CSVReaderBuilder(in).withCSVParser(new CSVParserBuilder().withEscapeChar('\0').build()).build()) {
            String[] header = csv.readNext();
            List<ClaimRow> group = new ArrayList<>();
            String current = null;
            String[] line;
            long row = 1;
            while (true) {
                line = csv.readNext();
                String id = line == null ? null : line[0];
                if ((line == null || !id.equals(current)) && !group.isEmpty()) {
                    ClaimRules.Outcome o = rules.check(new ClaimGroup(current, group));
                    if (o instanceof ClaimRules.Accepted a) {
                        TransactionIds ids = RequestIdentifiers.forClaim(current, ++st02, created);
                        PlainRequestWriter w = writers.computeIfAbsent(a.payer().id(),
                                k -> new PlainRequestWriter("9RETRO2780", a.payer().delimiters()));
                        String x12 = w.write(a.request(), ids);
                        bytes += x12.length();
                        if (st02 <= 1000) {
                            String real = realWriter(a, ids, created);
                            if (!real.equals(x12)) {
                                throw new IllegalStateException("plain writer differs from the real one for " + current + ":\n" + x12 + "\n" + real);
                            }
                        }
                    } else {
                        throw new IllegalStateException("generated claim refused: " + o);
                    }
                    group = new ArrayList<>();
                }
                if (line == null) {
                    break;
                }
                row++;
                Map<String, String> cells = new HashMap<>();
                for (int i = 0; i < header.length && i < line.length; i++) {
                    if (!line[i].isBlank()) {
                        cells.put(header[i], line[i].trim());
                    }
                }
                group.add(new ClaimRow(row, cells));
                current = id;
            }
        }
        double s = (System.nanoTime() - t) / 1e9;
        cpu = processCpu() - cpu;
        System.out.printf("plain reference: %.2f s, %,d claims, %,d MiB of X12 (first 1,000 sets byte-equal to the StAEDI writer's)%n",
                s, st02, bytes >> 20);
        return new Run(s, cpu);
    }

    private static String realWriter(ClaimRules.Accepted a, TransactionIds ids, LocalDateTime created) throws Exception {
        EnvelopeWriter env = new EnvelopeWriter(a.payer());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var w = env.open(out);
        env.writeHeader(w, 1, 1, created);
        w.flush();
        int start = out.size();
        new Request278Writer("9RETRO2780", a.payer().delimiters()).write(w, a.request(), ids);
        w.flush();
        String s = out.toString(StandardCharsets.UTF_8).substring(start);
        w.close();
        return s;
    }

    /**
     * Samples heap use every 20 ms (the most the heap held, garbage included), and every 2 s forces a full
     * collection; the heap left at the end of each full collection, as the collector itself reports it, is
     * the live set, which is what must not grow with the file.
     */
    static final class HeapSampler extends Thread {
        volatile boolean running = true;
        long peakUsed;
        volatile long peakLive;

        HeapSampler() {
            setDaemon(true);
            Set<String> heapPools = new HashSet<>();
            for (var p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    heapPools.add(p.getName());
                }
            }
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        return;
                    }
                    var info = GarbageCollectionNotificationInfo.from(
                            (CompositeData) n.getUserData());
                    if (info.getGcAction().contains("major")) {
                        long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                .filter(e -> heapPools.contains(e.getKey()))
                                .mapToLong(e -> e.getValue().getUsed()).sum();
                        peakLive = Math.max(peakLive, after);
                    }
                }, null, null);
            }
        }

        @Override
        public void run() {
            var mem = ManagementFactory.getMemoryMXBean();
            long lastGc = System.nanoTime();
            while (running) {
                peakUsed = Math.max(peakUsed, mem.getHeapMemoryUsage().getUsed());
                if (System.nanoTime() - lastGc > 2_000_000_000L) {
                    System.gc();
                    lastGc = System.nanoTime();
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopSampling() {
            running = false;
        }

        /** The largest live set a full collection left behind (heap pools only). */
        long peakAfterGc() {
            return peakLive;
        }
    }
}
