package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the store writes for a claim on its way from intake to SENT, counted in the database ({@link RowWrites}) and in
 * commits: a file recorded in the intake's chunks, released, reserved into interchanges, their bytes recorded, marked
 * SENT. The bounds are what the store does now (docs/benchmarks.md, "The adapter"); a change that makes the store write
 * a claim's rows more often fails here.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.Engine.class)
class ClaimWritesTest extends StoreTestBase {

    private static final int CLAIMS = 2_000;
    private static final int CHUNK = 500; // the intake's (ClaimIntake.CHUNK)
    private static final int PER_INTERCHANGE = 1_000;

    /** Rows written per claim, every table of {@link RowWrites#TABLES} together (H2 sums its tallies per transaction). */
    private static final double MAX_ROW_WRITES_PER_CLAIM_H2 = 8.1;
    private static final double MAX_ROW_WRITES_PER_CLAIM_POSTGRESQL = 9.1;
    /** Transactions per claim. */
    private static final double MAX_COMMITS_PER_CLAIM = 0.01;

    ClaimWritesTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @Test
    void aClaimFromIntakeToSentCostsAFewRowWritesAndAFractionOfACommit() throws Exception {
        RowWrites.install(db);
        Map<String, Long> before = RowWrites.counts(db);
        long commitsBefore = store.database().commits();
        long t0 = System.nanoTime();

        long fileId = store.recordReceivedFile("P1", "claims-1.csv", 100, sha(1)).id();
        for (int from = 0; from < CLAIMS; from += CHUNK) {
            List<NewClaim> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(CLAIMS, from + CHUNK); i++) {
                chunk.add(NewClaim.of(TestRequests.simple("C-" + i, i % 2 == 0 ? "PAYERA" : "PAYERB", LocalDate.of(2026, 11, 1)),
                        List.of((long) i + 2)));
            }
            store.recordClaims(fileId, chunk);
        }
        long t1 = System.nanoTime();
        assertEquals(CLAIMS, store.releaseFile(fileId).ready());
        long t2 = System.nanoTime();
        int sent = 0;
        long reserving = 0;
        long marking = 0;
        for (String payer : List.of("PAYERA", "PAYERB")) {
            while (true) {
                long r0 = System.nanoTime();
                Optional<ReservedInterchange> r = store.reserveInterchange(payer, PER_INTERCHANGE,
                        LocalDateTime.of(2026, 11, 16, 4, 0), isa13 -> "i-" + isa13 + ".x12");
                reserving += System.nanoTime() - r0;
                if (r.isEmpty()) {
                    break;
                }
                store.recordInterchangeBytes(r.get().id(), sha(1000 + (int) r.get().id()), 1000);
                long m0 = System.nanoTime();
                assertTrue(store.markInterchangeSent(r.get().id()));
                marking += System.nanoTime() - m0;
                sent += r.get().claims().size();
            }
        }
        assertEquals(CLAIMS, sent);

