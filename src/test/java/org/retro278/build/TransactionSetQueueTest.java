package org.retro278.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.retro278.rules.RejectionCode;
import org.retro278.x12.X12Problem;

/** The one parallel build of transaction sets, as the offline command and the live path use it. */
class TransactionSetQueueTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void resultsReachTheSinkOnTheCallingThreadInTheOrderBatchesWereQueued() throws Exception {
        BatchBuilder a = new BatchBuilder(BuildFixtures.payer("PAYERA"), "9RETRO2780", X12Checks.transactionSets(), BuildFixtures.CREATED);
        BatchBuilder b = new BatchBuilder(BuildFixtures.payer("PAYERB"), "9RETRO2780", X12Checks.transactionSets(), BuildFixtures.CREATED);
        Thread caller = Thread.currentThread();
        List<String> order = new ArrayList<>();
        TransactionSetQueue queue = new TransactionSetQueue(workers, 3, 3, built -> {
            assertSame(caller, Thread.currentThread());
            for (BuiltBatch.BuiltSet s : built.sets()) {
                order.add(built.payerId() + ":" + s.claimId());
            }
        });
        for (int i = 1; i <= 7; i++) {
            queue.add(i % 3 == 0 ? b : a, BuildFixtures.claim(i % 3 == 0 ? "PAYERB" : "PAYERA", "CLM" + i, i));
        }
        queue.finish();
        // PAYERA fills the batch (1,2,4); the open batches (5,7) and (3,6) follow in the order they were opened
        assertEquals(List.of("PAYERA:CLM1", "PAYERA:CLM2", "PAYERA:CLM4", "PAYERA:CLM5", "PAYERA:CLM7", "PAYERB:CLM3",
                "PAYERB:CLM6"), order);
    }

    @Test
    void aSetThatFailsValidationIsRejectedAndTheOthersOfItsBatchStillComeOut() throws Exception {
        TransactionSetValidator real = X12Checks.transactionSets();
        TransactionSetValidator flagging = in -> {
            byte[] bytes = in.readAllBytes();
            List<X12Problem> problems = new ArrayList<>(real.validate(new ByteArrayInputStream(bytes)));
            if (new String(bytes, StandardCharsets.US_ASCII).contains("BHT*0007*13*CLM2-")) {
                problems.add(new X12Problem(5, 3, "0002", "2000E", "UM", 1, null, "CODE_INVALID", "test defect"));
            }
            return problems;
        };
        BatchBuilder builder = new BatchBuilder(BuildFixtures.payer("PAYERA"), "9RETRO2780", flagging, BuildFixtures.CREATED);
        List<String> built = new ArrayList<>();
        List<BuiltBatch.RejectedSet> rejected = new ArrayList<>();
        TransactionSetQueue queue = new TransactionSetQueue(workers, 2, 32, b -> {
            b.sets().forEach(s -> built.add(s.claimId()));
            rejected.addAll(b.rejected());
        });
        for (int i = 1; i <= 3; i++) {
            queue.add(builder, BuildFixtures.claim("PAYERA", "CLM" + i, i));
        }
        queue.finish();
        assertEquals(List.of("CLM1", "CLM3"), built);
        assertEquals(1, rejected.size());
        assertEquals("CLM2", rejected.get(0).claimId());
        assertEquals(RejectionCode.X12_INVALID, rejected.get(0).rejection().code());
    }

    @Test
    void aFailureOnAWorkerReachesTheCallerAsItself() throws Exception {
        IOException broken = new IOException("validator unavailable");
        BatchBuilder builder = new BatchBuilder(BuildFixtures.payer("PAYERA"), "9RETRO2780", in -> {
            throw broken;
        }, BuildFixtures.CREATED);
        TransactionSetQueue queue = new TransactionSetQueue(workers, 1, 1, b -> {
        });
        IOException e = assertThrows(IOException.class, () -> {
            for (int i = 1; i <= 10; i++) {
                queue.add(builder, BuildFixtures.claim("PAYERA", "CLM" + i, i));
            }
            queue.finish();
        });
        assertSame(broken, e);
        assertTrue(e.getMessage().contains("unavailable"));
    }
}
