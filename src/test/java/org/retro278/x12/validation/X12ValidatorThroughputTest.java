package org.retro278.x12.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How fast a converter-sized file validates: {@code N} copies (default 20,000) of the first request of the
 * clean fixture in one interchange, several rounds so the JIT settles. Opt-in, it takes a while and needs a
 * quiet machine: {@code mvn -o test -Dtest=X12ValidatorThroughputTest -Dretro278.perf=true
 * [-Dretro278.perf.sets=20000] [-Dretro278.perf.rounds=5]}. Reports segments per second of wall time and per
 * second of the validating thread's CPU time (the fair figure on a shared machine), and as a yardstick for
 * the machine of the moment StAEDI reading the same data with envelope checks only (docs/architecture.md
 * measured ~820k segments/s for that, ~88k with an X217 schema).
 */
class X12ValidatorThroughputTest {

    @Test
    void segmentsPerSecond() throws IOException {
        assumeTrue(Boolean.getBoolean("retro278.perf"), "opt-in: -Dretro278.perf=true");
        int sets = Integer.getInteger("retro278.perf.sets", 20_000);
        int rounds = Integer.getInteger("retro278.perf.rounds", 5);
        byte[] data = interchange(sets);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            ValidationSummary summary = Fixtures.VALIDATOR.validate(new ByteArrayInputStream(data), p -> { });
            double wallSeconds = (System.nanoTime() - wall) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            assertEquals(0, summary.problems());
            assertEquals(sets, summary.transactionSets());
            System.out.printf("throughput round %d: %d sets, %d segments, wall %.2f s = %.0f segments/s,"
                            + " cpu %.2f s = %.0f segments/s (%.0f requests/s)%n", round, sets, summary.segments(),
                    wallSeconds, summary.segments() / wallSeconds, cpuSeconds, summary.segments() / cpuSeconds,
                    sets / cpuSeconds);
        }
    }

    @Test
    void envelopeOnlyYardstick() throws Exception {
        assumeTrue(Boolean.getBoolean("retro278.perf"), "opt-in: -Dretro278.perf=true");
        byte[] data = interchange(Integer.getInteger("retro278.perf.sets", 20_000));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= Integer.getInteger("retro278.perf.rounds", 5); round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long segments = 0;
            io.xlate.edi.stream.EDIStreamReader reader = io.xlate.edi.stream.EDIInputFactory.newFactory()
                    .createEDIStreamReader(new java.io.BufferedInputStream(new ByteArrayInputStream(data)));
            while (reader.hasNext()) {
                if (reader.next() == io.xlate.edi.stream.EDIStreamEvent.START_SEGMENT) {
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
