package org.retro278.x12.response;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;
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
 *       inside them, each like a problem line without {@code kind} and {@code file}); a ruling (the claim state)
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
    /** A number that may be absent is written with writePOJOField: the number, or null. */
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
        objects("rejections", r.requestValidations(), x -> {
            json.writeStringField("loop", x.loop());
            json.writePOJOField("service", x.service());
            json.writeBooleanField("requestValid", x.requestValid());
            code("reason", x.reason());
            code("followUp", x.followUp());
        });
        object("event", r.event(), this::decisionFields);
        objects("services", r.services(), s -> {
            json.writeNumberField("position", s.position());
            json.writeStringField("hierarchicalId", s.hierarchicalId());
            traces("traces", s.traces());
            object("procedure", s.procedure(), p -> {
                json.writeStringField("qualifier", p.qualifier());
                json.writeStringField("code", p.code());
                strings("modifiers", p.modifiers());
                json.writeStringField("revenueCode", p.revenueCode());
            });
            dates("serviceDates", s.serviceDates());
            decisionFields(s.decision());
        });
        objects("documentsRequested", r.documentsRequested(), d -> {
            json.writeStringField("loop", d.loop());
            json.writePOJOField("service", d.servicePosition());
            code("type", d.type());
            code("transmission", d.transmission());
        });
        ruling("status", r.ruling());
    }

    /** The decision's fields, all null when there is none (a service the event's decision covers). */
    private void decisionFields(Decision d) throws IOException {
        code("action", d == null ? null : d.action());
        json.writeStringField("authorizationNumber", d == null ? null : d.authorizationNumber());
        json.writeStringField("authorizationNumberFrom", d == null ? null : d.authorizationNumberFrom());
        codes("reasons", d == null ? List.of() : d.reasons());
        json.writeStringField("adminReference", d == null ? null : d.adminReference());
        json.writeStringField("previousAuthorization", d == null ? null : d.previousAuthorization());
        json.writePOJOField("secondOpinionRequired", d == null ? null : d.secondOpinionRequired());
        object("certifiedDates", d == null ? CertifiedDates.NONE : d.dates(), c -> {
            dates("event", c.event());
            dates("issued", c.issued());
            dates("effective", c.effective());
            dates("expires", c.expires());
        });
    }

    private void acknowledgment(ImplementationAcknowledgment a) throws IOException {
        json.writeStringField("ackedFunctionalId", a.ackedFunctionalId());
        json.writeStringField("ackedGroupControlNumber", a.ackedGroupControlNumber());
        json.writeStringField("ackedVersion", a.ackedVersion());
        code("groupStatus", a.groupStatus());
        codes("groupErrors", a.groupErrors());
        json.writePOJOField("setsIncluded", a.setsIncluded());
        json.writePOJOField("setsReceived", a.setsReceived());
        json.writePOJOField("setsAccepted", a.setsAccepted());
        objects("sets", a.sets(), s -> {
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
            ruling("claimState", s.ruling());
        });
        ruling("claimState", a.ruling());
    }

    /** One entry of a 999 set's errors: an IK4 with its IK3, or an IK3 without any IK4. */
    private void finding(SegmentError segment, ElementError element) throws IOException {
        json.writeStartObject();
        json.writeStringField("segment", segment.segment());
        json.writePOJOField("position", segment.position());
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
        ruling("claimState", t.ruling());
    }

    /** Every document and 999 set has its ruling: one without is a defect, and its line fails. */
    private void ruling(String name, Ruling o) throws IOException {
        Objects.requireNonNull(o, name);
        json.writeObjectFieldStart(name);
        json.writeStringField("state", o.verdict() == null ? null : o.verdict().name());
        json.writeBooleanField("needsReview", o.needsReview());
        json.writeStringField("words", o.explanation());
        json.writeEndObject();
    }

    private void traces(String name, List<Trace> traces) throws IOException {
        strings(name, traces.stream().map(Trace::number).toList());
    }

    private void strings(String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    private void code(String name, Code code) throws IOException {
        object(name, code, this::codeFields);
    }

    private void codes(String name, List<Code> codes) throws IOException {
        objects(name, codes, this::codeFields);
    }

    private void codeFields(Code c) throws IOException {
        json.writeStringField("code", c.code());
        json.writeStringField("words", c.words());
    }

    private void dates(String name, DateRange range) throws IOException {
        object(name, range, r -> {
            json.writeStringField("from", r.from().toString());
            json.writeStringField("to", r.to().toString());
        });
    }

    private void problems(List<X12Problem> problems) throws IOException {
        objects("problems", problems, this::problemFields);
    }

    private void problemFields(X12Problem p) throws IOException {
        json.writeNumberField("segmentPosition", p.segmentPosition());
        json.writePOJOField("transactionPosition", p.transactionPosition());
        json.writeStringField("transactionControlNumber", p.transactionControlNumber());
        json.writeStringField("loop", p.loop());
        json.writeStringField("segment", p.segment());
        json.writePOJOField("element", p.element());
        json.writePOJOField("component", p.component());
        json.writeStringField("rule", p.rule());
        json.writeStringField("message", p.message());
    }

    /** Writes the fields of one value into the object opened for it. */
    private interface Fields<T> {
        void write(T value) throws IOException;
    }

    /** An object of the fields {@code fields} writes, or {@code null} when there is no value. */
    private <T> void object(String name, T value, Fields<T> fields) throws IOException {
        if (value == null) {
            json.writeNullField(name);
            return;
        }
        json.writeObjectFieldStart(name);
        fields.write(value);
        json.writeEndObject();
    }

    /** An array with one object per item, each of the fields {@code fields} writes. */
    private <T> void objects(String name, List<T> items, Fields<T> fields) throws IOException {
        json.writeArrayFieldStart(name);
        for (T item : items) {
            json.writeStartObject();
            fields.write(item);
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
