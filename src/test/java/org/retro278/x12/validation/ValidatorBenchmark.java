package org.retro278.x12.validation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;
import java.io.BufferedInputStream;

/**
 * How fast a converter-sized file validates: {@code N} copies (default 20,000) of the first request of the
 * clean fixture in one interchange, several rounds so the JIT settles. Not a test (it measures, it asserts
 * nothing a machine's speed decides): {@code bench/validator-benchmark.sh [SETS] [ROUNDS]}, on a quiet machine. Reports segments per second of wall time and per
 * second of the validating thread's CPU time (the fair figure on a shared machine), and as a yardstick for
 * the machine of the moment StAEDI reading the same data with envelope checks only (docs/benchmarks.md
 * measured ~820k segments/s for that, ~88k with an X217 schema).
 */
public final class ValidatorBenchmark {

    private ValidatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sets = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        byte[] data = interchange(sets);
        segmentsPerSecond(data, sets, rounds);
        envelopeOnlyYardstick(data, rounds);
        System.out.println("StAEDI override in effect: " + UsageNodeOverride.inEffect() + " (" + UsageNodeOverride.status() + ")");
    }

    private static void segmentsPerSecond(byte[] data, int sets, int rounds) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            ValidationSummary summary = Fixtures.VALIDATOR.validate(new ByteArrayInputStream(data), p -> { });
            double wallSeconds = (System.nanoTime() - wall) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            if (summary.problems() != 0 || summary.transactionSets() != sets) {
                throw new IllegalStateException("the benchmark data is not what it should be: " + summary.describe());
            }
            System.out.printf("throughput round %d: %d sets, %d segments, wall %.2f s = %.0f segments/s,"
                            + " cpu %.2f s = %.0f segments/s (%.0f requests/s)%n", round, sets, summary.segments(),
                    wallSeconds, summary.segments() / wallSeconds, cpuSeconds, summary.segments() / cpuSeconds,
                    sets / cpuSeconds);
        }
    }

    private static void envelopeOnlyYardstick(byte[] data, int rounds) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long segments = 0;
            EDIStreamReader reader = EDIInputFactory.newFactory()
                    .createEDIStreamReader(new BufferedInputStream(new ByteArrayInputStream(data)));
            while (reader.hasNext()) {
                if (reader.next() == EDIStreamEvent.START_SEGMENT) {
                    segments++;
                }
            }
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            System.out.printf("envelope-only round %d: %d segments, cpu %.2f s = %.0f segments/s%n", round,
                    segments, cpuSeconds, segments / cpuSeconds);
        }
    }

    private static byte[] interchange(int sets) throws IOException {
        List<String> lines = Fixtures.text(Fixtures.CLEAN).lines().toList();
        int firstSe = lines.indexOf("SE*26*0001~");
        List<String> set = lines.subList(2, firstSe + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(sets * 900);
        write(out, lines.get(0));
        write(out, lines.get(1));
        for (int i = 1; i <= sets; i++) {
            String number = String.format("%04d", i);
            for (String segment : set) {
                if (segment.startsWith("ST*")) {
                    segment = "ST*278*" + number + "*005010X217~";
                } else if (segment.startsWith("SE*")) {
                    segment = "SE*26*" + number + "~";
                }
                write(out, segment);
            }
        }
        write(out, "GE*" + sets + "*101~");
        write(out, "IEA*1*000000101~");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String segment) throws IOException {
        out.write(segment.getBytes(StandardCharsets.US_ASCII));
        out.write('\n');
    }
}
