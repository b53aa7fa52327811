package org.retro278.x12.response;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import org.retro278.x12.X12Problem;

/**
 * Writes documents and problems as JSON Lines: one object per line, for the {@code read} command and for
 * anyone who wants the documents as data.
 *
 * <p>The shape (docs/responses.md shows a line of each kind):
 * <ul>
 *   <li>every line has {@code kind} ({@code "278-response"}, {@code "999"}, {@code "TA1"} or
 *       {@code "problem"}) and, when given, {@code file};
 *   <li>every code is an object {@code {"code": "A1", "words": "certified in total"}}; an absent code is
 *       {@code null}; every key is always written, so each kind has one fixed set of keys;
 *   <li>dates are ISO {@code yyyy-MM-dd}; a date or range is {@code {"from": ..., "to": ...}};
 *   <li>documents carry {@code envelope} (their own ISA13 / GS06 / ST02) and {@code problems} (those found
 *       inside them, each like a problem line without {@code kind} and {@code file}); a claim-state outcome
 *       is {@code {"state": "CERTIFIED", "needsReview": false, "words": "..."}} ({@code status} on a 278
 *       response, {@code claimState} on a 999 set, a 999 and a TA1);
 *   <li>a 278 response's {@code documentsRequested} has one entry per PWK at 2000E or 2000F, in file order:
 *       {@code loop}, {@code service} (the 2000F position, {@code null} at 2000E), {@code type} (PWK01) and
 *       {@code transmission} (PWK02);
 *   <li>a 999's {@code errors} has one entry per finding: per IK4 (element, reference, {@code code} = IK403,
 *       with {@code segmentCode} = its IK3's IK304), or per IK3 without IK4 ({@code code} = IK304). IK404 is
 *       never written (it may be PHI).
 * </ul>
 * Written as it goes: one streaming generator writes each field from the document into a reused line buffer
 * (no tree, no string per line), and each line reaches the writer whole and flushed as soon as it ends, so
 * whatever was read before a failure is already out and a failure never leaves half a line. Not thread-safe.
 */
