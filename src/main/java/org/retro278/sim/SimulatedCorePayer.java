package org.retro278.sim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.retro278.core.CoreAnswer;
import org.retro278.core.CorePayloadTypes;
import org.retro278.core.CoreRequest;
import org.retro278.io.SecureFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payer behind the simulator's CORE endpoints (MIME and SOAP alike): checks the real-time envelope the way
 * a gateway does (PayloadType {@value CorePayloadTypes#REQUEST_278}, ProcessingMode RealTime, its own ReceiverID,
 * the rule version it speaks, one interchange holding one 278) and answers what {@link PayerSimulator} answers
 * a batch: a 278 response with the decision its {@link PayerSimulator.Policy} takes, in PayloadType
 * {@value CorePayloadTypes#RESPONSE_278}. Modes for the tests and the demo: a delay before answering, a forced
 * envelope error, a 999 rejecting the set ({@value CorePayloadTypes#ACK_999}), and for pended answers (HCR A4)
 * the final 278 dropped later into an outbound folder, as a payer's unsolicited answer through the batch path.
 * Modes may change while it serves. Logs payload ids and counts, never a payload.
 */
public final class SimulatedCorePayer implements CoreResponder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCorePayer.class);

    private final String receiverId;
    private final String ruleVersion;
    private final PayerSimulator.Policy policy;
    private final Clock clock;
    private final AtomicLong nextIsa13;
    private volatile Duration delay = Duration.ZERO;
    private volatile String forcedError;
    private volatile boolean reject999;
    private volatile Path outbound;
    private volatile Duration pendDelay = Duration.ZERO;
    /** Pended requests by PayloadID, kept until their final 278 is written. */
    private final Map<String, Pending> pended = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    private record Pending(Instant due, PayerSimulator.RequestInterchange request) {
    }

    /**
     * @param receiverId  the payer's own CORE id: a request's ReceiverID must be this
     * @param ruleVersion the CORERuleVersion it speaks (2.2.0); another is a VersionMismatch
     */
    public SimulatedCorePayer(String receiverId, String ruleVersion, PayerSimulator.Policy policy, Clock clock) {
        this.receiverId = receiverId;
        this.ruleVersion = ruleVersion;
        this.policy = policy;
        this.clock = clock;
        this.nextIsa13 = new AtomicLong(800_000_000L + (clock.millis() / 1000) % 90_000_000L);
    }

    /** Waits this long before each answer (a slow payer). */
    public SimulatedCorePayer delay(Duration d) {
        this.delay = d;
        return this;
    }

    /** Answers every request with this envelope error ({@code null}: none), after the real checks. */
    public SimulatedCorePayer forceEnvelopeError(String errorCode) {
        this.forcedError = errorCode;
        return this;
    }

    /** Answers a 999 rejecting the set instead of a 278 response. */
    public SimulatedCorePayer reject999(boolean on) {
        this.reject999 = on;
        return this;
    }

    /** Writes the final 278 of each pended request into {@code folder}, {@code after} the pended answer. */
    public SimulatedCorePayer pendedFinalsTo(Path folder, Duration after) {
        this.outbound = folder;
        this.pendDelay = after;
        return this;
    }

    /** Writes the due final answers every {@code every} (the demo; tests call {@link #writeDueFinals()}). */
    public synchronized SimulatedCorePayer start(Duration every) {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "retro278-core-payer-simulator");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(() -> {
                try {
                    writeDueFinals();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("simulated CORE payer {}: a final answer could not be written: {}", receiverId, e.getClass().getSimpleName());
                }
            }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public CoreAnswer answer(CoreRequest r, String user) {
        if (!delay.isZero() && !pause(delay)) {
            return error(r, CoreEnvelopeErrors.PAYLOAD_ILLEGAL, "the simulated payer was stopped");
        }
        String code = envelopeError(r);
        if (code != null) {
            return error(r, code, words(code));
        }
        PayerSimulator.RequestInterchange req;
        try {
            req = PayerSimulator.read(new ByteArrayInputStream(r.payload().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return error(r, CoreEnvelopeErrors.PAYLOAD_ILLEGAL, "the Payload is not an X12 interchange");
        }
        if (req.requests().size() != 1) {
            return error(r, CoreEnvelopeErrors.PAYLOAD_ILLEGAL, "a real-time Payload holds one interchange with one 278; this one holds "
                    + req.requests().size());
        }
        String forced = forcedError;
        if (forced != null) {
            return error(r, forced, "an envelope error the simulator was told to answer");
        }
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
        long isa13 = nextIsa13.getAndIncrement();
        try {
            if (reject999) {
                LOG.info("simulated CORE payer {}: {} rejected by a 999", receiverId, r.payloadId());
                return answer(r, CorePayloadTypes.ACK_999, x12(out -> PayerSimulator.write999Rejecting(req, isa13, now, out)));
            }
            String payload = x12(out -> PayerSimulator.write278(req, req.requests(), policy, false, isa13, now, out));
            if (outbound != null && policy.apply(req.requests().get(0)) == PayerSimulator.Decision.PENDED) {
                pended.put(r.payloadId(), new Pending(clock.instant().plus(pendDelay), req));
            }
            LOG.info("simulated CORE payer {}: {} answered with a 278", receiverId, r.payloadId());
            return answer(r, CorePayloadTypes.RESPONSE_278, payload);
        } catch (IOException e) {
            return error(r, CoreEnvelopeErrors.PAYLOAD_ILLEGAL, "the simulated payer could not answer this Payload");
        }
    }

    /** The ErrorCode the envelope's own fields call for, or {@code null}. */
    private String envelopeError(CoreRequest r) {
        if (r.payloadType().isBlank()) {
            return CoreEnvelopeErrors.PAYLOAD_TYPE_REQUIRED;
        }
        if (!CorePayloadTypes.REQUEST_278.equals(r.payloadType())) {
            return CoreEnvelopeErrors.PAYLOAD_TYPE_ILLEGAL;
        }
        if (r.processingMode().isBlank()) {
            return CoreEnvelopeErrors.PROCESSING_MODE_REQUIRED;
        }
        if (!CorePayloadTypes.REAL_TIME.equals(r.processingMode())) {
            return CoreEnvelopeErrors.PROCESSING_MODE_ILLEGAL;
        }
        if (r.payloadId().isBlank()) {
            return CoreEnvelopeErrors.PAYLOAD_ID_REQUIRED;
        }
        if (r.senderId().isBlank()) {
            return CoreEnvelopeErrors.SENDER_ID_REQUIRED;
        }
        if (r.receiverId().isBlank()) {
            return CoreEnvelopeErrors.RECEIVER_ID_REQUIRED;
        }
        if (!receiverId.equals(r.receiverId())) {
            return CoreEnvelopeErrors.RECEIVER_ID_ILLEGAL;
        }
        if (r.ruleVersion().isBlank()) {
            return CoreEnvelopeErrors.RULE_VERSION_REQUIRED;
        }
        if (!ruleVersion.equals(r.ruleVersion())) {
            return CoreEnvelopeErrors.VERSION_MISMATCH;
        }
        if (r.payload().isBlank()) {
            return CoreEnvelopeErrors.PAYLOAD_REQUIRED;
        }
        return null;
    }

    private String words(String code) {
        return switch (code) {
            case CoreEnvelopeErrors.PAYLOAD_TYPE_ILLEGAL -> "this gateway takes PayloadType " + CorePayloadTypes.REQUEST_278 + " only";
            case CoreEnvelopeErrors.PROCESSING_MODE_ILLEGAL -> "this gateway takes ProcessingMode RealTime only";
            case CoreEnvelopeErrors.RECEIVER_ID_ILLEGAL -> "this gateway is ReceiverID " + receiverId;
            case CoreEnvelopeErrors.VERSION_MISMATCH -> "this gateway speaks CORERuleVersion " + ruleVersion;
            default -> "a required envelope field is missing: " + code.replace("Required", "");
        };
    }

    private CoreAnswer answer(CoreRequest r, String payloadType, String payload) {
        return new CoreAnswer(payloadType, CorePayloadTypes.REAL_TIME, r.payloadId(), DateTimeFormatter.ISO_INSTANT.format(clock.instant()),
                receiverId, r.senderId(), ruleVersion, payload, CorePayloadTypes.SUCCESS, null);
    }

    private CoreAnswer error(CoreRequest r, String code, String words) {
        LOG.info("simulated CORE payer {}: {} answered with envelope error {}", receiverId, r.payloadId(), code);
        return CoreEnvelopeErrors.answer(r.payloadId(), r.senderId(), r.receiverId(), r.ruleVersion(), clock.instant(), code, words);
    }

    /** Writes the final 278 of every pended request whose time has come into the outbound folder. */
    public synchronized void writeDueFinals() throws IOException {
        Path folder = outbound;
        if (folder == null) {
            return;
        }
        for (Map.Entry<String, Pending> e : pended.entrySet()) {
            if (clock.instant().isBefore(e.getValue().due())) {
                continue;
            }
            PayerSimulator.RequestInterchange req = e.getValue().request();
            List<ReceivedRequest> pendedOnes = req.requests();
            LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
            long isa13 = nextIsa13.getAndIncrement();
            SecureFiles.createPrivateDirectories(folder);
            SecureFiles.writeAtomically(folder.resolve("core-" + e.getKey().replaceAll("[^A-Za-z0-9-]", "_") + ".final.278.x12"),
                    out -> PayerSimulator.write278(req, pendedOnes, policy, true, isa13, now, out));
            pended.remove(e.getKey());
            LOG.info("simulated CORE payer {}: final decision for {} written", receiverId, e.getKey());
        }
    }

    @FunctionalInterface
    private interface X12Body {
        void write(OutputStream out) throws IOException;
    }

    private static String x12(X12Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.write(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis()); // the simulated payer's slowness itself, not a synchronisation
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
