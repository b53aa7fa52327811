package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.retro278.store.ClaimCensus.Answer;
import org.retro278.store.ClaimCensus.AnswerKind;
import org.retro278.testing.TestClock;

/** What the metrics ask the store: claims per state, overdue claims per payer, answers and their lags. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.Engine.class)
class ClaimCensusTest extends StoreTestBase {

    ClaimCensusTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @BeforeEach
    void standAtTheSending() {
        clock = TestClock.stoppedAt(CensusScenario.SENT_AT);
        store.close();
        store = db.open(clock);
    }

    @Test
    void anEmptyStoreHasEveryStateAtZero() {
        ClaimCensus.Count c = store.census().count();
        assertEquals(ClaimState.values().length, c.byState().size());
        assertTrue(c.byState().values().stream().allMatch(n -> n == 0), c.toString());
        assertEquals(Map.of(), c.overdueByPayer());
        assertEquals(0, store.census().lastEventId());
    }

    @Test
    void claimsPerStateAndOverdueClaimsPerPayerMatchTheRows() {
        CensusScenario.play(store, clock);
        ClaimCensus.Count c = store.census().count();
        assertEquals(inspect().claimsPerState(), c.byState());
        assertEquals(1L, c.byState().get(ClaimState.READY));
        assertEquals(1L, c.byState().get(ClaimState.REJECTED_LOCALLY));
        assertEquals(1L, c.byState().get(ClaimState.SENT));
        assertEquals(1L, c.byState().get(ClaimState.ACCEPTED));
        assertEquals(1L, c.byState().get(ClaimState.CERTIFIED));
        assertEquals(1L, c.byState().get(ClaimState.DENIED));
        assertEquals(Map.of("PAYERA", 1L), c.overdueByPayer());
    }

    @Test
    void answersComeWithHowLongAfterSendingOnceEach() {
        long start = store.census().lastEventId();
        Map<String, Long> keys = CensusScenario.play(store, clock);
        List<Answer> answers = new ArrayList<>();
        long next = store.census().answersAfter(start, answers::add);
        assertEquals(store.census().lastEventId(), next);
        assertEquals(List.of("PAYERB ACCEPTED ACKNOWLEDGMENT PT30M", "PAYERA ACCEPTED ACKNOWLEDGMENT PT2H",
                "PAYERB DENIED DECISION PT3H", "PAYERA CERTIFIED DECISION PT26H"),
                answers.stream().map(a -> a.payerId() + " " + a.state() + " " + a.kind() + " " + a.afterSending()).toList());
        assertTrue(answers.stream().map(Answer::eventId).sorted().toList().equals(answers.stream().map(Answer::eventId).toList()));

        List<Answer> again = new ArrayList<>();
        assertEquals(next, store.census().answersAfter(next, again::add));
        assertEquals(List.of(), again, "what was read is not read again");

        // a later answer alone; the overdue flag (a change that is no move) is none
        clock.advance(Duration.ofHours(1));
        inspect().move(keys.get("C3"), ClaimState.SENT, ClaimState.REJECTED_BY_GATEWAY, "TA1 R");
        store.census().answersAfter(next, again::add);
        assertEquals(1, again.size());
        assertEquals(AnswerKind.ACKNOWLEDGMENT, again.get(0).kind());
        assertEquals(Duration.ofHours(27), again.get(0).afterSending());
    }

    @Test
    void aClosedStoreDoesNotAnswerThePing() {
        store.census().ping();
        store.close();
        assertThrows(RuntimeException.class, () -> store.census().ping());
        store = db.open(clock);
    }
}
