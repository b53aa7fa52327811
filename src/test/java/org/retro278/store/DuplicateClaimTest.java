package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.rules.Rejection;
import org.retro278.rules.RejectionCode;

/**
 * The same claim dropped again in another file: rejected locally as DUPLICATE_CLAIM while an earlier copy is
 * in flight or decided, taken in again when the earlier copy never got a decision (docs/rules.md).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.Engine.class)
class DuplicateClaimTest extends StoreTestBase {

    private static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);

    DuplicateClaimTest(TestDatabase.Engine engine) {
        super(engine);
    }

    private int files;

    /** A new file of practice P1 with these claims, released; the keys of its claims. */
    private List<Long> dropAndRelease(String name, RetroAuthorizationRequest... requests) {
        long fileId = store.recordReceivedFile("P1", name, 100, sha(1000 + ++files)).id();
        List<NewClaim> claims = new ArrayList<>();
        for (int i = 0; i < requests.length; i++) {
            claims.add(NewClaim.of(requests[i], List.of((long) i + 2)));
        }
        List<Long> keys = store.recordClaims(fileId, claims);
        store.releaseFile(fileId);
        return keys;
    }

    /** Puts a claim into a state behind the store's back (the way there does not matter here). */
    private void force(long key, ClaimState state) throws Exception {
        try (Connection c = db.connect(); PreparedStatement up = c.prepareStatement("update claim set state = ? where id = ?")) {
            up.setString(1, state.name());
            up.setLong(2, key);
            assertEquals(1, up.executeUpdate());
        }
    }

    @Test
    void theSameClaimInAnotherFileIsRejectedAsADuplicateNamingTheEarlierOne() throws Exception {
        RetroAuthorizationRequest claim = TestRequests.full("NC-0001", "PAYERA");
        long first = dropAndRelease("riverside-2026-11-15.csv", claim).get(0);
        assertEquals(ClaimState.READY, inspect().find(first).orElseThrow().state());
        assertTrue(inspect().move(first, ClaimState.READY, ClaimState.SENT, "sent"));
        force(first, ClaimState.CERTIFIED);
        clock.advance(Duration.ofHours(2));

        long fileId = store.recordReceivedFile("P1", "riverside-again.csv", 101, sha(2)).id();
        long again = store.recordClaims(fileId, List.of(NewClaim.of(claim, List.of(2L)))).get(0);
        TransactionStore.FileRelease release = store.releaseFile(fileId);
        assertEquals(new TransactionStore.FileRelease(0, 1), release, "counted among the file's rejections");

        StoredClaim dup = inspect().find(again).orElseThrow();
        assertEquals(ClaimState.REJECTED_LOCALLY, dup.state());
        assertEquals(1, dup.reasons().size(), dup.reasons().toString());
        Reason r = dup.reasons().get(0);
        assertEquals(RejectionCode.DUPLICATE_CLAIM.name(), r.code());
        assertNull(r.field());
        assertTrue(r.words().contains("already sent in 'riverside-2026-11-15.csv' received 2026-11-16T09:00:00Z (file 1), now CERTIFIED"),
                r.words());
        assertTrue(r.words().contains("not sent again") && r.words().contains("resubmit"), r.words());
        assertTrue(inspect().findReady("PAYERA", 10).isEmpty(), "nothing to send");
        assertTrue(inspect().history(again).get(0).detail().contains("the same claim as claim " + first + " of file 1 (CERTIFIED)"),
                inspect().history(again).toString());
        assertEquals(ClaimState.CERTIFIED, inspect().find(first).orElseThrow().state(), "the earlier claim is untouched");
    }

    @Test
    void aClaimNotYetSentIsNamedAsTakenIn() {
        RetroAuthorizationRequest claim = TestRequests.simple("C1", "PAYERA", NOV_1);
        dropAndRelease("a.csv", claim);
        long again = dropAndRelease("b.csv", claim).get(0);
        Reason r = inspect().find(again).orElseThrow().reasons().get(0);
        assertEquals("DUPLICATE_CLAIM", r.code());
        assertTrue(r.words().contains("already taken in from 'a.csv'"), r.words());
        assertTrue(r.words().contains("now READY"), r.words());
    }

    @Test
    void theStatesThatBlockARedropAreTheInFlightAndDecidedOnes() throws Exception {
        Set<ClaimState> blocking = EnumSet.of(ClaimState.RECEIVED, ClaimState.READY, ClaimState.SENT, ClaimState.ACCEPTED,
                ClaimState.PENDED, ClaimState.ERROR, ClaimState.CERTIFIED, ClaimState.PARTIALLY_CERTIFIED, ClaimState.MODIFIED,
                ClaimState.DENIED, ClaimState.CANCELLED, ClaimState.CONTACT_PAYER, ClaimState.NOT_REQUIRED);
        int n = 0;
        for (ClaimState earlier : ClaimState.values()) {
            assertEquals(blocking.contains(earlier), earlier.blocksRedrop(), earlier.name());
            RetroAuthorizationRequest claim = TestRequests.simple("S" + ++n, "PAYERA", NOV_1);
            long first = dropAndRelease("first-" + n + ".csv", claim).get(0);
            force(first, earlier);
            StoredClaim second = inspect().find(dropAndRelease("second-" + n + ".csv", claim).get(0)).orElseThrow();
            if (earlier.blocksRedrop()) {
                assertEquals(ClaimState.REJECTED_LOCALLY, second.state(), "after " + earlier);
                assertEquals("DUPLICATE_CLAIM", second.reasons().get(0).code());
                assertTrue(second.reasons().get(0).words().contains("now " + earlier.name()), second.reasons().get(0).words());
            } else {
                assertEquals(ClaimState.READY, second.state(), "after " + earlier + " the claim is taken in again");
                assertTrue(second.reasons().isEmpty());
            }
        }
    }

    @Test
    void aClaimWhoseEarlierCopyWasRejectedIsTakenInAndThenBlocksTheNextCopy() throws Exception {
        RetroAuthorizationRequest claim = TestRequests.simple("C1", "PAYERA", NOV_1);
        long first = dropAndRelease("a.csv", claim).get(0);
        force(first, ClaimState.REJECTED_LOCALLY);
        long second = dropAndRelease("b.csv", claim).get(0);
        assertEquals(ClaimState.READY, inspect().find(second).orElseThrow().state());
        StoredClaim third = inspect().find(dropAndRelease("c.csv", claim).get(0)).orElseThrow();
        assertEquals(ClaimState.REJECTED_LOCALLY, third.state());
        assertTrue(third.reasons().get(0).words().contains("'b.csv'"), "names the copy that blocks, not the rejected one: "
                + third.reasons().get(0).words());
    }

    @Test
    void anotherDateOfServiceAnotherPracticeOrAnotherPatientIsANewClaim() {
        dropAndRelease("a.csv", TestRequests.simple("C1", "PAYERA", NOV_1), TestRequests.full("C2", "PAYERA"));
        List<Long> keys = dropAndRelease("b.csv", TestRequests.simple("C1", "PAYERA", NOV_1.plusDays(1)),
                TestRequests.simple("C2", "PAYERA", NOV_1));
        for (long k : keys) {
            assertEquals(ClaimState.READY, inspect().find(k).orElseThrow().state());
        }
        long otherPractice = store.recordReceivedFile("P2", "a.csv", 100, sha(77)).id();
        long k = store.recordClaims(otherPractice, List.of(NewClaim.of(TestRequests.simple("C1", "PAYERA", NOV_1), List.of(2L)))).get(0);
        store.releaseFile(otherPractice);
        assertEquals(ClaimState.READY, inspect().find(k).orElseThrow().state(), "the same claim id of another practice");
    }

    @Test
    void aClaimTheRulesRefusedKeepsItsOwnReasonsAndBlocksNothing() throws Exception {
        RetroAuthorizationRequest claim = TestRequests.simple("C1", "PAYERA", NOV_1);
        dropAndRelease("a.csv", claim);
        long fileId = store.recordReceivedFile("P1", "b.csv", 100, sha(88)).id();
        Reason window = Reason.of(new Rejection("C1", List.of(2L), "service_date_from", RejectionCode.RETRO_WINDOW_EXCEEDED,
                "too old"));
        long refused = store.recordClaims(fileId, List.of(new NewClaim("C1", "PAYERA", claim, List.of(2L), List.of(window)))).get(0);
        store.releaseFile(fileId);
        assertEquals(List.of(window), inspect().find(refused).orElseThrow().reasons());
    }

    @Test
    void theKeyColumnHoldsTheHashOnlyAndClaimsWithoutARequestHaveNone() throws Exception {
        RetroAuthorizationRequest full = TestRequests.full("C1", "PAYERA");
        long fileId = store.recordReceivedFile("P1", "a.csv", 100, sha(5)).id();
        List<Long> keys = store.recordClaims(fileId, List.of(NewClaim.of(full, List.of(2L)),
                NewClaim.rejected("C2", "PAYERA", List.of(3L), List.of(new Reason("MISSING_VALUE", "member_id is empty")))));
        try (Connection c = db.connect(); PreparedStatement q = c.prepareStatement("select identity_sha256 from claim where id = ?")) {
            q.setLong(1, keys.get(0));
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(ClaimIdentity.sha256("P1", full), rs.getString(1));
            }
            q.setLong(1, keys.get(1));
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                assertNull(rs.getString(1));
            }
        }
    }

    @Test
    void aFileOfManyDuplicatesIsCheckedInChunksAcrossTheLookupLimit() {
        int n = ReceivedFiles.IDENTITY_LOOKUP * 2 + 7;
        RetroAuthorizationRequest[] claims = new RetroAuthorizationRequest[n];
        for (int i = 0; i < n; i++) {
            claims[i] = TestRequests.simple("M" + i, "PAYERA", NOV_1);
        }
        dropAndRelease("a.csv", claims);
        // the second file: every other claim again, the rest new
        RetroAuthorizationRequest[] mixed = new RetroAuthorizationRequest[n];
        for (int i = 0; i < n; i++) {
            mixed[i] = i % 2 == 0 ? claims[i] : TestRequests.simple("M" + i, "PAYERA", NOV_1.minusDays(1));
        }
        long fileId = store.recordReceivedFile("P1", "b.csv", 100, sha(99)).id();
        List<NewClaim> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(NewClaim.of(mixed[i], List.of((long) i + 2)));
        }
        store.recordClaims(fileId, batch);
        TransactionStore.FileRelease r = store.releaseFile(fileId);
        assertEquals(n / 2, r.ready());
        assertEquals(n - n / 2, r.rejected());
        for (StoredClaim c : store.claimsOfFile(fileId)) {
            int i = Integer.parseInt(c.claimId().substring(1));
            assertEquals(i % 2 == 0, c.state() == ClaimState.REJECTED_LOCALLY, c.claimId());
        }
    }

    @Test
    void anInterruptedFileIsNotADuplicateOfItselfWhenReadAgain() {
        RetroAuthorizationRequest claim = TestRequests.simple("C1", "PAYERA", NOV_1);
        long fileId = store.recordReceivedFile("P1", "a.csv", 100, sha(6)).id();
        store.recordClaims(fileId, List.of(NewClaim.of(claim, List.of(2L))));
        store.restartFile(fileId);
        long k = store.recordClaims(fileId, List.of(NewClaim.of(claim, List.of(2L)))).get(0);
        store.releaseFile(fileId);
        assertEquals(ClaimState.READY, inspect().find(k).orElseThrow().state());
        assertFalse(inspect().find(k).orElseThrow().reasons().stream().anyMatch(r -> r.code().equals("DUPLICATE_CLAIM")));
    }
}
