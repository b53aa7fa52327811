package org.retro278.responses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.store.ClaimState;
import org.retro278.store.Reason;
import org.retro278.store.ResponseSession;
import org.retro278.store.StoredClaim;
import org.retro278.x12.X12Problem;
import org.retro278.x12.response.AcknowledgedSet;
import org.retro278.x12.response.Ruling;
import org.retro278.x12.response.Decision;
import org.retro278.x12.response.ImplementationAcknowledgment;
import org.retro278.x12.response.InboundDocument;
import org.retro278.x12.response.InterchangeAcknowledgment;
import org.retro278.x12.response.ResponseHandler;
import org.retro278.x12.response.ResponseReader;
import org.retro278.x12.response.ReviewResponse;
import org.retro278.x12.response.ServiceDecision;
import org.retro278.x12.response.Trace;
import org.retro278.x12.validation.ValidationSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each document of one response file, as the reader hands it over, to the claims it answers inside
 * the file's store transaction. It decides nothing itself: every move is the {@link Ruling} the
 * reader gave the document ({@code read} prints the same one), mapped by {@link VerdictStates}; a ruling
 * without a verdict leaves the claims where they are.
 */
final class ResponseApplier implements ResponseHandler {

    /** The intake's logger: these lines were always the intake's, and operators and tests follow it. */
    private static final Logger LOG = LoggerFactory.getLogger(ResponseIntake.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** States in which an acknowledgment is still news. */
    private static final Set<ClaimState> AWAITING_ACK = EnumSet.of(ClaimState.SENT);
    /** States a payer's decision may move a claim from: a pended claim waits for the final decision. */
    private static final Set<ClaimState> AWAITING_DECISION = EnumSet.of(ClaimState.SENT, ClaimState.ACCEPTED, ClaimState.PENDED);

    private final ResponseSession session;
    private final String payerId;
    private final List<X12Problem> problems;
    int items;
    int matched;
    int unmatched;

    /**
     * Reads {@code file}, a response file of {@code payerId}, with {@code reader} and applies its answers in
     * {@code session}: what {@code run} and {@code reapply} both do in their store transaction. {@code problems} is
     * emptied first (a retried transaction reads the file again), then holds what the reader reported.
     */
    static ResponseSession.Tally applyFile(ResponseSession session, String payerId, ResponseReader reader, Path file,
                                           List<X12Problem> problems) throws IOException {
        problems.clear();
        ResponseApplier applier = new ResponseApplier(session, payerId, problems);
        ValidationSummary summary;
        try (InputStream in = Files.newInputStream(file)) {
            summary = reader.read(in, applier);
        }
        if (!summary.x12()) {
            throw new NotX12File();
        }
        return new ResponseSession.Tally(applier.items, applier.matched, applier.unmatched, problems.size());
    }

    ResponseApplier(ResponseSession session, String payerId, List<X12Problem> problems) {
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
        problems.addAll(d.problems());
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
        if (ta1.duplicateInterchange()) {
            LOG.warn("TA1 for ISA13 {} of payer {}: rejected as a duplicate interchange control number (025); its {} claim(s)"
                    + " stay SENT awaiting the answers to the first copy", isa13, payerId, claims.size());
        }
        Ruling o = ta1.ruling();
        if (!o.changesClaim()) {
            return;
        }
        ClaimState to = VerdictStates.of(o.verdict());
        String note = ta1.note() == null ? "" : ta1.note().code();
        List<Reason> reasons = List.of(ResponseReasons.code("TA1", ta1.status()), ResponseReasons.code("TA1", ta1.note()));
        for (StoredClaim c : claims) {
            session.move(c.key(), AWAITING_ACK, to, reasons, "TA1 rejected interchange ISA13 " + isa13 + " (note " + note + ")");
        }
        LOG.warn("TA1 for ISA13 {} of payer {}: interchange rejected (note {}), {} claim(s) {}", isa13, payerId, note,
                claims.size(), to);
    }

    /** Each listed set by its own ruling; the group's other claims by the ruling for sets without an AK2. */
    private void setAcks(ImplementationAcknowledgment ack) {
        Long gs06 = number(ack.ackedGroupControlNumber());
        if (contradictory(ack)) {
            LOG.warn("999 for group GS06 {} of payer {} contradicts itself (AK901 against the IK501 of its sets): no claim"
                    + " is accepted on it; the sets it contradicts need review", gs06, payerId);
        }
        Set<Long> listed = new HashSet<>();
        for (AcknowledgedSet set : ack.sets()) {
            items++;
            Long st02 = number(set.controlNumber());
            Optional<StoredClaim> claim = gs06 == null || st02 == null ? Optional.empty() : session.claimOfSet(gs06, st02);
            if (claim.isEmpty()) {
                unmatched("999", "GS06 " + ack.ackedGroupControlNumber() + " ST02 " + set.controlNumber(), null);
                continue;
            }
            matched++;
            listed.add(claim.get().key());
            Ruling o = set.ruling();
            if (!o.changesClaim()) {
                // codes are not logged here: an unreadable IK501 may hold a value shifted out of place
                LOG.warn("999 for group GS06 {} of payer {}: set ST02 {} needs review ({}), its claim stays {}", gs06, payerId,
                        st02, whyUndecided(ack, set), claim.get().state());
                continue;
            }
            ClaimState to = VerdictStates.of(o.verdict());
            String status = set.status().code();
            boolean withErrors = to == ClaimState.ACCEPTED && "E".equals(status);
            List<Reason> reasons = to == ClaimState.ACCEPTED && !withErrors ? List.of() : ResponseReasons.ofSet(set);
            session.move(claim.get().key(), AWAITING_ACK, to, reasons, to == ClaimState.ACCEPTED
                    ? "999 accepted set ST02 " + st02 + (withErrors ? " with errors" : "")
                    : "999 rejected set ST02 " + st02 + " (" + status + ")");
        }
        List<StoredClaim> others = gs06 == null ? List.of()
                : session.claimsOfGroup(gs06).stream().filter(c -> !listed.contains(c.key())).toList();
        if (ack.sets().isEmpty()) {
            items++;
            if (others.isEmpty()) {
                unmatched("999", "GS06 " + ack.ackedGroupControlNumber(), null);
                return;
            }
            matched++;
        }
        if (others.isEmpty()) {
            return;
        }
        String status = ack.groupStatus() == null ? "" : ack.groupStatus().code();
        Ruling o = ack.ruling();
        if (!o.changesClaim()) {
            LOG.warn("999 for group GS06 {} of payer {}: AK9 does not decide its {} claim(s) without an AK2 of their own;"
                    + " they need review and stay as they are", gs06, payerId, others.size());
            return;
        }
        ClaimState to = VerdictStates.of(o.verdict());
        List<Reason> reasons = to == ClaimState.ACCEPTED ? List.of() : ResponseReasons.ofGroup(ack);
        for (StoredClaim c : others) {
            session.move(c.key(), AWAITING_ACK, to, reasons, "999 for group GS06 " + gs06 + ": " + status);
        }
    }

    private static boolean contradictory(ImplementationAcknowledgment ack) {
        return ack.problems().stream().anyMatch(p -> "ACK_CONTRADICTION".equals(p.rule()));
    }

    /** Why the reader left a set undecided, in fixed words (no code from the file: it may be a shifted value). */
    private static String whyUndecided(ImplementationAcknowledgment ack, AcknowledgedSet set) {
        String code = set.status() == null ? "" : set.status().code();
        if (!Set.of("A", "E", "M", "R", "W", "X").contains(code)) {
            return code.isEmpty() ? "the 999 gives no IK501 for it" : "IK501 is not a 005010X231A1 code";
        }
        return contradictory(ack) ? "the 999 contradicts itself" : "its AK2 loop has two IK5 that disagree";
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
                    + r.bht03(), ResponseReasons.decisionSummary(r, null).toString());
            return;
        }
        matched++;
        StoredClaim c = claim.get();
        RetroAuthorizationRequest request = session.request(c.key()).orElse(null);
        List<Reason> reasons = ResponseReasons.review(r, request);
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
        ClaimState to = VerdictStates.of(r.ruling().verdict());
        boolean changed = session.decide(c.key(), AWAITING_DECISION, to, auth, code, admin,
                ResponseReasons.decisionSummary(r, request).toString(), reasons,
                "278 response: " + to + (r.moreToFollow() ? " (more to follow)" : ""));
        if (!changed) {
            LOG.info("278 response for claim {} changes nothing: the claim is {}", c.claimId(), c.state());
        }
    }

    private void unmatched(String kind, String reference, String summary) {
        unmatched++;
        session.unmatched(kind, reference, summary);
        LOG.warn("{} from payer {} matches no claim ({}): kept as an unmatched response", kind, payerId, reference);
    }

    private static String ta1Summary(InterchangeAcknowledgment t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", t.status() == null ? null : t.status().code());
        n.put("note", t.note() == null ? null : t.note().code());
        return n.toString();
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
