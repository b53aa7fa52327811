package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The calls of real-time gateways on both engines: recorded before the call, outcomes with the claim's move. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.Engine.class)
class RealTimeLedgerTest extends StoreTestBase {

    RealTimeLedgerTest(TestDatabase.Engine engine) {
        super(engine);
    }

    long reserveOne() throws Exception {
        return store.reserveInterchange("PAYERA", 1, LocalDateTime.of(2026, 11, 16, 9, 0), n -> "A." + n + ".x12").orElseThrow().id();
    }

    @Test
    void aCallIsRecordedBeforeItIsMadeAndACallWithoutAnAnswerLeavesTheClaimSent() throws Exception {
        long key = ready("PAYERA", 1, 1).get(0);
        long id = reserveOne();
        RealTimeLedger rt = store.realTime();
        RealTimeLedger.Call first = rt.recordCall(id, "00000000-0000-0000-0000-000000000001");
        assertEquals(1, first.attempt());
        assertNull(first.outcome());
        Interchange i = store.findInterchange(id).orElseThrow();
        assertEquals(1, i.attempts());
        assertEquals(clock.instant(), i.lastAttemptAt());
        assertEquals(InterchangeState.SENDING, i.state());
        assertEquals(1, rt.open("PAYERA").size());

        clock.advance(Duration.ofSeconds(20));
        assertTrue(rt.recordNoAnswer(id, first.payloadId(), "no answer within 20 s"));
        assertFalse(rt.recordNoAnswer(id, first.payloadId(), "again"), "an outcome is recorded once");
        assertEquals(InterchangeState.SENT, store.findInterchange(id).orElseThrow().state());
        StoredClaim c = inspect().find(key).orElseThrow();
        assertEquals(ClaimState.SENT, c.state());
        assertEquals(List.of(new Reason("NO_ANSWER", "no answer within 20 s")), c.reasons());
        List<RealTimeLedger.OpenInterchange> open = rt.open("PAYERA");
        assertEquals(1, open.size(), "a SENT interchange with an unanswered call stays open");
        assertEquals(ClaimState.SENT, open.get(0).claimState());

        RealTimeLedger.Call second = rt.recordCall(id, "00000000-0000-0000-0000-000000000002");
        assertEquals(2, second.attempt());
        assertThrows(StoreException.class, () -> rt.recordCall(id, second.payloadId()), "a PayloadID is never used twice");
        rt.settle(id, "not sent again");
        assertTrue(rt.open("PAYERA").isEmpty());
        List<String> details = store.operatorView().history(key).stream().map(OperatorView.ClaimChange::detail).toList();
        assertTrue(details.stream().anyMatch(d -> d.contains("PayloadID 00000000-0000-0000-0000-000000000001")), details.toString());
        assertTrue(details.stream().anyMatch(d -> d.contains("PayloadID 00000000-0000-0000-0000-000000000002")), details.toString());
    }

    @Test
    void aCallThatNeverReachedThePayerLeavesTheInterchangeSending() throws Exception {
        long key = ready("PAYERA", 1, 1).get(0);
        long id = reserveOne();
        RealTimeLedger rt = store.realTime();
        RealTimeLedger.Call call = rt.recordCall(id, "00000000-0000-0000-0000-000000000003");
        assertTrue(rt.recordNotSent(id, call.payloadId(), "connection refused"));
        assertEquals(InterchangeState.SENDING, store.findInterchange(id).orElseThrow().state());
        assertEquals("connection refused", store.findInterchange(id).orElseThrow().lastError());
        assertEquals(ClaimState.READY, inspect().find(key).orElseThrow().state());
        assertEquals(RealTimeLedger.Outcome.NOT_SENT, rt.calls(id).get(0).outcome());
    }

    @Test
    void anEnvelopeErrorMovesTheClaimThroughSentToRejectedByTheGatewayInOneTransaction() throws Exception {
        long key = ready("PAYERA", 1, 1).get(0);
        long id = reserveOne();
        RealTimeLedger rt = store.realTime();
        RealTimeLedger.Call call = rt.recordCall(id, "00000000-0000-0000-0000-000000000004");
        assertTrue(rt.rejectEnvelope(id, call.payloadId(), "Unauthorized", new Reason("CORE:Unauthorized", "refused")));
        StoredClaim c = inspect().find(key).orElseThrow();
        assertEquals(ClaimState.REJECTED_BY_GATEWAY, c.state());
        assertEquals("CORE:Unauthorized", c.reasons().get(0).code());
        assertEquals(RealTimeLedger.Outcome.ANSWERED, rt.calls(id).get(0).outcome());
        assertTrue(rt.open("PAYERA").isEmpty());
    }
}
