package org.retro278.responses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.model.ServiceLine;
import org.retro278.store.Reason;
import org.retro278.x12.response.AcknowledgedSet;
import org.retro278.x12.response.Code;
import org.retro278.x12.response.Decision;
import org.retro278.x12.response.DocumentRequest;
import org.retro278.x12.response.ImplementationAcknowledgment;
import org.retro278.x12.response.RequestValidation;
import org.retro278.x12.response.ReviewResponse;
import org.retro278.x12.response.SegmentError;
import org.retro278.x12.response.ServiceDecision;

/**
 * What an answer leaves with its claim besides the state: the reasons the status files show (codes and
 * plain words) and the decision summary kept with the claim (JSON: codes, numbers and per-service outcomes,
 * no person data).
 */
final class ResponseReasons {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResponseReasons() {
    }

    /** A code as a reason: {@code PREFIX:CODE} and its words. */
    static Reason code(String prefix, Code c) {
        if (c == null) {
            return new Reason(prefix, "(no code)");
        }
        return new Reason(prefix + ":" + c.code(), c.words());
    }

    /** The reasons of one acknowledged set: IK501, IK502-IK506, and each IK3 with its IK4s. */
    static List<Reason> ofSet(AcknowledgedSet set) {
        List<Reason> reasons = new ArrayList<>();
        reasons.add(code("IK5", set.status()));
        set.setErrors().forEach(e -> reasons.add(code("IK5", e)));
        for (SegmentError e : set.errors()) {
            String where = e.segment() + (e.position() == null ? "" : " at position " + e.position())
                    + (e.loop() == null ? "" : " in loop " + e.loop());
            reasons.add(new Reason("IK3:" + (e.error() == null ? "" : e.error().code()),
                    where + ": " + (e.error() == null ? "segment error" : e.error().words())));
            e.elements().forEach(el -> reasons.add(new Reason("IK4:" + (el.error() == null ? "" : el.error().code()),
                    e.segment() + " element " + el.location() + ": " + (el.error() == null ? "element error" : el.error().words()))));
        }
        return reasons;
    }

    /** The reasons of a group's sets without an AK2 of their own: AK901 and AK905-AK909. */
    static List<Reason> ofGroup(ImplementationAcknowledgment ack) {
        List<Reason> reasons = new ArrayList<>();
        reasons.add(code("AK9", ack.groupStatus()));
        ack.groupErrors().forEach(e -> reasons.add(code("AK9", e)));
        return reasons;
    }

    /**
     * The reasons a 278 response gives the claim, in this order: the event's HCR01, the AAAs with their
     * follow-ups, the event's HCR03, each service's HCR01 and HCR03, the documents asked for (PWK), and
     * NEEDS_REVIEW. {@code request} names the claim's lines when it is known.
     */
    static List<Reason> review(ReviewResponse r, RetroAuthorizationRequest request) {
        List<Reason> reasons = new ArrayList<>();
        for (RequestValidation rej : r.requestValidations()) {
            // AAA03 is required, but a payer may leave it out: the rejection still counts, without a code
            reasons.add(rej.reason() == null ? new Reason("AAA", where(rej) + "rejected without a reason code (no AAA03)", null)
                    : new Reason("AAA:" + rej.reason().code(), where(rej) + rej.reason().words(), null));
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
        if (r.ruling().needsReview()) {
            reasons.add(new Reason("NEEDS_REVIEW", r.ruling().explanation()));
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

    private static String where(RequestValidation rej) {
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

    /** The decision as kept with the claim: codes, numbers and per-service outcomes, no person data. */
    static ObjectNode decisionSummary(ReviewResponse r, RetroAuthorizationRequest request) {
        ObjectNode n = JSON.createObjectNode();
        n.put("bht03", r.bht03());
        n.put("moreToFollow", r.moreToFollow());
        n.put("state", VerdictStates.of(r.ruling().verdict()).name());
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
        for (RequestValidation x : r.requestValidations()) {
            ObjectNode o = rej.addObject();
            o.put("loop", x.loop());
            o.put("reason", x.reason() == null ? null : x.reason().code());
            o.put("followUp", x.followUp() == null ? null : x.followUp().code());
        }
        return n;
    }
}