public final class ResponseJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final Writer out;
    /** The line being written: it reaches {@code out} only whole, so a line that fails half way leaves nothing. */
    private final CharArrayWriter line = new CharArrayWriter(4096);
    private JsonGenerator json;

    public ResponseJson(Writer out) {
        this.out = out;
        this.json = generator(line);
    }

    private static JsonGenerator generator(Writer to) {
        try {
            JsonGenerator json = FACTORY.createGenerator(to);
            // one line per object: no separator between root values, the line break is written after each
            json.setRootValueSeparator(null);
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one document as one line. */
    public void document(InboundDocument document, String file) {
        line(() -> {
            json.writeStartObject();
            if (document instanceof ReviewResponse r) {
                start("278-response", file, r.envelope());
                reviewResponse(r);
            } else if (document instanceof ImplementationAcknowledgment a) {
                start("999", file, a.envelope());
                acknowledgment(a);
            } else if (document instanceof InterchangeAcknowledgment t) {
                start("TA1", file, t.envelope());
                interchangeAcknowledgment(t);
            }
            problems(document.problems());
            json.writeEndObject();
        });
    }

    /** Writes one problem found outside any document as one line. */
    public void problem(X12Problem problem, String file) {
        line(() -> {
            json.writeStartObject();
            json.writeStringField("kind", "problem");
            if (file != null) {
                json.writeStringField("file", file);
            }
            problemFields(problem);
            json.writeEndObject();
        });
    }

    private interface LineBody {
        void write() throws IOException;
    }

    /**
     * Writes one line and hands it to {@code out} whole, then flushes it. When the line fails half way (a
     * defect, or the writer failing) it is dropped with the generator's half-open state, so the next line
     * (the caller's "unreadable" problem, say) is still well-formed JSON.
     */
    private void line(LineBody body) {
        try {
            body.write();
            json.flush();
            line.writeTo(out);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            json = generator(line);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            json = generator(line);
            throw e;
        } finally {
            line.reset();
        }
    }

    private void start(String kind, String file, Envelope e) throws IOException {
        json.writeStringField("kind", kind);
        if (file != null) {
            json.writeStringField("file", file);
        }
        json.writeObjectFieldStart("envelope");
        json.writeStringField("sender", e.sender());
        json.writeStringField("receiver", e.receiver());
        json.writeStringField("interchangeControlNumber", e.interchangeControlNumber());
        json.writeStringField("groupControlNumber", e.groupControlNumber());
        json.writeStringField("transactionControlNumber", e.transactionControlNumber());
        json.writeNumberField("segmentPosition", e.segmentPosition());
        json.writeEndObject();
    }

    private void reviewResponse(ReviewResponse r) throws IOException {
        json.writeStringField("bht03", r.bht03());
        traces("traces", r.traces());
        traces("umoTraces", r.umoTraces());
        json.writeBooleanField("moreToFollow", r.moreToFollow());
        json.writeArrayFieldStart("rejections");
        for (Rejection x : r.rejections()) {
            json.writeStartObject();
            json.writeStringField("loop", x.loop());
            integer("service", x.service());
            json.writeBooleanField("requestValid", x.requestValid());
            code("reason", x.reason());
            code("followUp", x.followUp());
            json.writeEndObject();
        }
        json.writeEndArray();
        if (r.event() == null) {
            json.writeNullField("event");
        } else {
            json.writeObjectFieldStart("event");
            decisionFields(r.event());
            json.writeEndObject();
        }
        json.writeArrayFieldStart("services");
        for (ServiceDecision s : r.services()) {
            json.writeStartObject();
            json.writeNumberField("position", s.position());
            json.writeStringField("hierarchicalId", s.hierarchicalId());
            traces("traces", s.traces());
            procedure(s.procedure());
            dates("serviceDates", s.serviceDates());
            decisionFields(s.decision());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("documentsRequested");
        for (DocumentRequest d : r.documentsRequested()) {
            json.writeStartObject();
            json.writeStringField("loop", d.loop());
            integer("service", d.servicePosition());
            code("type", d.type());
            code("transmission", d.transmission());
            json.writeEndObject();
        }
        json.writeEndArray();
        outcome("status", r.outcome());
    }

    /** The decision's fields, all null when there is none (a service the event's decision covers). */
    private void decisionFields(Decision d) throws IOException {
        code("action", d == null ? null : d.action());
        json.writeStringField("authorizationNumber", d == null ? null : d.authorizationNumber());
        json.writeStringField("authorizationNumberFrom", d == null ? null : d.authorizationNumberFrom());
        codes("reasons", d == null ? List.of() : d.reasons());
        json.writeStringField("adminReference", d == null ? null : d.adminReference());
        json.writeStringField("previousAuthorization", d == null ? null : d.previousAuthorization());
        if (d == null || d.secondOpinionRequired() == null) {
            json.writeNullField("secondOpinionRequired");
        } else {
            json.writeBooleanField("secondOpinionRequired", d.secondOpinionRequired());
        }
        CertifiedDates c = d == null ? CertifiedDates.NONE : d.dates();
        json.writeObjectFieldStart("certifiedDates");
        dates("event", c.event());
        dates("issued", c.issued());
        dates("effective", c.effective());
        dates("expires", c.expires());
        json.writeEndObject();
    }

    private void procedure(Procedure p) throws IOException {
        if (p == null) {
            json.writeNullField("procedure");
            return;
        }
        json.writeObjectFieldStart("procedure");
        json.writeStringField("qualifier", p.qualifier());
        json.writeStringField("code", p.code());
        json.writeArrayFieldStart("modifiers");
        for (String m : p.modifiers()) {
            json.writeString(m);
        }
        json.writeEndArray();
        json.writeStringField("revenueCode", p.revenueCode());
        json.writeEndObject();
    }

    private void acknowledgment(ImplementationAcknowledgment a) throws IOException {
        json.writeStringField("ackedFunctionalId", a.ackedFunctionalId());
        json.writeStringField("ackedGroupControlNumber", a.ackedGroupControlNumber());
        json.writeStringField("ackedVersion", a.ackedVersion());
        code("groupStatus", a.groupStatus());
        codes("groupErrors", a.groupErrors());
        integer("setsIncluded", a.setsIncluded());
        integer("setsReceived", a.setsReceived());
        integer("setsAccepted", a.setsAccepted());
        json.writeArrayFieldStart("sets");
        for (AcknowledgedSet s : a.sets()) {
            json.writeStartObject();
            json.writeStringField("transactionSetId", s.transactionSetId());
            json.writeStringField("controlNumber", s.controlNumber());
            json.writeStringField("version", s.version());
            code("status", s.status());
            codes("setErrors", s.setErrors());
            json.writeArrayFieldStart("errors");
            for (SegmentError e : s.errors()) {
                if (e.elements().isEmpty()) {
                    finding(e, null);
                } else {
                    for (ElementError element : e.elements()) {
                        finding(e, element);
                    }
                }
            }
            json.writeEndArray();
            outcome("claimState", s.outcome());
            json.writeEndObject();
        }
        json.writeEndArray();
        outcome("claimState", a.outcome());
    }

    private void finding(SegmentError segment, ElementError element) throws IOException {
        json.writeStartObject();
        json.writeStringField("segment", segment.segment());
        integer("position", segment.position());
        json.writeStringField("loop", segment.loop());
        json.writeStringField("element", element == null ? null : element.location());
        json.writeStringField("reference", element == null ? null : element.reference());
        code("code", element != null && element.error() != null ? element.error() : segment.error());
        code("segmentCode", segment.error());
        json.writeEndObject();
    }

    private void interchangeAcknowledgment(InterchangeAcknowledgment t) throws IOException {
        json.writeStringField("interchangeControlNumber", t.interchangeControlNumber());
        json.writeStringField("interchangeDate", t.interchangeDate());
        json.writeStringField("interchangeTime", t.interchangeTime());
        code("status", t.status());
        code("note", t.note());
        outcome("claimState", t.outcome());
    }

    private void outcome(String name, ClaimOutcome o) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeStringField("state", o.verdict() == null ? null : o.verdict().name());
        json.writeBooleanField("needsReview", o.needsReview());
        json.writeStringField("words", o.explanation());
        json.writeEndObject();
    }

    private void traces(String name, List<Trace> traces) throws IOException {
        json.writeArrayFieldStart(name);
        for (Trace t : traces) {
            json.writeString(t.number());
        }
        json.writeEndArray();
    }

    private void code(String name, Code code) throws IOException {
        if (code == null) {
            json.writeNullField(name);
            return;
        }
        json.writeObjectFieldStart(name);
        json.writeStringField("code", code.code());
        json.writeStringField("words", code.words());
        json.writeEndObject();
    }

    private void codes(String name, List<Code> codes) throws IOException {
        json.writeArrayFieldStart(name);
        for (Code c : codes) {
            json.writeStartObject();
            json.writeStringField("code", c.code());
            json.writeStringField("words", c.words());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void dates(String name, DateRange range) throws IOException {
        if (range == null) {
            json.writeNullField(name);
            return;
        }
        json.writeObjectFieldStart(name);
        json.writeStringField("from", range.from().toString());
        json.writeStringField("to", range.to().toString());
        json.writeEndObject();
    }

    private void integer(String name, Integer value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }

    private void problems(List<X12Problem> problems) throws IOException {
        json.writeArrayFieldStart("problems");
        for (X12Problem p : problems) {
            json.writeStartObject();
            problemFields(p);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void problemFields(X12Problem p) throws IOException {
        json.writeNumberField("segmentPosition", p.segmentPosition());
        integer("transactionPosition", p.transactionPosition());
        json.writeStringField("transactionControlNumber", p.transactionControlNumber());
        json.writeStringField("loop", p.loop());
        json.writeStringField("segment", p.segment());
        integer("element", p.element());
        integer("component", p.component());
        json.writeStringField("rule", p.rule());
        json.writeStringField("message", p.message());
    }
}
