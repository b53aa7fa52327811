package org.retro278.bench;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;
import org.retro278.cli.Retro278;
import org.retro278.x12.X12Problem;
import org.retro278.x12.response.InboundDocument;
import org.retro278.x12.response.ResponseHandler;
import org.retro278.x12.response.ResponseReader;
import org.retro278.x12.validation.UsageNodeOverride;
import org.retro278.x12.validation.ValidationSummary;

/**
 * The response reader benchmark (docs/responses.md). Not a test: run it with {@code bench/response-benchmark.sh}
 * (which uses {@code -Xmx64m} to show that memory stays flat).
 *
 * <p>Generates a file of N fictional 278 responses and a file of N 999s, then in one JVM reads each with the
 * implementation guides (validated) and with envelope checks only (unvalidated), and reads each with a bare
 * StAEDI loop (no schema, no reader: the lexer's ceiling on this machine), while sampling the heap.
 * Everything runs on one thread; a file is read as one stream.
 */
public final class ResponseReaderBenchmark {

    public static void main(String[] args) throws Exception {
        int sets = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Retro278.routeJavaUtilLogging();
        Path dir = Files.createTempDirectory("retro278-response-bench");
        try {
            Path responses = dir.resolve("responses.x12");
            Path acks = dir.resolve("acks.x12");
            long t0 = System.nanoTime();
            long responseSegments = ResponseFileGenerator.responses(responses, sets);
            long ackSegments = ResponseFileGenerator.acknowledgments(acks, sets);
            System.out.printf("generated %,d 278 responses (%,d segments, %,d MiB) and %,d 999s (%,d segments, %,d MiB) in %.1f s%n",
                    sets, responseSegments, Files.size(responses) >> 20, sets, ackSegments, Files.size(acks) >> 20,
                    (System.nanoTime() - t0) / 1e9);

            ResponseReader validating = ResponseReader.create();
            ResponseReader unvalidated = validating.withoutValidation();

            // warm the JIT up on the first tenth of the work, both ways
            Path warm = dir.resolve("warm.x12");
            ResponseFileGenerator.responses(warm, Math.max(1, sets / 10));
            read(validating, warm);
            read(unvalidated, warm);
            Path warmAcks = dir.resolve("warm-acks.x12");
            ResponseFileGenerator.acknowledgments(warmAcks, Math.max(1, sets / 10));
            read(validating, warmAcks);
            read(unvalidated, warmAcks);
            lexer(warm);

            ConvertBenchmark.HeapSampler heap = new ConvertBenchmark.HeapSampler();
            heap.start();
            Run r1 = read(validating, responses);
            Run r2 = read(unvalidated, responses);
            Run r3 = read(validating, acks);
            Run r4 = read(unvalidated, acks);
            Run r5 = lexer(responses);
            Run r6 = lexer(acks);
            heap.stopSampling();

            System.out.println();
            r1.print("278 responses, validated   ");
            r2.print("278 responses, unvalidated ");
            r3.print("999s, validated            ");
            r4.print("999s, unvalidated          ");
            r5.print("278 responses, bare StAEDI ");
            r6.print("999s, bare StAEDI          ");
            System.out.println("StAEDI override in effect: " + UsageNodeOverride.inEffect() + " (" + UsageNodeOverride.status() + ")");
            System.out.printf("RESULT heap: -Xmx%d MiB; used at most %d MiB (garbage included), live after full GC at most %d MiB%n",
                    Runtime.getRuntime().maxMemory() >> 20, heap.peakUsed >> 20, heap.peakAfterGc() >> 20);
        } finally {
            PathUtils.deleteDirectory(dir);
        }
    }

    /**
     * One measured read. Wall time depends on what else the machine runs (the cores are shared); CPU time of
     * the reading thread does not, so both are reported.
     */
    private record Run(long segments, long documents, long problems, double seconds, double cpuSeconds) {
        void print(String what) {
            System.out.printf("RESULT %s: %,10.0f segments/s wall, %,10.0f per CPU-second  (%,d segments, %,d documents,"
                            + " %,d problems, %.2f s wall, %.2f s CPU)%n",
                    what, segments / seconds, segments / cpuSeconds, segments, documents, problems, seconds, cpuSeconds);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static double cpuSince(long start) {
        return (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
    }

    private static Run read(ResponseReader reader, Path file) throws IOException {
        long[] counts = new long[2];
        ResponseHandler handler = new ResponseHandler() {
            @Override
            public void document(InboundDocument document) {
                counts[0]++;
                counts[1] += document.problems().size();
            }

            @Override
            public void problem(X12Problem problem) {
                counts[1]++;
            }
        };
        long t = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        ValidationSummary summary;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            summary = reader.read(in, handler);
        }
        return new Run(summary.segments(), counts[0], counts[1], (System.nanoTime() - t) / 1e9, cpuSince(cpu));
    }

    /** StAEDI alone: every event, no transaction schema, no reader on top. */
    private static Run lexer(Path file) throws IOException {
        long segments = 0;
        long t = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            EDIStreamReader r = EDIInputFactory.newFactory().createEDIStreamReader(in);
            while (r.hasNext()) {
                if (r.next() == EDIStreamEvent.START_SEGMENT) {
                    segments++;
                }
            }
            r.close();
        } catch (EDIStreamException e) {
            throw new IOException(e);
        }
        return new Run(segments, 0, 0, (System.nanoTime() - t) / 1e9, cpuSince(cpu));
    }
}
