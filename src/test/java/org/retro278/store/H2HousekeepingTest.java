package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.TestClock;

/** The default H2 store's chunk housekeeping (H2Housekeeping), which H2 does not run itself with WRITE_DELAY=0. */
class H2HousekeepingTest {

    @TempDir
    Path dir;

    @Test
    void theEmptiestChunksAreRewrittenSoThatMostOfTheFileIsLiveAgainAndEveryClaimReadsTheSame() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Engine.H2, dir);
             TransactionStore store = db.open(TestClock.stoppedAt(Instant.parse("2026-11-16T09:00:00Z")))) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("set retention_time 0"); // freed chunks count as free at once: the test needs not wait 45 s
            }
            int claims = 0;
            for (int round = 0; round < 4; round++) {
                long fileId = store.recordReceivedFile("P1", "claims-" + round + ".csv", 100,
                        String.format(Locale.ROOT, "%064x", round)).id();
                for (int chunk = 0; chunk < 2; chunk++) {
                    List<NewClaim> in = new ArrayList<>();
                    for (int i = 0; i < 500; i++, claims++) {
                        in.add(NewClaim.of(TestRequests.simple("C-" + claims, "PAYERA", LocalDate.of(2026, 11, 1)), List.of((long) i + 2)));
                    }
                    store.recordReleasedClaims(fileId, in);
                }
                store.releaseFile(fileId);
                Optional<ReservedInterchange> r;
                while ((r = store.reserveInterchange("PAYERA", 400, LocalDateTime.of(2026, 11, 16, 4, 0), i -> "i-" + i + ".x12"))
                        .isPresent()) {
                    store.recordInterchangeBytes(r.get().id(), String.format(Locale.ROOT, "%064x", 1000 + r.get().id()), 10);
                    store.markInterchangeSent(r.get().id());
                }
            }
            int live = Integer.parseInt(new StoreInspection(store).h2StoreInfo().get("info.CHUNKS_FILL_RATE"));
            assertTrue(live < H2Housekeeping.TARGET_FILL_PERCENT, "a file rewritten at every commit is mostly dead chunks: " + live + " %");

            int[] rates = H2Housekeeping.manual(store.database().dataSource()).run().orElseThrow();

            assertEquals(live, rates[0]);
            store.recordReceivedFile("P1", "next.csv", 100, String.format(Locale.ROOT, "%064x", 99)); // a commit drops the emptied chunks
            int after = Integer.parseInt(new StoreInspection(store).h2StoreInfo().get("info.CHUNKS_FILL_RATE"));
            assertTrue(after >= H2Housekeeping.TARGET_FILL_PERCENT, "live share after the housekeeping: " + after + " % (before " + live + " %)");
            assertEquals(claims, new StoreInspection(store).claimsPerState().get(ClaimState.SENT), "every claim is still there and SENT");
        }
    }

    @Test
    void aPostgresqlStoreHasNone() {
        assertTrue(H2Housekeeping.start(null, "jdbc:postgresql://127.0.0.1:5432/test").isEmpty());
    }
}
