package org.retro278.submit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.retro278.core.CoreAnswer;
import org.retro278.io.SecureFiles;
import org.retro278.responses.ResponseFileOutcome;
import org.retro278.responses.ResponseIntake;
import org.retro278.store.RealTimeLedger;
import org.retro278.store.Reason;
import org.retro278.store.StoreException;
import org.retro278.store.TransactionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a real-time gateway answered, into the store: an X12 answer (a 278 response, a 999, a TA1) through the same
 * reading, correlation and state decisions as a payer's response file ({@link ResponseIntake}), in one transaction
 * with the call's outcome; an envelope error as REJECTED_BY_GATEWAY. An answer that cannot be applied (or only in
 * part) is kept, owner-only, with a report in {@code errorFolder/<payer>/}, as a response file would be in the
 * payer's {@code .error} folder.
 */
public final class RealTimeAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(RealTimeSubmission.class);

    private final TransactionStore store;
    private final ResponseIntake intake;
    private final Path errorFolder;

    public RealTimeAnswers(TransactionStore store, ResponseIntake intake, Path errorFolder) {
        this.store = store;
        this.intake = intake;
        this.errorFolder = errorFolder;
    }

    /** The name an answer is recorded and reported under (never a file of the payer's). */
    static String source(String payloadId) {
        return "real-time answer to PayloadID " + payloadId;
    }

    /** Applies an X12 answer to the call {@code payloadId} of the interchange. */
    void apply(String payerId, long interchangeId, long isa13, String payloadId, String payload) throws IOException {
        RealTimeLedger ledger = store.realTime();
        String source = source(payloadId);
        Path dir = SecureFiles.createPrivateDirectories(errorFolder.resolve(payerId));
        Path file = SecureFiles.createTempFile(dir, ".answer");
        try {
            Files.writeString(file, payload, StandardCharsets.UTF_8);
            ResponseFileOutcome o;
            try {
                o = intake.receiveOrRefuse(payerId, source, file,
                        (sha, work) -> ledger.applyAnswer(interchangeId, payloadId, payerId, source, sha, work));
            } catch (StoreException e) {
                // the call's outcome is not recorded either: taken as cut short at the next tick (it may have reached the payer)
                keep(dir, payloadId, file, intake.report(source, "NOT APPLIED NOW: the store failed (" + e.words()
                        + "); the answer is kept here. The claim is sent again no sooner than the retransmission rule allows,"
                        + " and the payer's answer to that call is applied.\n"));
                throw e;
            } catch (IOException | RuntimeException e) {
                String report = intake.report(source, "REFUSED: retro278 cannot apply this answer (" + e.getClass().getSimpleName()
                        + "); nothing in it was applied. retro278 support must look at it.\n");
                unapplied(interchangeId, isa13, payerId, payloadId, dir, file, report);
                return;
            }
            if (!o.applied() && !o.duplicate()) {
                unapplied(interchangeId, isa13, payerId, payloadId, dir, file, o.report());
            } else if (o.report() != null) {
                keep(dir, payloadId, file, o.report());
                if (o.matched() == 0) {
                    ledger.recordUnappliedAnswer(interchangeId, payloadId, "the answer to real-time call PayloadID " + payloadId
                            + " matched no claim; it is kept with a report for an operator");
                }
                LOG.warn("interchange ISA13 {} of payer {}: the answer to PayloadID {} was applied in part ({} matched, {} "
                        + "unmatched); kept with a report", isa13, payerId, payloadId, o.matched(), o.unmatched());
            } else {
                LOG.info("interchange ISA13 {} of payer {}: the answer to PayloadID {} applied ({} item(s))", isa13, payerId,
                        payloadId, o.items());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void unapplied(long interchangeId, long isa13, String payerId, String payloadId, Path dir, Path file, String report)
            throws IOException {
        Path kept = keep(dir, payloadId, file, report);
        store.realTime().recordUnappliedAnswer(interchangeId, payloadId, "the payer answered, and retro278 could not apply the"
                + " answer; it is kept with a report (" + kept.getFileName() + ") for an operator; the request is not sent again");
        LOG.warn("interchange ISA13 {} of payer {}: the answer to PayloadID {} could not be applied; kept with a report, the"
                + " claim is SENT", isa13, payerId, payloadId);
    }

    /** An envelope error: the payer never saw the 278; REJECTED_BY_GATEWAY with the gateway's code and message. */
    void envelopeError(String payerId, long interchangeId, long isa13, String payloadId, CoreAnswer answer) {
        String code = answer.errorCode().trim();
        String message = answer.errorMessage() == null || answer.errorMessage().isBlank() ? "no message" : answer.errorMessage().trim();
        Reason reason = new Reason("CORE:" + code, "the payer's CORE gateway refused the request's envelope (ErrorCode " + code
                + ": " + message + "), so the payer never saw the 278. Correct the cause (often the gateway settings:"
                + " SenderID, ReceiverID, the rule version or the credential) and resubmit the claim.");
        store.realTime().rejectEnvelope(interchangeId, payloadId, code, reason);
        // the code only: the message is the gateway's own text
        LOG.warn("interchange ISA13 {} of payer {}: the CORE gateway refused the envelope of PayloadID {} (ErrorCode {}); the"
                + " claim is REJECTED_BY_GATEWAY", isa13, payerId, payloadId, code.length() > 40 ? code.substring(0, 40) : code);
    }

    /** The answer's bytes and its report, owner-only, named by the PayloadID. */
    private static Path keep(Path dir, String payloadId, Path file, String report) throws IOException {
        Path target = dir.resolve("realtime-" + payloadId + ".x12");
        SecureFiles.writeAtomically(target, out -> Files.copy(file, out));
        SecureFiles.writeAtomically(dir.resolve(target.getFileName() + ".report.txt"),
                out -> out.write(report.getBytes(StandardCharsets.UTF_8)));
        return target;
    }
}
