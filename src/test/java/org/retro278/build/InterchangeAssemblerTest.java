package org.retro278.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.config.PayerProfile;
import org.retro278.x12.EnvelopeWriter;
import org.retro278.x12.InterchangeFrame;
import org.retro278.x12.X12Problem;

/** An interchange file appears under its final name only when its envelope checks out. */
class InterchangeAssemblerTest {

    @TempDir
    Path dir;

    private static byte[] sets(PayerProfile payer, int n) throws Exception {
        ExecutorService workers = Executors.newSingleThreadExecutor();
        try {
            BatchBuilder builder = new BatchBuilder(payer, "9RETRO2780", X12Checks.transactionSets(), BuildFixtures.CREATED);
            List<byte[]> parts = new ArrayList<>();
            TransactionSetQueue queue = new TransactionSetQueue(workers, 1, 32, b -> b.sets().forEach(s -> parts.add(s.bytes())));
            for (int i = 1; i <= n; i++) {
                queue.add(builder, BuildFixtures.claim(payer.id(), "CLM" + i, i));
            }
            queue.finish();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                all.write(p);
            }
            return all.toByteArray();
        } finally {
            workers.shutdownNow();
        }
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void aVerifiedInterchangeIsPublishedUnderItsNameAndNothingElseIsLeft() throws Exception {
        PayerProfile payer = BuildFixtures.payer("PAYERA");
        Path target = dir.resolve("out.x12");
        InterchangeFrame frame = InterchangeFrame.of(new EnvelopeWriter(payer), 7, 3, 2, BuildFixtures.CREATED);
        byte[] body = sets(payer, 2);
        List<X12Problem> problems = new InterchangeAssembler(X12Checks.envelopes()).publish(target, frame, out -> out.write(body));
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(List.of(target), files());
        assertTrue(X12Checks.validator().validate(target).clean());
    }

    @Test
    void anInterchangeThatFailsItsCheckIsNeverPublished() throws Exception {
        PayerProfile payer = BuildFixtures.payer("PAYERA");
        Path target = dir.resolve("out.x12");
        // the envelope announces three sets around two
        InterchangeFrame frame = InterchangeFrame.of(new EnvelopeWriter(payer), 7, 3, 3, BuildFixtures.CREATED);
        byte[] body = sets(payer, 2);
        List<X12Problem> problems = new InterchangeAssembler(X12Checks.envelopes()).publish(target, frame, out -> out.write(body));
        assertFalse(problems.isEmpty());
        assertEquals(List.of(), files(), "neither the file nor its temporary copy is left");
    }
}
