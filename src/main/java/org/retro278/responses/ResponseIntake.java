package org.retro278.responses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.retro278.io.Hashes;
import org.retro278.io.SecureFiles;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.model.ServiceLine;
import org.retro278.store.ClaimState;
import org.retro278.store.Reason;
import org.retro278.store.ResponseSession;
import org.retro278.store.StoredClaim;
import org.retro278.store.TransactionStore;
import org.retro278.x12.X12Problem;
import org.retro278.x12.response.AcknowledgedSet;
import org.retro278.x12.response.Code;
import org.retro278.x12.response.Decision;
import org.retro278.x12.response.DocumentRequest;
import org.retro278.x12.response.ImplementationAcknowledgment;
import org.retro278.x12.response.InboundDocument;
import org.retro278.x12.response.InterchangeAcknowledgment;
import org.retro278.x12.response.Rejection;
import org.retro278.x12.response.ResponseHandler;
import org.retro278.x12.response.ResponseReader;
import org.retro278.x12.response.ReviewResponse;
import org.retro278.x12.response.SegmentError;
import org.retro278.x12.response.ServiceDecision;
import org.retro278.x12.response.Trace;
import org.retro278.x12.validation.ValidationSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what a payer answered: one response file (TA1s, 999s, 278 responses, in any mix) in ONE store
 * transaction. Each answer is matched to its claims — a TA1 by ISA13, a 999 by GS06 and ST02, a 278
 * response by the trace number it echoes (TRN01=2), BHT03 as the fallback — and moves them: TA1 R and 999
 * R to REJECTED_BY_GATEWAY, 999 A/E to ACCEPTED, a 278 response to the decision it carries (CERTIFIED ...
 * PENDED, REJECTED_BY_PAYER). A pended claim stays open for the payer's final 278. An answer that matches
 * no claim is kept in the store and reported, never dropped. The same file again changes nothing.
 */
