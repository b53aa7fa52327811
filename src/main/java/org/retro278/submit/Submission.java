package org.retro278.submit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.retro278.build.InterchangeVerifier;
import org.retro278.build.TransactionSetValidator;
import org.retro278.config.PayerDirectory;
import org.retro278.config.PayerProfile;
import org.retro278.ops.Activity;
import org.retro278.sftp.SftpFailure;
import org.retro278.store.Interchange;
import org.retro278.store.InterchangeState;
import org.retro278.store.ReadyQueue;
import org.retro278.store.ReservedInterchange;
import org.retro278.store.StoreException;
import org.retro278.store.TransactionStore;
import org.retro278.x12.control.ControlNumbersExhaustedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The submission of READY claims to a payer, exactly once. The payer's route asks {@link #due} what to
 * upload, uploads each file under a temporary name and renames it (camel-sftp, {@code fileExist=Ignore}:
 * a file already at the gateway under its final name is not uploaded again), then reports {@link #sent}
 * or {@link #failed}.
 *
 * <p>The protocol (docs/reliability.md): (1) one store transaction reserves the claims, allocates
 * ISA13/GS06/ST02 and records the interchange as SENDING under its file name; (2) the file is built from
 * the store, validated and kept in the local outbox; (3) upload to a temporary name, rename; (4) one
 * store transaction marks the interchange and its claims SENT. A crash before (3) finishes leaves the
 * interchange SENDING and the file absent or under its temporary name: the next run builds the same bytes
 * again and uploads them. A crash between (3) and (4) leaves the file at the gateway: the next run finds it
 * there (camel-sftp does not upload it again) and only records SENT. No claim is ever in two interchanges,
 * and an interchange's name and bytes never change, so the payer sees each claim once.
 */
public final class Submission {

    private static final Logger LOG = LoggerFactory.getLogger(Submission.class);

    private final TransactionStore store;
    private final PayerDirectory payers;
    private final InterchangeOutbox outbox;
    private final Clock clock;
    private final InterchangeFileName fileNames;
    private final RetryBackoff backoff;
    private final Set<String> swept = ConcurrentHashMap.newKeySet();
    /**
     * Per payer, {@link TransactionStore#readyChanges} when its queue was last seen empty, and when: the queue is looked
     * at again once that number moves (intake released a file, claims were resubmitted), or after {@link #RECHECK_NANOS}
     * for claims another process made READY.
     */
    private final Map<String, Long> idle = new ConcurrentHashMap<>();
    private final Map<String, Long> idleAt = new ConcurrentHashMap<>();
    private static final long RECHECK_NANOS = Duration.ofSeconds(5).toNanos();
    /** The payers whose last {@link #due} reserved a full interchange (see {@link #more}). */
    private final Set<String> more = ConcurrentHashMap.newKeySet();
    private volatile Activity activity = Activity.NONE;

    public Submission(TransactionStore store, PayerDirectory payers, TransactionSetValidator validator,
                      InterchangeVerifier verifier, String traceOriginator, Path outbox, Clock clock,
                      ExecutorService workers, int parallelism, InterchangeFileName fileNames, RetryBackoff backoff) {
        this.store = store;
        this.payers = payers;
        this.outbox = new InterchangeOutbox(store, validator, verifier, traceOriginator, outbox, workers, parallelism);
        this.clock = clock;
        this.fileNames = fileNames;
        this.backoff = backoff;
    }

    /** Counts what this bean does into {@code activity} (the metrics, org.retro278.ops); nothing until set. */
    public void countInto(Activity activity) {
        this.activity = activity;
    }

    /**
     * What to upload for a payer now: interchanges left SENDING by an earlier attempt or run (whose
     * back-off has passed) first, then new interchanges when enough claims wait or the oldest has waited
     * long enough.
     */
    public List<Outgoing> due(String payerId) throws IOException {
        PayerProfile payer = payers.find(payerId).orElseThrow(() -> new IllegalArgumentException("unknown payer " + payerId));
        if (swept.add(payerId)) {
            sweepOutbox(payerId);
        }
        // waiting times are measured on the store's clock, which stamped ready_at and last_attempt_at
        Instant now = store.currentTime();
        List<Outgoing> out = new ArrayList<>();
        for (Interchange i : store.interchangesSending(payerId)) {
            if (!i.payerId().equals(payerId) || !backoff.passed(i.attempts(), i.lastAttemptAt(), now)) {
                continue;
            }
            Optional<Outgoing> o = prepare(payer, i.id(), i.isa13(), i.gs06(), i.envelopeTime(), i.fileName(), i.sha256());
            o.ifPresent(out::add);
        }
        if (!out.isEmpty()) {
            return out; // finish what was started before taking new claims
        }
        long readyChanges = store.readyChanges();
        Long idleSince = idle.get(payerId);
        if (idleSince != null && idleSince == readyChanges && System.nanoTime() - idleAt.get(payerId) < RECHECK_NANOS) {
            return out; // nothing became READY in this process since the queue was last seen empty
        }
        more.remove(payerId);
        reserveNext(payer, now, readyChanges).ifPresent(out::add);
        return out;
    }

    /**
     * One new interchange, reserved and built, when enough claims wait or the oldest has waited long enough: it is
     * uploaded as soon as it is built, and the route asks again at once while full batches wait ({@link #more}).
     */
    private Optional<Outgoing> reserveNext(PayerProfile payer, Instant now, long readyChanges) throws IOException {
        String payerId = payer.id();
        ReadyQueue q = store.readyQueue(payerId, payer.maxClaimsPerInterchange()).orElse(null);
        if (q == null) {
            idle.put(payerId, readyChanges);
            idleAt.put(payerId, System.nanoTime());
            return Optional.empty();
        }
        idle.remove(payerId);
        Duration maxWait = payer.gateway() == null ? Duration.ZERO : payer.gateway().maxWait();
        boolean full = q.count() >= payer.maxClaimsPerInterchange();
        if (!full && q.oldestAge(now).compareTo(maxWait) < 0) {
            return Optional.empty();
        }
        LocalDateTime envelopeTime = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
        Optional<ReservedInterchange> r;
        try {
            r = store.reserveInterchange(payerId, payer.maxClaimsPerInterchange(), envelopeTime,
                    isa13 -> fileNames.of(payerId, isa13));
        } catch (ControlNumbersExhaustedException e) {
            LOG.error("payer {}: {}", payerId, e.getMessage());
            return Optional.empty();
        }
        if (r.isEmpty()) {
            return Optional.empty();
        }
        ReservedInterchange ri = r.get();
        FaultInjection.reached(FaultInjection.Point.AFTER_RESERVE);
        Optional<Outgoing> o = prepare(payer, ri.id(), ri.isa13(), ri.gs06(), ri.envelopeTime(), ri.fileName(), null);
        if (full) {
            more.add(payerId);
        }
        return o;
    }

    /**
     * What the route uploads on a tick, one interchange after the other: {@link #due}, then, once those are uploaded,
     * while {@link #more} says so, {@link #due} again. The route's split reads it as a stream, so each interchange is
     * uploaded as soon as it is built and the next is built after that upload, never behind a later build.
     */
    public Iterator<Outgoing> outgoing(String payerId) throws IOException {
        Deque<Outgoing> next = new ArrayDeque<>(due(payerId));
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (next.isEmpty() && more(payerId)) {
                    try {
                        next.addAll(due(payerId));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return !next.isEmpty();
            }

            @Override
            public Outgoing next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return next.poll();
            }
        };
    }

    /**
     * Whether the route should ask {@link #due} again at once: the last call reserved a full interchange (more claims
     * may wait) and no upload failed since. Asked by the route's loop after each upload.
     */
    public boolean more(String payerId) {
        return more.contains(payerId);
    }

    /** Removes what an earlier run left in the payer's local outbox (see {@link InterchangeOutbox#sweep}). */
    private void sweepOutbox(String payerId) throws IOException {
        Set<String> keep = new HashSet<>();
        for (Interchange i : store.interchangesSending(payerId)) {
            keep.add(i.fileName());
        }
        outbox.sweep(payerId, keep);
    }

    private Optional<Outgoing> prepare(PayerProfile payer, long id, long isa13, long gs06, LocalDateTime envelopeTime,
                                       String fileName, String recordedSha256) throws IOException {
        return outbox.prepare(payer, id, isa13, gs06, envelopeTime, fileName, recordedSha256);
    }

    /** Exchange header with the interchange the route is uploading. */
    public static final String INTERCHANGE_HEADER = "retro278InterchangeId";

    /** Route entry point after the upload step. */
    public void onUploaded(Exchange exchange) {
        sent(exchange.getIn().getHeader(INTERCHANGE_HEADER, Long.class),
                exchange.getIn().getHeader(Exchange.FILE_NAME_PRODUCED, String.class));
    }

    /** Route entry point when the upload failed. */
    public void onUploadFailed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        failed(exchange.getIn().getHeader(INTERCHANGE_HEADER, Long.class), cause);
    }

    /**
     * The file is at the gateway. {@code producedFileName} is what camel-sftp reports it wrote; {@code null}
     * means the file was already there under its final name (an earlier run uploaded it and stopped before
     * recording that), so nothing was uploaded again.
     */
    public void sent(long interchangeId, String producedFileName) {
        FaultInjection.reached(FaultInjection.Point.AFTER_UPLOAD);
        Interchange i = store.findInterchange(interchangeId).orElseThrow();
        if (i.state() != InterchangeState.SENDING) {
            return;
        }
        if (producedFileName == null) {
            LOG.info("interchange ISA13 {} was already at payer {}'s gateway: not uploaded again, recorded as sent",
                    i.isa13(), i.payerId());
        }
        store.markInterchangeSent(interchangeId);
        activity.interchangeSent(i.payerId(), i.transactionCount());
        LOG.info("interchange ISA13 {} sent to payer {}: {} claim(s) SENT", i.isa13(), i.payerId(), i.transactionCount());
        FaultInjection.reached(FaultInjection.Point.AFTER_COMMIT);
        outbox.remove(i);
    }

    /** An upload failed; the interchange stays SENDING and is tried again after its back-off. */
    public void failed(long interchangeId, Exception cause) {
        // the upload may have gone through and recording it failed: a store failure is not the gateway's
        Optional<StoreException> storeFailure = StoreException.in(cause);
        String words = storeFailure.map(StoreException::words).orElseGet(() -> SftpFailure.of(cause).message());
        store.recordSendFailure(interchangeId, words);
        Interchange i = store.findInterchange(interchangeId).orElse(null);
        if (i != null) {
            more.remove(i.payerId()); // the next tick, not at once: the payer may be down
        }
        if (storeFailure.isEmpty()) {
            activity.uploadFailed(i == null ? "" : i.payerId());
        }
        LOG.warn("interchange {} (ISA13 {}) could not be {}, will retry: {}", interchangeId, i == null ? "?" : i.isa13(),
                storeFailure.isPresent() ? "recorded as sent" : "uploaded", words);
    }
}
