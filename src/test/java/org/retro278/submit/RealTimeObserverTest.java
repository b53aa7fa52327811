package org.retro278.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.sim.PayerSimulator;
import org.retro278.store.ClaimState;

/** The timing hooks of the real-time flow: told when each reservation and each outcome has committed. */
class RealTimeObserverTest {

    @TempDir
    Path dir;
    /** The store, fake gateway and submission of {@link RealTimeSubmissionTest}, made the same way. */
    final RealTimeSubmissionTest flow = new RealTimeSubmissionTest();

    /** What the observer saw, and the claim's state in the store at the moment it was told of the outcome. */
    final List<Long> reserved = new CopyOnWriteArrayList<>();
    final Map<String, Long> settled = new ConcurrentHashMap<>();
    final Map<String, ClaimState> stateWhenSettled = new ConcurrentHashMap<>();
    final List<Long> ended = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws Exception {
        flow.dir = dir;
        flow.open();
    }

    @AfterEach
    void close() {
        flow.close();
    }

    void observe() {
        flow.submission.observe(new RealTimeObserver() {
            @Override
            public void reserved(long interchangeId) {
                assertTrue(flow.store.findInterchange(interchangeId).isPresent(), "the reservation has committed");
                reserved.add(interchangeId);
            }

            @Override
            public void settled(long interchangeId, String payloadId) {
                settled.put(payloadId, interchangeId);
                stateWhenSettled.put(payloadId, flow.store.claimsOfFile(flow.fileId).stream()
                        .filter(c -> Long.valueOf(interchangeId).equals(c.interchangeId())).findFirst().orElseThrow().state());
            }

            @Override
            public void ended(long interchangeId) {
                assertTrue(settled.containsValue(interchangeId), "ended after settled");
                ended.add(interchangeId);
            }
        });
    }

    @Test
    void eachCallIsReservedThenSettledOnceItsAnswerIsCommitted() throws Exception {
        flow.ready(3);
        observe();
        flow.gateway.answers = r -> RealTimeSubmissionTest.answer(r, RealTimeSubmissionTest.answer278(r,
                PayerSimulator.Decision.CERTIFIED, false, dir));
        flow.tick();
        assertEquals(3, reserved.size());
        assertEquals(3, reserved.stream().distinct().count(), "one reservation per claim");
        assertEquals(flow.gateway.requests.stream().map(r -> r.payloadId()).sorted().toList(), settled.keySet().stream().sorted().toList(),
                "each call settled under the PayloadID it was made with");
        assertEquals(List.copyOf(reserved).stream().sorted().toList(), settled.values().stream().sorted().toList());
        assertEquals(List.copyOf(reserved).stream().sorted().toList(), ended.stream().sorted().toList(), "each call's slot freed");
        assertTrue(stateWhenSettled.values().stream().allMatch(s -> s == ClaimState.CERTIFIED),
                "told after the answer's state was committed: " + stateWhenSettled);
    }

    @Test
    void aCallWithoutAnAnswerIsSettledTooOnceItsOutcomeIsRecorded() throws Exception {
        flow.ready(1);
        observe();
        flow.gateway.answers = r -> {
            throw new RealTimeSubmissionTest.Unreachable("connection refused");
        };
        flow.tick();
        assertEquals(1, reserved.size());
        assertEquals(1, settled.size());
        assertEquals(reserved.get(0), settled.values().iterator().next());
        String payloadId = flow.gateway.requests.get(0).payloadId();
        assertTrue(settled.containsKey(payloadId));
    }

    @Test
    void withoutAnObserverTheFlowIsUnchanged() throws Exception {
        long key = flow.ready(1).get(0);
        flow.gateway.answers = r -> RealTimeSubmissionTest.answer(r, RealTimeSubmissionTest.answer278(r,
                PayerSimulator.Decision.CERTIFIED, false, dir));
        flow.tick();
        assertEquals(ClaimState.CERTIFIED, flow.claim(key).state());
        assertTrue(reserved.isEmpty() && settled.isEmpty());
    }
}
