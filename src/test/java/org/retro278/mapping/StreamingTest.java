package org.retro278.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.retro278.mapping.bench.ClaimFileGenerator;

/**
 * Claims leave the reader while the file is still being read: the file comes through a pipe whose
 * writer holds the rest of the file back until the sink has seen the first claim. A reader that
 * collected rows before handing claims on would make the writer wait in vain.
 */
class StreamingTest {

    private static final long ROWS = 2_000;

    @Test
    void theFirstClaimIsHandedOnBeforeTheRestOfTheFileIsWritten() throws Exception {
        StringWriter whole = new StringWriter();
        ClaimFileGenerator.write(whole, ROWS);
        String text = whole.toString();
        int afterThirdDataRow = nthLineEnd(text, 4); // header, CLM0000001, CLM0000002 twice
        byte[] head = text.substring(0, afterThirdDataRow).getBytes(StandardCharsets.UTF_8);
        byte[] rest = text.substring(afterThirdDataRow).getBytes(StandardCharsets.UTF_8);

        CountDownLatch firstClaim = new CountDownLatch(1);
        AtomicBoolean restHeldBack = new AtomicBoolean();
        AtomicBoolean restWritten = new AtomicBoolean();
        AtomicBoolean claimSeenBeforeRest = new AtomicBoolean();
        PipedInputStream pipe = new PipedInputStream(1 << 16);
        OutputStream writerEnd = new PipedOutputStream(pipe);
        Thread writer = new Thread(() -> {
            try (writerEnd) {
                writerEnd.write(head);
                writerEnd.flush();
                restHeldBack.set(firstClaim.await(30, TimeUnit.SECONDS));
                writerEnd.write(rest);
                restWritten.set(true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "claim-file-writer");
        writer.start();

        AtomicLong claims = new AtomicLong();
        ReadSummary summary;
        try (ClaimFileReader reader = new ClaimFileReader(Fixtures.layout("default"))) {
            summary = reader.read("piped claims", pipe, new ClaimGroupSink() {
                @Override
                public void retract(String claimId) {
                }

                @Override
                public void claim(ClaimGroup group) {
                    if (claims.incrementAndGet() == 1) {
                        assertEquals("CLM0000001", group.claimId());
                        claimSeenBeforeRest.set(!restWritten.get());
                        firstClaim.countDown();
                    }
                }
            });
        }
        writer.join();

        assertTrue(restHeldBack.get(), "the first claim did not arrive while the rest of the file was held back");
        assertTrue(claimSeenBeforeRest.get());
        assertEquals(ROWS, summary.rows());
        assertEquals(summary.claims(), claims.get());
    }

    private static int nthLineEnd(String text, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = text.indexOf('\n', at + 1);
        }
        return at + 1;
    }
}
