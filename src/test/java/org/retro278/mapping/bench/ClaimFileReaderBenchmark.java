package org.retro278.mapping.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.retro278.mapping.ClaimFileReader;
import org.retro278.mapping.ClaimGroup;
import org.retro278.mapping.ClaimGroupSink;
import org.retro278.mapping.ClaimLayout;
import org.retro278.mapping.ReadSummary;
import org.smooks.Smooks;
import org.smooks.api.resource.visitor.sax.ng.AfterVisitor;
import org.smooks.io.source.ReaderSource;

/**
 * Throughput and heap of {@link ClaimFileReader} on a generated default-layout file. Not a test (surefire
 * runs only {@code *Test} classes); run it by hand, from the project directory:
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx128m -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     org.retro278.mapping.bench.ClaimFileReaderBenchmark --rows 100000 --runs 5
 * java -Xmx128m -cp ... org.retro278.mapping.bench.ClaimFileReaderBenchmark --rows 1000000 --runs 1
 * </pre>
 *
 * Options: {@code --rows N} (100000), {@code --runs K} (5; the first run is a warm-up when K &gt; 1),
 * {@code --layout NAME} (default), {@code --mappings DIR} (mappings), {@code --file PATH} (reuse a
 * file instead of generating one), {@code --keep} (keep the generated file), {@code --small-files K}
 * (then also read a 10-row file K times: the fixed cost of one read), {@code --smooks CONFIG} (time a
 * plain Smooks configuration instead of a layout, counting its {@code csv-record} elements; for the
 * comparisons in mappings/README.md, e.g.
 * {@code src/test/resources/org/retro278/mapping/bench/stock-csv-reader-one-binding-per-column.xml}).
 *
 * <p>Heap figures: "peak used" is the largest heap occupancy sampled every 5 ms (garbage included);
 * "peak after GC" the largest occupancy right after a collection (young collections leave promoted
 * garbage in the old generation, so this overstates what is live). With {@code --gc-probe} a full
 * collection is forced every 2 s and "peak live" is the largest occupancy after one: the part that
 * would grow with the file if the reader kept rows (it costs some throughput; use it for memory runs).
 */
public final class ClaimFileReaderBenchmark {

