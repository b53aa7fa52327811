package org.retro278.bench;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.retro278.cli.Retro278;
import org.retro278.x12.X12Problem;
import org.retro278.x12.response.InboundDocument;
import org.retro278.x12.response.ResponseHandler;
import org.retro278.x12.response.ResponseJson;
import org.retro278.x12.response.ResponseReader;
import org.retro278.x12.validation.UsageNodeOverride;
import org.retro278.x12.validation.ValidationSummary;

/**
 * The {@code read} benchmark (docs/benchmarks.md): what writing JSON Lines costs beside reading alone. Not a
 * test: run it with {@code bench/read-benchmark.sh}, which also times {@code read} as a user runs it (its own
 * JVM, stdout to a file).
 *
 * <pre>
 *   generate FILE SETS    write SETS fictional 278 responses (31 segments each with ST/SE) to FILE
 *   warm FILE JSON        in one JVM, after a warm-up on the same file: the validating reader alone (a handler
 *                         that only counts), then the read command (validated, stdout to JSON), one run each
 *   reader FILE           the validating reader alone, once, in a fresh JVM (the cold counterpart of read)
 *   json FILE             the JSON writing alone: the file's first 2,000 documents held in memory, written as
 *                         read writes them (ResponseJson to a buffered UTF-8 writer on /dev/null), warm
 * </pre>
 */
public final class ReadCommandBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Retro278.routeJavaUtilLogging();
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "generate" -> {
                long segments = ResponseFileGenerator.responses(file, Integer.parseInt(args[2]));
                System.out.printf("generated %s: %,d segments, %,d MiB%n", file, segments, Files.size(file) >> 20);
            }
            case "warm" -> {
                Path json = Path.of(args[2]);
                reader(file);
                command(file, json);
                Run reader = reader(file);
                Run command = command(file, json);
                reader.print("reader alone, validated, warm JVM ");
                command.print("read command, validated, warm JVM ");
                System.out.printf("RESULT read wrote %,d bytes of JSON (%,d per document)%n", Files.size(json),
                        Files.size(json) / Math.max(1, reader.documents()));
                System.out.println("StAEDI override in effect: " + UsageNodeOverride.inEffect() + " (" + UsageNodeOverride.status() + ")");
            }
            case "reader" -> reader(file).print("reader alone, validated, fresh JVM");
            case "json" -> {
                List<InboundDocument> documents = firstDocuments(file, 2_000);
                long segmentsPerDocument = segments(file) / documents(file);
                writeJson(documents, 20);
                Run json = writeJson(documents, 100);
                new Run(json.documents() * segmentsPerDocument, json.documents(), json.seconds(), json.cpuSeconds())
                        .print("JSON writing alone (as segments)  ");
            }
            default -> throw new IllegalArgumentException("generate, warm, reader or json, not " + args[0]);
        }
    }

    /** One measured run: wall time, and CPU time of the thread that did the work (the cores are shared). */
    private record Run(long segments, long documents, double seconds, double cpuSeconds) {
        void print(String what) {
            System.out.printf("RESULT %s: %,9.0f segments/s wall, %,9.0f per CPU-second  (%,d segments, %,d documents,"
                            + " %.2f s wall, %.2f s CPU)%n",
                    what, segments / seconds, segments / cpuSeconds, segments, documents, seconds, cpuSeconds);
        }
    }

    private static Run reader(Path file) throws IOException {
        long[] documents = new long[1];
        ResponseHandler counting = new ResponseHandler() {
            @Override
            public void document(InboundDocument document) {
                documents[0]++;
            }

            @Override
            public void problem(X12Problem problem) {
                // counted by the summary
            }
        };
        long t = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        ValidationSummary summary;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            summary = ResponseReader.create().read(in, counting);
        }
        return new Run(summary.segments(), documents[0], (System.nanoTime() - t) / 1e9,
                (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
    }

    /** The read command as {@code retro278 read FILE > JSON} runs it, on this thread, stdout to the JSON file. */
    private static Run command(Path file, Path json) throws IOException {
        PrintStream stdout = System.out;
        long t;
        long cpu;
        int exit;
        try (PrintStream out = new PrintStream(new FileOutputStream(json.toFile()), true)) {
            System.setOut(out);
            t = System.nanoTime();
            cpu = THREADS.getCurrentThreadCpuTime();
            exit = Retro278.run("read", file.toString());
        } finally {
            System.setOut(stdout);
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
        if (exit != Retro278.OK) {
            throw new IllegalStateException("read exited " + exit);
        }
        long documents;
        try (var lines = Files.lines(json)) {
            documents = lines.count();
        }
        long segments = segments(file);
        return new Run(segments, documents, seconds, cpuSeconds);
    }

    private static List<InboundDocument> firstDocuments(Path file, int n) throws IOException {
        List<InboundDocument> documents = new ArrayList<>(n);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ResponseReader.create().read(in, new ResponseHandler() {
                @Override
                public void document(InboundDocument document) {
                    if (documents.size() < n) {
                        documents.add(document);
                    }
                }

                @Override
                public void problem(X12Problem problem) {
                    // none in a generated file
                }
            });
        }
        return documents;
    }

    /** Writes the documents {@code rounds} times, as the read command's writer chain does, to /dev/null. */
    private static Run writeJson(List<InboundDocument> documents, int rounds) throws IOException {
        long t = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        try (PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream("/dev/null"), StandardCharsets.UTF_8)), true)) {
            ResponseJson json = new ResponseJson(out);
            for (int i = 0; i < rounds; i++) {
                for (InboundDocument d : documents) {
                    json.document(d, "responses.x12");
                }
            }
        }
        return new Run(0, (long) rounds * documents.size(), (System.nanoTime() - t) / 1e9,
                (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
    }

    /** Transaction sets of a generated file: one ST line each. */
    private static long documents(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith("ST*")).count();
        }
    }

    /** Segments of a generated file: one per line. */
    static long segments(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.count();
        }
    }
}
