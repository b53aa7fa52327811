package org.retro278.status;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.store.ClaimState;
import org.retro278.store.NewClaim;
import org.retro278.store.StoreInspection;
import org.retro278.store.TestRequests;
import org.retro278.store.TransactionStore;
import org.retro278.testing.TestClock;

/**
 * Status files cost what changed, not the file's size times its changes: a large file whose claims keep
 * moving is written about twice (once when it is taken in, once when it settles), a small one follows every
 * change at the next poll, and the status the practice ends with is the full status of the store.
 */
class StatusFilesPaceTest {

    private static final String PRACTICE = "P1";

    @TempDir
    Path dir;
    private final TestClock clock = TestClock.stoppedAt(Instant.parse("2026-11-16T09:00:00Z"));
    private TransactionStore store;
    private long written;
    private final List<StatusFiles.Upload> last = new ArrayList<>();

    @BeforeEach
    void openStore() throws IOException {
        store = TransactionStore.openH2(dir.resolve("work"), "", clock);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** A processed file of {@code n} READY claims; their keys. */
    private List<Long> readyFile(String name, int n) {
        long fileId = store.recordReceivedFile(PRACTICE, name, 100, String.format("%064x", name.hashCode())).id();
        List<NewClaim> claims = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            claims.add(NewClaim.of(TestRequests.simple(name + "-" + i, "PAYERA", LocalDate.of(2026, 11, 1)), List.of((long) i + 1)));
        }
        List<Long> keys = store.recordClaims(fileId, claims);
        store.releaseFile(fileId);
        return keys;
    }

    /** One poll of the status route a second after the last: what is due is written, counted and uploaded. */
    private int tick(StatusFiles status) throws IOException {
        clock.advance(Duration.ofSeconds(1));
        List<StatusFiles.Upload> due = status.due(PRACTICE);
        for (StatusFiles.Upload u : due) {
            assertEquals(Files.size(u.file().toPath()), u.bytes(), u.name());
            written += u.bytes();
            if (u.last()) {
                store.statusPublished(u.fileId(), u.asOf());
            }
        }
        if (!due.isEmpty()) {
            last.clear();
            last.addAll(due);
        }
        return due.size() / 2;
    }

    private void move(List<Long> keys, ClaimState from, ClaimState to) {
        assertEquals(keys.size(), new StoreInspection(store).move(keys, from, to, "test"));
    }

    @Test
    void aLargeFileWhoseClaimsKeepMovingIsWrittenAboutTwiceAndEndsWithTheFullStatus() throws IOException {
        List<Long> keys = readyFile("big.csv", 400);
        // about 320 KB of status: at 4 KiB/s it waits some 80 s between writes, longer than its claims keep moving
        StatusFiles status = new StatusFiles(store, dir.resolve("status"), 4 * 1024);
        int publications = tick(status);
        for (int batch = 0; batch < 20; batch++) {
            move(keys.subList(batch * 20, batch * 20 + 20), ClaimState.READY, ClaimState.SENT);
            publications += tick(status);
        }
        for (int batch = 0; batch < 20; batch++) {
            move(keys.subList(batch * 20, batch * 20 + 20), ClaimState.SENT, ClaimState.ACCEPTED);
            publications += tick(status);
        }
        for (int t = 0; t < 200 && !store.filesWithNewStatus(PRACTICE).isEmpty(); t++) {
            publications += tick(status);
        }
        assertTrue(store.filesWithNewStatus(PRACTICE).isEmpty(), "the last change was published");

        long finalSize = last.stream().mapToLong(StatusFiles.Upload::bytes).sum();
        assertEquals(2, publications, "taken in, settled");
        assertTrue(written <= 2 * finalSize + finalSize / 20, written + " bytes written for a final status of " + finalSize);
        assertFinalStatusIsTheStoresFullStatus(last.get(0).fileId());
    }

    @Test
    void aSmallFileFollowsEveryChangeAtTheNextPoll() throws IOException {
        List<Long> keys = readyFile("small.csv", 2);
        StatusFiles status = new StatusFiles(store, dir.resolve("status"));
        assertEquals(1, tick(status));
        move(keys.subList(0, 1), ClaimState.READY, ClaimState.SENT);
        assertEquals(1, tick(status));
        move(keys.subList(1, 2), ClaimState.READY, ClaimState.SENT);
        assertEquals(1, tick(status));
        move(keys, ClaimState.SENT, ClaimState.ACCEPTED);
        assertEquals(1, tick(status));
        assertEquals(0, tick(status), "nothing changed");
        assertFinalStatusIsTheStoresFullStatus(last.get(0).fileId());
    }

    @Test
    void aStatusThatCouldNotBeUploadedIsWrittenAgainAtTheNextPollWithoutWaitingOutThePause() throws IOException {
        readyFile("big.csv", 50);
        StatusFiles status = new StatusFiles(store, dir.resolve("status"), 1_024);
        List<StatusFiles.Upload> due = status.due(PRACTICE);
        assertEquals(2, due.size());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), status.due(PRACTICE), "within the pause");
        Exchange failed = new DefaultExchange(new DefaultCamelContext());
        failed.getIn().setHeader(StatusFiles.FILE_ID_HEADER, due.get(0).fileId());
        status.onUploadFailed(failed);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, status.due(PRACTICE).size(), "tried again at once");
    }

    /** The files the practice has last are byte for byte a full write of the store's claims as they are now. */
    private void assertFinalStatusIsTheStoresFullStatus(long fileId) throws IOException {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        try (StatusFileWriter w = new StatusFileWriter(csv, jsonl)) {
            store.forEachClaimOfFile(fileId, w::write);
        }
        assertArrayEquals(csv.toByteArray(), Files.readAllBytes(last.get(0).file().toPath()));
        assertArrayEquals(jsonl.toByteArray(), Files.readAllBytes(last.get(1).file().toPath()));
    }
}