    private ClaimFileReaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = 100_000;
        int runs = 5;
        String layoutName = ClaimLayout.DEFAULT_NAME;
        Path mappings = Path.of("mappings");
        Path file = null;
        boolean keep = false;
        int smallFiles = 0;
        boolean gcProbe = false;
        Path smooksConfig = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--layout" -> layoutName = args[++i];
                case "--mappings" -> mappings = Path.of(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                case "--keep" -> keep = true;
                case "--gc-probe" -> gcProbe = true;
                case "--small-files" -> smallFiles = Integer.parseInt(args[++i]);
                case "--smooks" -> smooksConfig = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        boolean generated = file == null;
        if (generated) {
            file = Files.createTempFile("retro278-bench-", ".csv");
            long t = System.nanoTime();
            ClaimFileGenerator.write(file, rows);
            System.out.printf("generated %,d rows (%,d bytes) in %d ms: %s%n", rows, Files.size(file),
                    (System.nanoTime() - t) / 1_000_000, file);
        }
        HeapWatch heap = HeapWatch.start(gcProbe);
        try {
            List<Double> rates = new ArrayList<>();
            if (smooksConfig != null) {
                timePlainSmooks(smooksConfig, file, runs, rates);
            } else {
                timeReader(ClaimLayout.load(mappings, layoutName), file, runs, rates, smallFiles);
            }
            Collections.sort(rates);
            System.out.printf("rows/s: median %,.0f, best %,.0f (%d measured runs, %s)%n",
                    rates.get(rates.size() / 2), rates.get(rates.size() - 1), rates.size(),
                    smooksConfig != null ? smooksConfig.getFileName() : "layout " + layoutName);
        } finally {
            heap.stop();
            System.out.printf("heap: max %d MB, peak used %d MB, peak after GC %d MB, peak live %s (%d MB after "
                            + "compiling the mapping)%n", Runtime.getRuntime().maxMemory() >> 20,
                    heap.peakUsed.get() >> 20, heap.peakAfterGc.get() >> 20,
                    gcProbe ? (heap.peakLive.get() >> 20) + " MB" : "not probed", HeapWatch.baseline >> 20);
            if (generated && !keep) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void timeReader(ClaimLayout layout, Path file, int runs, List<Double> rates, int smallFiles)
            throws Exception {
        try (ClaimFileReader reader = new ClaimFileReader(layout)) {
            HeapWatch.recordBaseline();
            for (int run = 1; run <= runs; run++) {
                CountingSink sink = new CountingSink();
                long t = System.nanoTime();
                ReadSummary summary = reader.read(file, sink);
                double seconds = (System.nanoTime() - t) / 1e9;
                double rate = summary.rows() / seconds;
                System.out.printf("run %d: %,d rows, %,d claims (%,d groups seen by the sink) in %.2f s = %,.0f rows/s%n",
                        run, summary.rows(), summary.claims(), sink.groups.get(), seconds, rate);
                if (run > 1 || runs == 1) {
                    rates.add(rate);
                }
            }
            if (smallFiles > 0) {
                Path small = Files.createTempFile("retro278-bench-small-", ".csv");
                try {
                    ClaimFileGenerator.write(small, 10);
                    for (int i = 0; i < Math.min(smallFiles, 50); i++) {
                        reader.read(small, new CountingSink());
                    }
                    long t = System.nanoTime();
                    for (int i = 0; i < smallFiles; i++) {
                        reader.read(small, new CountingSink());
                    }
                    System.out.printf("small files: %d reads of a 10-row file, %.2f ms per read%n", smallFiles,
                            (System.nanoTime() - t) / 1e6 / smallFiles);
                } finally {
                    Files.deleteIfExists(small);
                }
            }
        }
    }

    /** A Smooks configuration as it is, counting the csv-record elements it sees. */
    private static void timePlainSmooks(Path config, Path file, int runs, List<Double> rates) throws Exception {
        try (Smooks smooks = new Smooks(config.toAbsolutePath().toUri().toString())) {
            AtomicLong records = new AtomicLong();
            smooks.addVisitor((AfterVisitor) (element, context) -> records.incrementAndGet(), "csv-record");
            smooks.createExecutionContext();
            HeapWatch.recordBaseline();
            for (int run = 1; run <= runs; run++) {
                records.set(0);
                long t = System.nanoTime();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    smooks.filterSource(smooks.createExecutionContext(), new ReaderSource<>(in));
                }
                double seconds = (System.nanoTime() - t) / 1e9;
                double rate = records.get() / seconds;
                System.out.printf("run %d: %,d records in %.2f s = %,.0f rows/s%n", run, records.get(), seconds, rate);
                if (run > 1 || runs == 1) {
                    rates.add(rate);
                }
            }
        }
    }

    private static final class CountingSink implements ClaimGroupSink {
        final AtomicLong groups = new AtomicLong();

        @Override
        public void claim(ClaimGroup group) {
            groups.incrementAndGet();
        }

        @Override
        public void retract(String claimId) {
        }
    }

    /** Samples heap occupancy and listens to collections. */
    private static final class HeapWatch {
        static long baseline;
        final AtomicLong peakUsed = new AtomicLong();
        final AtomicLong peakAfterGc = new AtomicLong();
        final AtomicLong peakLive = new AtomicLong();
        private volatile boolean running = true;
        private Thread sampler;

        /** Live heap once the mapping is compiled: what the reads add comes on top. */
        static void recordBaseline() {
            System.gc();
            baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        static HeapWatch start(boolean gcProbe) {
            HeapWatch watch = new HeapWatch();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info =
                                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long live = 0;
                        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                            if (isHeap(pool.getKey())) {
                                live += pool.getValue().getUsed();
                            }
                        }
                        watch.peakAfterGc.accumulateAndGet(live, Math::max);
                    }
                }, null, null);
            }
            watch.sampler = new Thread(() -> {
                long nextProbe = System.nanoTime() + 2_000_000_000L;
                while (watch.running) {
                    if (gcProbe && System.nanoTime() > nextProbe) {
                        System.gc();
                        watch.peakLive.accumulateAndGet(
                                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                        nextProbe = System.nanoTime() + 2_000_000_000L;
                    }
                    watch.peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                            Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            watch.sampler.setDaemon(true);
            watch.sampler.start();
            return watch;
        }

        void stop() throws InterruptedException {
            running = false;
            sampler.join();
        }

        private static boolean isHeap(String poolName) {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getName().equals(poolName)) {
                    return pool.getType() == MemoryType.HEAP;
                }
            }
            return false;
        }
    }
}
