package org.retro278.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.retro278.core.CoreAnswer;
import org.retro278.core.CoreCallException;
import org.retro278.core.CoreClient;
import org.retro278.core.CoreRequest;
import org.retro278.sim.CoreResponder;
import org.retro278.submit.RealTimeObserver;

/**
 * The moments of each real-time call of the benchmark (System.nanoTime, one JVM), by PayloadID: the reservation
 * committed (0), the request handed to the CORE client (1), received by the endpoint's responder (2), its answer
 * leaving the responder (3), the answer back from the client (4), the outcome committed (5). Also the most calls
 * under way at once in the client (handed over, answer not back) and in the endpoint's responder. Ids only, never a payload (those are kept apart, for the reference's replay).
 */
final class CallTimings implements RealTimeObserver {

    static final int RESERVED = 0;
    static final int HANDED = 1;
    static final int RECEIVED = 2;
    static final int ANSWERED = 3;
    static final int BACK = 4;
    static final int COMMITTED = 5;

    private final Map<String, long[]> calls = new ConcurrentHashMap<>();
    private final Map<Long, Long> reservedAt = new ConcurrentHashMap<>();
    private final AtomicInteger atEndpoint = new AtomicInteger();
    private final AtomicInteger mostAtEndpoint = new AtomicInteger();
    private final AtomicInteger atClient = new AtomicInteger();
    private final AtomicInteger mostAtClient = new AtomicInteger();
    private final AtomicInteger settled = new AtomicInteger();
    private final List<String> payloads = new ArrayList<>();

    private long[] of(String payloadId) {
        return calls.computeIfAbsent(payloadId, k -> new long[6]);
    }

    @Override
    public void reserved(long interchangeId) {
        reservedAt.put(interchangeId, System.nanoTime());
    }

    @Override
    public void settled(long interchangeId, String payloadId) {
        long now = System.nanoTime();
        long[] t = of(payloadId);
        t[COMMITTED] = now;
        Long r = reservedAt.get(interchangeId);
        t[RESERVED] = r == null ? 0 : r;
        settled.incrementAndGet();
    }

    @Override
    public void ended(long interchangeId) {
        synchronized (this) {
            notifyAll();
        }
    }

    int settled() {
        return settled.get();
    }

    /** Waits until a call ends or {@code millis} pass. */
    synchronized void awaitEnd(long millis) throws InterruptedException {
        wait(millis);
    }

    int mostAtEndpoint() {
        return mostAtEndpoint.get();
    }

    int mostAtClient() {
        return mostAtClient.get();
    }

    synchronized List<String> payloads() {
        return List.copyOf(payloads);
    }

    /** {@code client}, with the moments it hands a request over and has its answer; keeping the payloads if asked. */
    CoreClient timed(CoreClient client, boolean keepPayloads) {
        return new CoreClient() {
            @Override
            public CoreAnswer call(CoreRequest request) throws CoreCallException {
                if (keepPayloads) {
                    synchronized (CallTimings.this) {
                        payloads.add(request.payload());
                    }
                }
                long[] t = of(request.payloadId());
                mostAtClient.accumulateAndGet(atClient.incrementAndGet(), Math::max);
                t[HANDED] = System.nanoTime();
                try {
                    return client.call(request);
                } finally {
                    t[BACK] = System.nanoTime();
                    atClient.decrementAndGet();
                }
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    /** {@code responder}, with the moments a request reaches it and its answer leaves, and the calls under way. */
    CoreResponder timed(CoreResponder responder) {
        return (request, user) -> {
            long[] t = of(request.payloadId());
            t[RECEIVED] = System.nanoTime();
            mostAtEndpoint.accumulateAndGet(atEndpoint.incrementAndGet(), Math::max);
            try {
                return responder.answer(request, user);
            } finally {
                atEndpoint.decrementAndGet();
                t[ANSWERED] = System.nanoTime();
            }
        };
    }

    /** The spans {@code to - from} of every call that has both moments, sorted, in nanoseconds. */
    long[] spans(int from, int to) {
        return calls.values().stream().filter(t -> t[from] != 0 && t[to] != 0).mapToLong(t -> t[to] - t[from]).sorted().toArray();
    }

    /** Our own time per call: reservation to the client, plus the answer back to the commit. */
    long[] ours() {
        return calls.values().stream().filter(t -> t[RESERVED] != 0 && t[HANDED] != 0 && t[BACK] != 0 && t[COMMITTED] != 0)
                .mapToLong(t -> t[HANDED] - t[RESERVED] + t[COMMITTED] - t[BACK]).sorted().toArray();
    }

    /** The transport's time per call: client to responder and back, the responder's own time left out. */
    long[] transport() {
        return calls.values().stream().filter(t -> t[HANDED] != 0 && t[RECEIVED] != 0 && t[ANSWERED] != 0 && t[BACK] != 0)
                .mapToLong(t -> t[RECEIVED] - t[HANDED] + t[BACK] - t[ANSWERED]).sorted().toArray();
    }

    /** "p50 / p95 / p99 / max" of sorted spans, in milliseconds. */
    static String percentiles(long[] sorted) {
        if (sorted.length == 0) {
            return "-";
        }
        return String.format("%.2f / %.2f / %.2f / %.1f", ms(at(sorted, 50)), ms(at(sorted, 95)), ms(at(sorted, 99)),
                ms(sorted[sorted.length - 1]));
    }

    static long at(long[] sorted, double percent) {
        int i = (int) Math.ceil(percent / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    int count() {
        return calls.size();
    }
}
