package org.retro278.submit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.retro278.config.CoreGateway;
import org.retro278.config.PayerDirectory;
import org.retro278.config.PayerProfile;
import org.retro278.core.CoreAnswer;
import org.retro278.core.CoreCallException;
import org.retro278.core.CoreClient;
import org.retro278.core.CoreRequest;
import org.retro278.ops.Activity;
import org.retro278.store.Interchange;
import org.retro278.store.InterchangeState;
import org.retro278.store.RealTimeLedger;
import org.retro278.store.RealTimeLedger.Call;
import org.retro278.store.RealTimeLedger.OpenInterchange;
import org.retro278.store.RealTimeLedger.Outcome;
import org.retro278.store.ReservedInterchange;
import org.retro278.store.TransactionStore;
import org.retro278.x12.control.ControlNumbersExhaustedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The submission of READY claims to a real-time (CAQH CORE) payer gateway, exactly once: each claim goes alone, as
 * one interchange holding one 278, built and validated in the {@link InterchangeOutbox} as batch interchanges are,
 * in a {@code COREEnvelopeRealTimeRequest} (or its MIME form) with a fresh PayloadID per call. The payer's route
 * ({@code routes/payer-realtime.yaml}) calls {@link #tick} on a timer; the calls themselves run on the payer's own
 * threads, never more at once than {@link CoreGateway#maxInFlight()}.
 *
 * <p>The protocol (docs/reliability.md, "Real-time payers"): (1) one store transaction reserves the claim and its
 * control numbers (SENDING); (2) the interchange is built; (3) one transaction records the call (PayloadID, time)
 * in the claim's history; (4) the call; (5) one transaction records what it brought with the claim's move: the
 * answer applied by the same reading and correlation as a response file ({@code ResponseIntake}), an envelope error
 * ({@code REJECTED_BY_GATEWAY}), no answer while it may have reached the payer (SENT, retransmitted by the
 * {@link RetransmitRule}), or certainly not sent (SENDING, tried again after the back-off). A call recorded in (3)
 * whose outcome never came (the process stopped) is taken as one that may have reached the payer.
 */
public final class RealTimeSubmission implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RealTimeSubmission.class);

    private final TransactionStore store;
    private final PayerDirectory payers;
    private final InterchangeOutbox outbox;
    private final CoreClients clients;
    private final RealTimeAnswers answers;
    private final Clock clock;
    private final InterchangeFileName fileNames;
    private final RetryBackoff backoff;
    private final Map<String, Payer> running = new ConcurrentHashMap<>();
    private volatile Activity activity = Activity.NONE;
    private volatile RealTimeObserver observer = RealTimeObserver.NONE;

    /**
     * @param answers where the synchronous answers go: the same response intake as the payer's answer files
     */
    public RealTimeSubmission(TransactionStore store, PayerDirectory payers, InterchangeOutbox outbox, CoreClients clients,
                              RealTimeAnswers answers, Clock clock, InterchangeFileName fileNames, RetryBackoff backoff) {
        this.store = store;
        this.payers = payers;
        this.outbox = outbox;
        this.clients = clients;
        this.answers = answers;
        this.clock = clock;
        this.fileNames = fileNames;
        this.backoff = backoff;
    }

    /** Counts what this bean does into {@code activity} (the metrics, org.retro278.ops); nothing until set. */
    public void countInto(Activity activity) {
        this.activity = activity;
    }

    /** Tells {@code observer} when reservations and outcomes commit (the benchmark); {@link RealTimeObserver#NONE} by default. */
    public void observe(RealTimeObserver observer) {
        this.observer = observer;
    }

    /** One payer's calls: its client, its threads, the interchanges being called now. */
    private static final class Payer {
        final PayerProfile profile;
        final CoreGateway gateway;
        final RetransmitRule rule;
        final ExecutorService calls;
        final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
        final AtomicInteger running = new AtomicInteger();
        /** Held while claims are reserved for this payer (a tick, or a call that ended and frees its place). */
        final ReentrantLock reserving = new ReentrantLock();
        /** A place freed while another thread was reserving: whoever holds {@link #reserving} looks again. */
        final AtomicBoolean freed = new AtomicBoolean();
        volatile CoreClient client;
        boolean swept;

        Payer(PayerProfile profile, RetryBackoff backoff) {
            this.profile = profile;
            this.gateway = profile.gateway().core();
            this.rule = RetransmitRule.of(gateway, backoff);
            AtomicInteger n = new AtomicInteger();
            this.calls = Executors.newFixedThreadPool(Math.max(1, gateway.maxInFlight()), r -> {
                Thread t = new Thread(r, "retro278-core-" + profile.id() + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        int limit() {
            return Math.max(1, gateway.maxInFlight());
        }
    }

    /** An interchange to call: what its build needs. */
    private record Pending(long id, long isa13, long gs06, LocalDateTime envelopeTime, String fileName, String sha256) {
        static Pending of(Interchange i) {
            return new Pending(i.id(), i.isa13(), i.gs06(), i.envelopeTime(), i.fileName(), i.sha256());
        }

        static Pending of(ReservedInterchange r) {
            return new Pending(r.id(), r.isa13(), r.gs06(), r.envelopeTime(), r.fileName(), null);
        }
    }

    /**
     * Route entry point, on the payer's timer: calls that are due again first (after a back-off, or a retransmission
     * once its wait has passed), then new claims, each reserved alone, while fewer than maxInFlight calls are under way.
     *
     * @return how many calls were started
     */
    public int tick(String payerId) throws IOException {
        Payer p = running.computeIfAbsent(payerId, id -> new Payer(payers.find(id).filter(x -> x.gateway() != null
                && x.gateway().realTime()).orElseThrow(() -> new IllegalArgumentException("no real-time payer " + id)), backoff));
        p.reserving.lock();
        try {
            return tick(p, payerId);
        } finally {
            p.reserving.unlock();
            if (p.freed.get()) {
                refill(p);
            }
        }
    }

    private int tick(Payer p, String payerId) throws IOException {
        RealTimeLedger ledger = store.realTime();
        // the calls under way before the store is read: one that ends meanwhile has its outcome committed already
        Set<Long> busy = new HashSet<>(p.inFlight);
        List<OpenInterchange> open = ledger.open(payerId);
        if (!p.swept) {
            outbox.sweep(payerId, new HashSet<>(open.stream().map(o -> o.interchange().fileName()).toList()));
            p.swept = true;
        }
        Instant now = store.currentTime();
        int started = 0;
        for (OpenInterchange o : open) {
            long id = o.interchange().id();
            if (busy.contains(id) || p.inFlight.size() >= p.limit()) {
                continue;
            }
            List<Call> calls = o.calls();
            if (calls.stream().anyMatch(c -> c.outcome() == null)) {
                calls = cutShort(p, o.interchange(), calls, now);
            }
            if (o.interchange().state() == InterchangeState.SENT && o.claimState() != org.retro278.store.ClaimState.SENT) {
                ledger.settle(id, null); // answered meanwhile (the batch path, an operator): nothing more to send
                continue;
            }
            RetransmitRule.Next next = p.rule.next(calls, now);
            if (next.never()) {
                ledger.settle(id, "real-time interchange ISA13 " + String.format("%09d", o.interchange().isa13()) + ": "
                        + next.words());
                LOG.info("interchange ISA13 {} of payer {}: {}", o.interchange().isa13(), payerId, next.words());
            } else if (next.due()) {
                start(p, Pending.of(o.interchange()));
                started++;
            }
        }
        return started + reserveNew(p, payerId);
    }

    /** New READY claims, each reserved alone and its call started, while fewer than maxInFlight calls are under way. */
    private int reserveNew(Payer p, String payerId) throws IOException {
        int started = 0;
        while (p.inFlight.size() < p.limit()) {
            Optional<ReservedInterchange> r;
            try {
                r = store.reserveInterchange(payerId, 1, LocalDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES),
                        isa13 -> fileNames.of(payerId, isa13));
            } catch (ControlNumbersExhaustedException e) {
                LOG.error("payer {}: {}", payerId, e.getMessage());
                break;
            }
            if (r.isEmpty()) {
                break;
            }
            observer.reserved(r.get().id());
            FaultInjection.reached(FaultInjection.Point.AFTER_RESERVE);
            start(p, Pending.of(r.get()));
            started++;
        }
        return started;
    }

    /** Calls a stop of the process cut short (no outcome, not under way here): they may have reached the payer. */
    private List<Call> cutShort(Payer p, Interchange i, List<Call> calls, Instant now) {
        RealTimeLedger ledger = store.realTime();
        for (Call c : calls) {
            if (c.outcome() == null) {
                List<Call> asIf = calls.stream().map(x -> x == c ? new Call(x.payloadId(), x.attempt(), x.attemptedAt(),
                        Outcome.NO_ANSWER) : x).toList();
                String words = "retro278 stopped during call " + c.attempt() + " (made " + c.attemptedAt()
                        + "); it may have reached the payer; " + p.rule.next(asIf, now).words();
                ledger.recordNoAnswer(i.id(), c.payloadId(), words);
                LOG.warn("interchange ISA13 {} of payer {}: real-time call PayloadID {} was cut short by a stop; {}", i.isa13(),
                        p.profile.id(), c.payloadId(), words);
            }
        }
        return ledger.calls(i.id());
    }

    private void start(Payer p, Pending pending) {
        p.inFlight.add(pending.id());
        p.running.incrementAndGet();
        try {
            p.calls.execute(() -> {
                try {
                    call(p, pending);
                } catch (IOException | RuntimeException e) {
                    // the call's outcome is not recorded: the next tick takes it as cut short (it may have reached the payer)
                    LOG.warn("interchange ISA13 {} of payer {}: the real-time call could not be completed ({}); looked at again"
                            + " at the next tick", pending.isa13(), p.profile.id(), e.getClass().getSimpleName());
                } finally {
                    done(p, pending.id());
                }
            });
        } catch (RuntimeException e) {
            done(p, pending.id());
            throw e;
        }
    }

    private void done(Payer p, long id) {
        p.inFlight.remove(id);
        observer.ended(id);
        refill(p); // before this call stops counting as running: awaitIdle never sees a gap between a call and the next
        synchronized (p) {
            p.running.decrementAndGet();
            p.notifyAll();
        }
    }

    /** One call: built, recorded, made, and its outcome recorded. */
    private void call(Payer p, Pending pending) throws IOException {
        Optional<Outgoing> built = outbox.prepare(p.profile, pending.id(), pending.isa13(), pending.gs06(),
                pending.envelopeTime(), pending.fileName(), pending.sha256());
        if (built.isEmpty()) {
            return;
        }
        // X12 as written (ASCII in practice); the same bytes for every call of the interchange
        String payload = Files.readString(built.get().file().toPath(), StandardCharsets.UTF_8);
        CoreClient client = client(p);
        String payloadId = UUID.randomUUID().toString();
        RealTimeLedger ledger = store.realTime();
        Call call = ledger.recordCall(pending.id(), payloadId);
        FaultInjection.reached(FaultInjection.Point.BEFORE_CORE_CALL);
        CoreRequest request = CoreRequest.realTime278(payloadId, clock.instant(), p.gateway.senderId(), p.gateway.receiverId(),
                p.gateway.ruleVersion(), payload);
        CoreAnswer answer;
        try {
            answer = client.call(request);
        } catch (CoreCallException e) {
            failed(p, pending, call, e);
            observer.settled(pending.id(), payloadId);
            return;
        }
        FaultInjection.reached(FaultInjection.Point.AFTER_CORE_ANSWER);
        if (answer.envelopeError()) {
            answers.envelopeError(p.profile.id(), pending.id(), pending.isa13(), payloadId, answer);
            activity.realTimeCall(p.profile.id(), "envelope_error");
        } else if (!answer.hasPayload()) {
            failed(p, pending, call, new CoreCallException(CoreCallException.Kind.UNREADABLE_ANSWER,
                    "the gateway answered without an X12 payload", null));
            observer.settled(pending.id(), payloadId);
            return;
        } else {
            answers.apply(p.profile.id(), pending.id(), pending.isa13(), payloadId, answer.payload());
            activity.realTimeCall(p.profile.id(), "answered");
        }
        observer.settled(pending.id(), payloadId);
        store.findInterchange(pending.id()).ifPresent(outbox::remove);
    }

    /**
     * A call ended and freed its place: the next READY claim goes at once, not at the next tick of the payer's timer
     * (which would cap a payer at maxInFlight calls per poll). Only one thread reserves for a payer at a time; a place
     * freed meanwhile is taken by that thread ({@link Payer#freed}). Retransmissions and calls due after a back-off
     * stay with the timer's tick.
     */
    private void refill(Payer p) {
        p.freed.set(true);
        while (p.freed.get() && !p.calls.isShutdown() && p.reserving.tryLock()) {
            try {
                p.freed.set(false);
                reserveNew(p, p.profile.id());
            } catch (IOException | RuntimeException e) {
                // the timer's next tick tries again; nothing was reserved, or what was is SENDING and found by that tick
                LOG.warn("payer {}: the next READY claim could not be taken at once ({}); the next tick takes it",
                        p.profile.id(), e.getClass().getSimpleName());
            } finally {
                p.reserving.unlock();
            }
        }
    }

    private CoreClient client(Payer p) throws IOException {
        CoreClient c = p.client;
        if (c == null) {
            synchronized (p) {
                if (p.client == null) {
                    p.client = clients.open(p.profile);
                }
                c = p.client;
            }
        }
        return c;
    }

    /** No answer: certainly not sent (tried again after the back-off), or perhaps at the payer (SENT, retransmitted later). */
    private void failed(Payer p, Pending pending, Call call, CoreCallException e) {
        RealTimeLedger ledger = store.realTime();
        String words = e.kind() == CoreCallException.Kind.CREDENTIAL_REFUSED
                ? "the gateway refused retro278's credential, a configuration problem (gateway.core: the user and password"
                        + " from the environment, or the client certificate's key store), not the payer being down: " + e.getMessage()
                : e.getMessage();
        if (!e.mayHaveReachedPayer()) {
            ledger.recordNotSent(pending.id(), call.payloadId(), words + "; tried again after the back-off");
            activity.realTimeCall(p.profile.id(), "not_sent");
            LOG.warn("interchange ISA13 {} of payer {}: real-time call PayloadID {} did not reach the payer ({}): {}",
                    pending.isa13(), p.profile.id(), call.payloadId(), e.kind(), words);
            return;
        }
        List<Call> calls = ledger.calls(pending.id()).stream().map(c -> c.payloadId().equals(call.payloadId())
                ? new Call(c.payloadId(), c.attempt(), c.attemptedAt(), Outcome.NO_ANSWER) : c).toList();
        RetransmitRule.Next next = p.rule.next(calls, store.currentTime());
        ledger.recordNoAnswer(pending.id(), call.payloadId(), words + "; " + next.words());
        if (next.never()) {
            ledger.settle(pending.id(), null);
        }
        activity.realTimeCall(p.profile.id(), "no_answer");
        LOG.warn("interchange ISA13 {} of payer {}: real-time call PayloadID {} brought no answer ({}); the claim is SENT: {}; {}",
                pending.isa13(), p.profile.id(), call.payloadId(), e.kind(), words, next.words());
    }

    /** Waits until no call of the payer is under way (tests, and a stop); whether that happened within {@code timeout}. */
    public boolean awaitIdle(String payerId, Duration timeout) throws InterruptedException {
        Payer p = running.get(payerId);
        if (p == null) {
            return true;
        }
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (p) {
            while (p.running.get() > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(p, left);
            }
        }
        return true;
    }

    /**
     * Stops the calls: none starts any more; those under way get a few seconds to end (their outcome recorded), then
     * are interrupted (a call cut short is taken as one that may have reached the payer at the next start).
     */
    @Override
    public void close() {
        for (Payer p : running.values()) {
            p.calls.shutdown();
        }
        for (Payer p : running.values()) {
            try {
                if (!p.calls.awaitTermination(5, TimeUnit.SECONDS)) {
                    p.calls.shutdownNow();
                }
            } catch (InterruptedException e) {
                p.calls.shutdownNow();
                Thread.currentThread().interrupt();
            }
            CoreClient c = p.client;
            if (c != null) {
                c.close();
            }
        }
    }
}