public final class ResponseIntake {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseIntake.class);
    /** How many problems of one response file reach the log (a wrong file can hold thousands). */
    static final int LOGGED_PROBLEMS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String PAYER_HEADER = "retro278PayerId";
    public static final String REPORT_HEADER = "retro278Report";

    /** States in which an acknowledgment is still news. */
    private static final Set<ClaimState> AWAITING_ACK = EnumSet.of(ClaimState.SENT);
    /** States a payer's decision may move a claim from: a pended claim waits for the final decision. */
    private static final Set<ClaimState> AWAITING_DECISION = EnumSet.of(ClaimState.SENT, ClaimState.ACCEPTED, ClaimState.PENDED);

    private final TransactionStore store;
    private final ResponseReader reader;
    private final Path archive;
    private final Clock clock;

    public ResponseIntake(TransactionStore store, ResponseReader reader, Path archive, Clock clock) {
        this.store = store;
        this.reader = reader;
        this.archive = archive;
        this.clock = clock;
    }

    /** What became of a response file. */
    public record Outcome(boolean applied, boolean duplicate, int items, int matched, int unmatched, int problems, String report) {
    }

    /** Route entry point: the body is the spooled local response file. */
    public void onFile(Exchange exchange) throws IOException {
        String payerId = exchange.getIn().getHeader(PAYER_HEADER, String.class);
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Path local = exchange.getIn().getBody(java.io.File.class).toPath();
        Outcome o = receiveOrRefuse(payerId, name, local);
        if (o.report() != null) {
            exchange.getIn().setHeader(REPORT_HEADER, o.report());
        }
    }

    public Outcome receive(String payerId, String fileName, Path file) throws IOException {
        keepCopy(payerId, fileName, file);
        String sha = Hashes.sha256(file);
        List<X12Problem> problems = new ArrayList<>();
        ValidationSummary[] summary = new ValidationSummary[1];
        TransactionStore.ResponseFileOutcome out = store.applyResponseFile(payerId, fileName, sha, session -> {
            problems.clear();
            Applier applier = new Applier(session, payerId, problems);
            try (InputStream in = Files.newInputStream(file)) {
                summary[0] = reader.read(in, applier);
            }
            if (!summary[0].x12()) {
                throw new NotX12();
            }
            return new ResponseSession.Tally(applier.items, applier.matched, applier.unmatched, problems.size());
        });
        if (out.duplicate()) {
            LOG.info("response file {} of payer {} was applied before (same content): nothing changed", fileName, payerId);
            return new Outcome(false, true, 0, 0, 0, 0, null);
        }
        boolean unreadablePart = problems.stream().anyMatch(p -> "UNREADABLE".equals(p.rule()));
        for (X12Problem p : problems.subList(0, Math.min(problems.size(), LOGGED_PROBLEMS))) {
            LOG.warn("response file {} of payer {}: {} at segment {} ({})", fileName, payerId, p.rule(), p.segmentPosition(),
                    p.segment());
        }
        if (problems.size() > LOGGED_PROBLEMS) {
            LOG.warn("response file {} of payer {}: {} more problem(s) not logged; `retro278 read` on the file lists every one",
                    fileName, payerId,
                    problems.size() - LOGGED_PROBLEMS);
        }
        var t = out.tally();
        String report = null;
        if (unreadablePart || t.unmatched() > 0) {
            StringBuilder b = new StringBuilder("retro278 response report\nfile: " + fileName + "\nreceived: " + Instant.now(clock)
                    + "\n\n" + t.items() + " answer(s) read, " + t.matched() + " matched to claims, " + t.unmatched()
                    + " matched nothing (kept in the store as unmatched responses).\n");
            for (X12Problem p : problems) {
                b.append(p.describe()).append('\n');
            }
            if (unreadablePart) {
                b.append("\nPart of the file could not be read; what came before that point was applied.\n");
            }
            report = b.toString();
        }
        return new Outcome(true, false, t.items(), t.matched(), t.unmatched(), t.problems(), report);
    }

    /** A file that is not X12 at all: nothing applied (the transaction rolls back). */
    private static final class NotX12 extends IOException {
        private static final long serialVersionUID = 1L;

        NotX12() {
            super("the file is not X12");
        }
    }

    /** Route helper: a file that is not X12 goes to .error with a report; anything else propagates. */
    public Outcome receiveOrRefuse(String payerId, String fileName, Path file) throws IOException {
        try {
            return receive(payerId, fileName, file);
        } catch (NotX12 e) {
            LOG.warn("response file {} of payer {} is not X12: moved aside", fileName, payerId);
            return new Outcome(false, false, 0, 0, 0, 1, "retro278 response report\nfile: " + fileName
                    + "\n\nREFUSED: the file is not X12 (it does not start with an ISA segment); nothing in it was applied.\n");
        }
    }

    private void keepCopy(String payerId, String fileName, Path file) throws IOException {
        Path dir = SecureFiles.createPrivateDirectories(archive.resolve(payerId));
        Path target = dir.resolve(Instant.now(clock).toEpochMilli() + "-" + fileName.replaceAll("[^A-Za-z0-9._-]", "_"));
        SecureFiles.writeAtomically(target, o -> Files.copy(file, o));
    }

    /** Applies each document as the reader hands it over. */
    /** The reasons a 278 response gives its claim (what the status files show), {@code request} when known. */
    static List<Reason> reviewReasons(ReviewResponse r, RetroAuthorizationRequest request) {
        return Applier.reviewReasons(r, request);
    }

    private static final class Applier implements ResponseHandler {
        private final ResponseSession session;
        private final String payerId;
        private final List<X12Problem> problems;
        int items;
        int matched;
        int unmatched;

        Applier(ResponseSession session, String payerId, List<X12Problem> problems) {
            this.session = session;
            this.payerId = payerId;
            this.problems = problems;
        }

        @Override
        public void problem(X12Problem problem) {
            problems.add(problem);
        }

        @Override
        public void document(InboundDocument d) {
            problems.addAll(d instanceof ReviewResponse r ? r.problems()
                    : d instanceof ImplementationAcknowledgment a ? a.problems()
                    : ((InterchangeAcknowledgment) d).problems());
            if (d instanceof InterchangeAcknowledgment ta1) {
                interchangeAck(ta1);
            } else if (d instanceof ImplementationAcknowledgment ack) {
                setAcks(ack);
            } else {
                review((ReviewResponse) d);
            }
        }

        private void interchangeAck(InterchangeAcknowledgment ta1) {
            items++;
            Long isa13 = number(ta1.interchangeControlNumber());
            List<StoredClaim> claims = isa13 == null ? List.of() : session.claimsOfInterchange(isa13);
            if (claims.isEmpty()) {
                unmatched("TA1", "ISA13 " + ta1.interchangeControlNumber(), ta1Summary(ta1));
                return;
            }
            matched++;
            String status = ta1.status() == null ? "" : ta1.status().code();
            String note = ta1.note() == null ? "" : ta1.note().code();
            if ("R".equals(status) && "025".equals(note)) {
                // the payer already has an interchange with this number: a re-upload after a crash (docs/reliability.md)
                // or a numbering clash; the answers to the first copy decide, the deadline watch flags silence
                LOG.warn("TA1 for ISA13 {} of payer {}: rejected as a duplicate interchange control number (025); its {} claim(s)"
                        + " stay SENT awaiting the answers to the first copy", isa13, payerId, claims.size());
                return;
            }
            if ("R".equals(status)) {
                List<Reason> reasons = List.of(reason("TA1", ta1.status()), reason("TA1", ta1.note()));
                for (StoredClaim c : claims) {
                    session.move(c.key(), AWAITING_ACK, ClaimState.REJECTED_BY_GATEWAY, reasons,
                            "TA1 rejected interchange ISA13 " + isa13 + " (note " + note + ")");
                }
                LOG.warn("TA1 for ISA13 {} of payer {}: interchange rejected (note {}), {} claim(s) REJECTED_BY_GATEWAY", isa13,
                        payerId, note, claims.size());
            }
        }

        private void setAcks(ImplementationAcknowledgment ack) {
            Long gs06 = number(ack.ackedGroupControlNumber());
            if (ack.sets().isEmpty()) {
                items++;
                List<StoredClaim> claims = gs06 == null ? List.of() : session.claimsOfGroup(gs06);
                if (claims.isEmpty()) {
                    unmatched("999", "GS06 " + ack.ackedGroupControlNumber(), null);
                    return;
                }
                matched++;
                String status = ack.groupStatus() == null ? "" : ack.groupStatus().code();
                boolean rejected = !"A".equals(status) && !"E".equals(status) && !"P".equals(status);
                List<Reason> reasons = new ArrayList<>();
                reasons.add(reason("AK9", ack.groupStatus()));
                ack.groupErrors().forEach(e -> reasons.add(reason("AK9", e)));
                for (StoredClaim c : claims) {
                    session.move(c.key(), AWAITING_ACK, rejected ? ClaimState.REJECTED_BY_GATEWAY : ClaimState.ACCEPTED,
                            rejected ? reasons : List.of(), "999 for group GS06 " + gs06 + ": " + status);
                }
                return;
            }
            for (AcknowledgedSet set : ack.sets()) {
                items++;
                Long st02 = number(set.controlNumber());
                Optional<StoredClaim> claim = gs06 == null || st02 == null ? Optional.empty() : session.claimOfSet(gs06, st02);
                if (claim.isEmpty()) {
                    unmatched("999", "GS06 " + ack.ackedGroupControlNumber() + " ST02 " + set.controlNumber(), null);
                    continue;
                }
                matched++;
                String status = set.status() == null ? "" : set.status().code();
                List<Reason> reasons = new ArrayList<>();
                reasons.add(reason("IK5", set.status()));
                set.setErrors().forEach(e -> reasons.add(reason("IK5", e)));
                for (SegmentError e : set.errors()) {
                    String where = e.segment() + (e.position() == null ? "" : " at position " + e.position())
                            + (e.loop() == null ? "" : " in loop " + e.loop());
                    reasons.add(new Reason("IK3:" + (e.error() == null ? "" : e.error().code()),
                            where + ": " + (e.error() == null ? "segment error" : e.error().words())));
                    e.elements().forEach(el -> reasons.add(new Reason("IK4:" + (el.error() == null ? "" : el.error().code()),
                            e.segment() + " element " + el.location() + ": " + (el.error() == null ? "element error" : el.error().words()))));
                }
                if ("A".equals(status) || "E".equals(status)) {
                    session.move(claim.get().key(), AWAITING_ACK, ClaimState.ACCEPTED, "E".equals(status) ? reasons : List.of(),
                            "999 accepted set ST02 " + st02 + ("E".equals(status) ? " with errors" : ""));
                } else {
                    session.move(claim.get().key(), AWAITING_ACK, ClaimState.REJECTED_BY_GATEWAY, reasons,
                            "999 rejected set ST02 " + st02 + " (" + status + ")");
                }
            }
        }

        private void review(ReviewResponse r) {
            items++;
            Optional<StoredClaim> claim = Optional.empty();
            for (Trace t : r.traces()) {
                claim = session.claimByTrace(t.number());
                if (claim.isPresent()) {
                    break;
                }
            }
            if (claim.isEmpty() && r.bht03() != null) {
                claim = session.claimByBht03(r.bht03());
            }
            if (claim.isEmpty()) {
                unmatched("278", "trace " + String.join(",", r.traces().stream().map(Trace::number).toList()) + " BHT03 "
                        + r.bht03(), decisionSummary(r, null).toString());
                return;
            }
            matched++;
            StoredClaim c = claim.get();
            RetroAuthorizationRequest request = session.request(c.key()).orElse(null);
            List<Reason> reasons = reviewReasons(r, request);
            Decision event = r.event();
            String auth = event != null && event.authorizationNumber() != null ? event.authorizationNumber()
                    : r.services().stream().map(ServiceDecision::decision).filter(d -> d != null && d.authorizationNumber() != null)
                    .map(Decision::authorizationNumber).findFirst().orElse(null);
            String code = event != null && event.action() != null ? event.action().code() : null;
            String admin = event != null ? event.adminReference() : null;
            if (admin == null) {
                admin = r.services().stream().map(ServiceDecision::decision).filter(d -> d != null && d.adminReference() != null)
                        .map(Decision::adminReference).findFirst().orElse(null);
            }
            ClaimState to = r.outcome().state();
            boolean changed = session.decide(c.key(), AWAITING_DECISION, to, auth, code, admin,
                    decisionSummary(r, request).toString(), reasons, "278 response: " + to + (r.moreToFollow() ? " (more to follow)" : ""));
            if (!changed) {
                LOG.info("278 response for claim {} changes nothing: the claim is {}", c.claimId(), c.state());
            }
        }

        /**
         * The reasons a 278 response gives the claim, in this order: the event's HCR01, the AAAs with their
         * follow-ups, the event's HCR03, each service's HCR01 and HCR03, the documents asked for (PWK), and
         * NEEDS_REVIEW.
         */
        static List<Reason> reviewReasons(ReviewResponse r, RetroAuthorizationRequest request) {
            List<Reason> reasons = new ArrayList<>();
            for (Rejection rej : r.rejections()) {
                reasons.add(new Reason("AAA:" + rej.reason().code(), where(rej) + rej.reason().words(), null));
                if (rej.followUp() != null) {
                    reasons.add(new Reason("FOLLOW_UP:" + rej.followUp().code(), rej.followUp().words()));
                }
            }
            Decision event = r.event();
            if (event != null && event.action() != null) {
                reasons.add(0, new Reason("HCR01:" + event.action().code(), "patient event: " + event.action().words()));
            }
            if (event != null) {
                event.reasons().forEach(x -> reasons.add(new Reason("HCR03:" + x.code(), "patient event: " + x.words())));
            }
            for (ServiceDecision s : r.services()) {
                if (s.decision() != null && s.decision().action() != null) {
                    String line = lineLabel(s, request);
                    reasons.add(new Reason("SERVICE:" + s.decision().action().code(), line + ": " + s.decision().action().words()
                            + (s.decision().authorizationNumber() == null ? "" : " (authorization " + s.decision().authorizationNumber() + ")")));
                    s.decision().reasons().forEach(x -> reasons.add(new Reason("HCR03:" + x.code(), line + ": " + x.words())));
                }
            }
            for (DocumentRequest d : r.documentsRequested()) {
                reasons.add(documentReason(d, r, request));
            }
            if (r.outcome().needsReview()) {
                reasons.add(new Reason("NEEDS_REVIEW", r.outcome().explanation()));
            }
            return reasons;
        }

        /**
         * A document the payer asks for (PWK): {@code PWK:<PWK01>} and, for example, "documents requested:
         * Admission Summary (AS), by voice (VO)", after the line's label when a service level asks.
         */
        private static Reason documentReason(DocumentRequest d, ReviewResponse r, RetroAuthorizationRequest request) {
            String prefix = "";
            if (d.servicePosition() != null) {
                prefix = r.services().stream().filter(s -> s.position() == d.servicePosition()).findFirst()
                        .map(s -> lineLabel(s, request)).orElse("service " + d.servicePosition()) + ": ";
            }
            String what = d.type() == null ? "a document (no report type given)" : d.type().words() + " (" + d.type().code() + ")";
            String how = d.transmission() == null ? "" : ", " + how(d.transmission()) + " (" + d.transmission().code() + ")";
            return new Reason("PWK:" + (d.type() == null ? "" : d.type().code()), prefix + "documents requested: " + what + how);
        }

        /** PWK02's words as a way of sending: "By Fax" gives "by fax", "Voice" "by voice", "Electronically Only" as is. */
        private static String how(Code transmission) {
            String words = transmission.words();
            if (words.startsWith("unknown ")) {
                return words; // a code the list does not know: the reader's sentence as it is
            }
            String w = words.toLowerCase(Locale.ROOT);
            return w.startsWith("by ") || w.startsWith("electronically") ? w : "by " + w;
        }

        private static String where(Rejection rej) {
            return (rej.loop() == null ? "" : rej.loop() + (rej.service() == null ? "" : " (service " + rej.service() + ")") + ": ");
        }

        /** Names the claim line a service decision answers: by its position, checked against procedure and date. */
        private static String lineLabel(ServiceDecision s, RetroAuthorizationRequest request) {
            String base = "service " + s.position();
            if (request == null || s.position() < 1 || s.position() > request.services().size()) {
                return base + (s.procedure() == null ? "" : " " + s.procedure().code());
            }
            ServiceLine line = request.services().get(s.position() - 1);
            boolean sameCode = s.procedure() == null || line.procedureCode().equals(s.procedure().code());
            return base + " " + line.procedureCode() + (sameCode ? "" : " (the payer answered for " + s.procedure().code() + ")");
        }

        private void unmatched(String kind, String reference, String summary) {
            unmatched++;
            session.unmatched(kind, reference, summary);
            LOG.warn("{} from payer {} matches no claim ({}): kept as an unmatched response", kind, payerId, reference);
        }

        private static Reason reason(String prefix, Code c) {
            if (c == null) {
                return new Reason(prefix, "(no code)");
            }
            return new Reason(prefix + ":" + c.code(), c.words());
        }

        private static String ta1Summary(InterchangeAcknowledgment t) {
            ObjectNode n = JSON.createObjectNode();
            n.put("status", t.status() == null ? null : t.status().code());
            n.put("note", t.note() == null ? null : t.note().code());
            return n.toString();
        }

        /** The decision as kept with the claim: codes, numbers and per-service outcomes, no person data. */
        private static ObjectNode decisionSummary(ReviewResponse r, RetroAuthorizationRequest request) {
            ObjectNode n = JSON.createObjectNode();
            n.put("bht03", r.bht03());
            n.put("moreToFollow", r.moreToFollow());
            n.put("state", r.outcome().state().name());
            Decision e = r.event();
            if (e != null) {
                ObjectNode ev = n.putObject("event");
                ev.put("action", e.action() == null ? null : e.action().code());
                ev.put("authorizationNumber", e.authorizationNumber());
                ev.put("adminReference", e.adminReference());
                ArrayNode rs = ev.putArray("reasons");
                e.reasons().forEach(x -> rs.add(x.code()));
            }
            ArrayNode services = n.putArray("services");
            for (ServiceDecision s : r.services()) {
                ObjectNode sn = services.addObject();
                sn.put("position", s.position());
                sn.put("line", lineLabel(s, request));
                if (s.decision() != null) {
                    sn.put("action", s.decision().action() == null ? null : s.decision().action().code());
                    sn.put("authorizationNumber", s.decision().authorizationNumber());
                    ArrayNode rs = sn.putArray("reasons");
                    s.decision().reasons().forEach(x -> rs.add(x.code()));
                }
            }
            ArrayNode docs = n.putArray("documentsRequested");
            for (DocumentRequest d : r.documentsRequested()) {
                ObjectNode o = docs.addObject();
                o.put("loop", d.loop());
                o.put("service", d.servicePosition());
                o.put("type", d.type() == null ? null : d.type().code());
                o.put("transmission", d.transmission() == null ? null : d.transmission().code());
            }
            ArrayNode rej = n.putArray("rejections");
            for (Rejection x : r.rejections()) {
                ObjectNode o = rej.addObject();
                o.put("loop", x.loop());
                o.put("reason", x.reason().code());
                o.put("followUp", x.followUp() == null ? null : x.followUp().code());
            }
            return n;
        }

        private static Long number(String s) {
            if (s == null) {
                return null;
            }
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
