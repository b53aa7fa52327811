package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.Engine.class)
class ReceivedFileTest extends StoreTestBase {

    ReceivedFileTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @Test
    void aFirstFileIsReceivedAndTheSameBytesAgainAreADuplicate() {
        ReceivedFile first = store.recordReceivedFile("P1", "claims.csv", 1234, sha(1).toUpperCase());
        assertEquals(FileOutcome.RECEIVED, first.outcome());
        assertFalse(first.isDuplicate());
        assertEquals(sha(1), first.sha256(), "the hash is kept in lower case");

        ReceivedFile again = store.recordReceivedFile("P1", "claims-renamed.csv", 1234, sha(1));
        assertTrue(again.isDuplicate());
        assertEquals(first.id(), again.duplicateOf());
        assertEquals(again, store.findFile(again.id()).orElseThrow());
        assertEquals(FileOutcome.RECEIVED, store.findFile(first.id()).orElseThrow().outcome(), "the first copy is untouched");

        // a third drop still points at the first copy
        assertEquals(first.id(), store.recordReceivedFile("P1", "x.csv", 1234, sha(1)).duplicateOf());
    }

    @Test
    void theSameBytesFromAnotherPracticeOrOtherBytesAreNoDuplicate() {
        store.recordReceivedFile("P1", "claims.csv", 10, sha(1));
        assertFalse(store.recordReceivedFile("P2", "claims.csv", 10, sha(1)).isDuplicate());
        assertFalse(store.recordReceivedFile("P1", "claims.csv", 10, sha(2)).isDuplicate());
    }

    @Test
    void aRefusedFileDroppedAgainIsStillADuplicate() {
        ReceivedFile f = store.recordReceivedFile("P1", "bad.csv", 10, sha(3));
        assertTrue(store.markFileRefused(f.id(), "the header names no claim_id column"));
        ReceivedFile refused = store.findFile(f.id()).orElseThrow();
        assertEquals(FileOutcome.REFUSED, refused.outcome());
        assertEquals("the header names no claim_id column", refused.refusalReason());
        assertEquals(f.id(), store.recordReceivedFile("P1", "bad.csv", 10, sha(3)).duplicateOf());
    }

    @Test
    void aDuplicateNeverGetsClaims() {
        store.recordReceivedFile("P1", "claims.csv", 10, sha(4));
        ReceivedFile dup = store.recordReceivedFile("P1", "claims.csv", 10, sha(4));
        assertThrows(IllegalStateException.class, () -> store.recordClaims(dup.id(),
                List.of(NewClaim.unmapped("C1", "PAYERA", List.of(2L)))));
        assertFalse(inspect().markFileProcessed(dup.id()), "a duplicate's outcome is final");
    }

    @Test
    void processingCountsTheClaimsAndIsFinal() {
        List<Long> keys = receive("PAYERA", 3, 5);
        long fileId = inspect().find(keys.get(0)).orElseThrow().fileId();
        assertNull(store.findFile(fileId).orElseThrow().claimCount());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(inspect().markFileProcessed(fileId));
        ReceivedFile done = store.findFile(fileId).orElseThrow();
        assertEquals(FileOutcome.PROCESSED, done.outcome());
        assertEquals(3, done.claimCount());
        assertEquals(clock.instant(), done.finishedAt());
        assertFalse(inspect().markFileProcessed(fileId), "guarded: only a RECEIVED file is finished");
        assertFalse(store.markFileRefused(fileId, "late"));
        assertThrows(IllegalStateException.class, () -> store.recordClaims(fileId,
                List.of(NewClaim.unmapped("C9", "PAYERA", List.of(9L)))), "no claims after the file is finished");
    }

    @Test
    void concurrentDropsOfTheSameBytesGiveExactlyOneFirstCopy() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ReceivedFile>> drops = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                drops.add(() -> store.recordReceivedFile("P1", "same-" + n + ".csv", 10, sha(6)));
            }
            List<ReceivedFile> files = new ArrayList<>();
            for (Future<ReceivedFile> f : pool.invokeAll(drops)) {
                files.add(f.get());
            }
            List<ReceivedFile> firsts = files.stream().filter(f -> !f.isDuplicate()).toList();
            assertEquals(1, firsts.size(), files.toString());
            for (ReceivedFile f : files) {
                if (f.isDuplicate()) {
                    assertEquals(firsts.get(0).id(), f.duplicateOf());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHashMustBeSha256() {
        assertThrows(IllegalArgumentException.class, () -> store.recordReceivedFile("P1", "x.csv", 1, "abc"));
        assertThrows(IllegalArgumentException.class, () -> store.recordReceivedFile("P1", "x.csv", 1, "g".repeat(64)));
    }
}