        Map<String, Long> after = RowWrites.counts(db);
        long writes = 0;
        StringBuilder perTable = new StringBuilder();
        for (String t : RowWrites.TABLES) {
            long n = after.get(t) - before.get(t);
            writes += n;
            perTable.append(String.format(" %s %.2f", t, (double) n / CLAIMS));
        }
        double writesPerClaim = (double) writes / CLAIMS;
        double commitsPerClaim = (double) (store.database().commits() - commitsBefore) / CLAIMS;
        System.out.printf("%s: %d claims intake to SENT: %.2f row writes per claim (%s ), %.4f commits per claim;"
                        + " record %d ms, release %d ms, reserve %d ms, SENT %d ms%n", engine, CLAIMS, writesPerClaim,
                perTable.toString().trim(), commitsPerClaim, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                reserving / 1_000_000, marking / 1_000_000);
        double bound = engine == TestDatabase.Engine.H2 ? MAX_ROW_WRITES_PER_CLAIM_H2 : MAX_ROW_WRITES_PER_CLAIM_POSTGRESQL;
        assertTrue(writesPerClaim <= bound, "row writes per claim: " + writesPerClaim + " (" + perTable + ")");
        assertTrue(commitsPerClaim <= MAX_COMMITS_PER_CLAIM, "commits per claim: " + commitsPerClaim);
    }

    @Test
    void theReadyQueueIsCountedOnlyUpToWhatTheCallerNeedsAndEveryReadyCommitIsSaid() throws Exception {
        long start = store.readyChanges();
        List<Long> keys = receive("PAYERA", 3, 7);
        assertEquals(start, store.readyChanges(), "claims RECEIVED are not READY");
        assertTrue(store.readyQueue("PAYERA").isEmpty());
        store.releaseFile(inspect().find(keys.get(0)).orElseThrow().fileId());
        assertEquals(start + 1, store.readyChanges(), "the release made claims READY");
        assertEquals(2, store.readyQueue("PAYERA", 2).orElseThrow().count(), "the count stops at the caller's limit");
        assertEquals(3, store.readyQueue("PAYERA", 10).orElseThrow().count());
        assertEquals(1, store.readyQueue("PAYERA").orElseThrow().count());
        ReservedInterchange r = store.reserveInterchange("PAYERA", 10, LocalDateTime.of(2026, 11, 16, 4, 0), i -> "i-" + i + ".x12")
                .orElseThrow();
        assertTrue(store.readyQueue("PAYERA").isEmpty(), "reserved claims do not wait");
        assertEquals(start + 1, store.readyChanges());
        assertTrue(store.markInterchangeFailed(r.id(), "never delivered"));
        assertEquals(start + 2, store.readyChanges(), "a given-up interchange's claims are READY again");
        assertEquals(3, store.readyQueue("PAYERA", 10).orElseThrow().count());
    }

    @Test
    void aChunkReleasedDuringIntakeSaysItsReadyClaimsOnceCommittedSoTheSubmissionLooksAtOnce() {
        long fileId = store.recordReceivedFile("P1", "claims-2.csv", 100, sha(2)).id();
        long start = store.readyChanges();
        store.recordReleasedClaims(fileId, List.of(NewClaim.rejected("R-1", null, List.of(2L),
                List.of(new Reason("NO_PAYER", "no payer", "payer_id")))));
        assertEquals(start, store.readyChanges(), "a chunk whose claims were all refused made nothing READY");
        assertEquals(1, store.recordReleasedClaims(fileId, List.of(NewClaim.of(
                TestRequests.simple("C-1", "PAYERA", LocalDate.of(2026, 11, 1)), List.of(3L)))).ready());
        assertEquals(start + 1, store.readyChanges(), "the chunk's READY claims are said at its commit");
        store.recordClaims(fileId, List.of(NewClaim.of(TestRequests.simple("C-2", "PAYERA", LocalDate.of(2026, 11, 1)),
                List.of(4L))));
        assertEquals(start + 1, store.readyChanges(), "a next transaction on the same thread does not lose or add one");
    }

    @Test
    void onH2AChunkOfClaimsIsStoredToTheFileAHandfulOfTimesNotOnceForEvery32KeysItTakes() throws Exception {
        if (engine == TestDatabase.Engine.POSTGRESQL) {
            // PostgreSQL caches per connection, which would let keys of later rows come out lower: left at 1 (V12)
            try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "select sequencename, cache_size from pg_sequences where schemaname = current_schema()")) {
                int sequences = 0;
                while (rs.next()) {
                    assertEquals(1, rs.getLong(2), rs.getString(1));
                    sequences++;
                }
                assertTrue(sequences >= 6, "the identity sequences were found: " + sequences);
            }
            return;
        }
        long fileId = store.recordReceivedFile("P1", "claims-3.csv", 100, sha(3)).id();
        List<NewClaim> chunk = new ArrayList<>();
        for (int i = 0; i < 2 * CHUNK; i++) {
            chunk.add(NewClaim.of(TestRequests.simple("C-" + i, "PAYERA", LocalDate.of(2026, 11, 1)), List.of((long) i + 2)));
        }
        long writesBefore = Long.parseLong(inspect().h2StoreInfo().get("info.FILE_WRITE"));
        store.recordReleasedClaims(fileId, chunk); // 1,000 claim keys and 2,000 history keys in one transaction
        long writes = Long.parseLong(inspect().h2StoreInfo().get("info.FILE_WRITE")) - writesBefore;
        // with H2's default cache of 32 keys each refill stored the whole database: about 3,000 / 32 = 94 writes
        assertTrue(writes <= 10, "the H2 file was written " + writes + " times for one chunk of " + chunk.size() + " claims");
    }
}
