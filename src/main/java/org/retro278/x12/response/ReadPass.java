package org.retro278.x12.response;

import static org.retro278.x12.response.CodedElement.TA104;
import static org.retro278.x12.response.CodedElement.TA105;

import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.retro278.io.ConsumerFailure;
import org.retro278.x12.ElementsWanted;
import org.retro278.x12.X12Problem;
import org.retro278.x12.validation.ValidationSummary;
import org.retro278.x12.validation.X12EventListener;

/**
 * One reading of one stream: follows the events of the validation pass, keeps the envelope's control
 * numbers, hands each transaction set's segments to a {@link SetBuilder} and each TA1 to the handler, and
 * puts every problem the pass reports where it belongs (inside the document it concerns, or on its own).
 * Not thread-safe; {@link ResponseReader} makes one per call.
 *
 * <p>It counts what it saw, so that a reading the validation pass gives up on with an exception (a byte
 * sequence StAEDI cannot follow, such as an ST inside an open set) still ends as an {@code UNREADABLE}
 * problem and a summary ({@link #stopped}), never as a crash; what the handler throws is passed on as
 * a {@link ConsumerFailure}, so that the caller's own failures are never taken for unreadable input.
 */
final class ReadPass implements X12EventListener, Consumer<X12Problem> {

    /** The envelope segments and the TA1: read in every set and between them. */
    private static final ElementsWanted ENVELOPE = ElementsWanted.NONE.and("ISA", 6, 8, 13).and("GS", 1, 6, 8)
            .and("ST", 1, 2).and("TA1", 1, 2, 3, 4, 5);

    private final CodeWords words;
    private final ResponseHandler handler;
    private final SegmentValues values = new SegmentValues();
    private long wants;

    private InterchangeHeader interchange = InterchangeHeader.NONE;
    private String groupControlNumber;
    /** The transaction set being read, from its START_TRANSACTION to its END_TRANSACTION; else {@code null}. */
    private OpenSet set;

    /** The TA1 being read, from its start to its end; else {@code null}. */
    private OpenDocument ta1;

    private long interchanges;
    private long groups;
    private long sets;
    private long segments;
    private long problems;

    ReadPass(CodeWords words, ResponseHandler handler) {
        this.words = words;
        this.handler = handler;
    }

    @Override
    public void event(EDIStreamReader reader, EDIStreamEvent event) {
        switch (event) {
            case START_INTERCHANGE -> {
                interchanges++;
                interchange = InterchangeHeader.NONE;
                groupControlNumber = null;
            }
            case START_GROUP -> {
                groups++;
                groupControlNumber = null;
            }
            case START_TRANSACTION -> {
                sets++;
                set = new OpenSet();
            }
            case START_SEGMENT -> startSegment(reader);
            case ELEMENT_DATA -> {
                if (wants != 0) {
                    Location l = reader.getLocation();
                    int element = l.getElementPosition();
                    if (ElementsWanted.has(wants, element)) {
                        values.add(element, l.getComponentPosition(), l.getElementOccurrence(), reader.getText());
                    }
                }
            }
            case END_SEGMENT -> endSegment();
            case END_TRANSACTION -> endTransaction();
            default -> {
                // groups and interchanges end without anything to hand over
            }
        }
    }

    private void startSegment(EDIStreamReader reader) {
        segments++;
        String tag = reader.getText();
        long position = reader.getLocation().getSegmentPosition();
        values.start(tag, position);
        wants = ENVELOPE.of(tag);
        if ("TA1".equals(tag)) {
            ta1 = new OpenDocument();
            ta1.position = position;
        } else if (set != null && "ST".equals(tag)) {
            set.position = position;
        } else if (wants == 0 && set != null && set.builder != null) {
            wants = set.builder.wants(tag);
        }
    }

    private void endSegment() {
        if (wants == 0) {
            return;
        }
        switch (values.tag) {
            case "ISA" -> interchange = new InterchangeHeader(trim(values.get(6)), trim(values.get(8)), values.get(13));
            case "GS" -> groupControlNumber = values.get(6);
            case "ST" -> {
                if (set != null) {
                    startSet(values.get(1), values.get(2));
                }
            }
            case "TA1" -> interchangeAcknowledgment();
            default -> {
                if (set != null && set.builder != null) {
                    set.builder.segment(values);
                }
            }
        }
        wants = 0;
    }

    private void startSet(String id, String controlNumber) {
        set.id = id;
        set.controlNumber = controlNumber;
        Envelope envelope = new Envelope(interchange.sender(), interchange.receiver(), interchange.controlNumber(),
                groupControlNumber, controlNumber, set.position);
        if ("278".equals(id)) {
            set.builder = new ReviewResponseBuilder(words, envelope);
        } else if ("999".equals(id)) {
            set.builder = new AcknowledgmentBuilder(words, envelope);
        }
    }

    private void endTransaction() {
        if (set == null) {
            return;
        }
        if (set.builder != null && set.builder.reported()) {
            document(set.builder.build(set.problems));
        } else {
            String what = set.builder != null ? "a 278 request (BHT02 is not 11)" : "transaction set " + printable(set.id);
            report(new X12Problem(set.position, 1, set.controlNumber, null, "ST", 1, null, "NOT_READ",
                    what + ": not a 278 response, a 999 or a TA1, so it is not read (its problems follow)"));
            set.problems.forEach(this::report);
        }
        set = null;
    }

    private void interchangeAcknowledgment() {
        Code status = words.of(TA104, values.get(4));
        Code note = words.of(TA105, values.get(5));
        Envelope envelope = new Envelope(interchange.sender(), interchange.receiver(), interchange.controlNumber(), null,
                null, ta1.position);
        document(new InterchangeAcknowledgment(envelope, values.get(1), values.get(2), values.get(3), status, note,
                VerdictRules.ofInterchange(status, note), ta1.problems));
        ta1 = null;
    }

    /** A problem from the validation pass: into the document it concerns, or on its own. */
    @Override
    public void accept(X12Problem problem) {
        if ("UNREADABLE".equals(problem.rule())) {
            // the set or TA1 being read is cut short: not handed over, but nothing found in it is lost
            if (set != null) {
                set.problems.forEach(this::report);
                set = null;
            }
            if (ta1 != null) {
                ta1.problems.forEach(this::report);
                ta1 = null;
            }
            report(problem);
            return;
        }
        if (ta1 != null && problem.segmentPosition() == ta1.position) {
            ta1.problems.add(problem);
        } else if (set != null && problem.transactionPosition() != null) {
            set.problems.add(problem);
        } else {
            report(problem);
        }
    }

    /**
     * The validation pass gave up with an exception at the segment being read: reading stops there, as for any
     * other input StAEDI cannot follow (the set or TA1 open at that point is not handed over). The exception's
     * message is not quoted: it may carry a value from the file.
     */
    ValidationSummary stopped(Throwable failure) {
        long position = Math.max(1, values.position);
        String segment = values.tag == null ? "this" : printable(values.tag);
        accept(new X12Problem(position, null, null, null, null, null, null, "UNREADABLE",
                "reading stopped here, the rest of the file was not read: the reader cannot follow the file from "
                        + ("this".equals(segment) ? "this segment" : "this " + segment + " segment") + " on ("
                        + failure.getClass().getSimpleName() + ")"));
        return new ValidationSummary(true, interchanges, groups, sets, segments, problems);
    }

    private void document(InboundDocument document) {
        problems += document.problems().size();
        ConsumerFailure.handOver(() -> handler.document(document));
    }

    private void report(X12Problem problem) {
        problems++;
        ConsumerFailure.handOver(() -> handler.problem(problem));
    }

    /** ISA06, ISA08 (without their padding) and ISA13 of the interchange being read. */
    private record InterchangeHeader(String sender, String receiver, String controlNumber) {
        static final InterchangeHeader NONE = new InterchangeHeader(null, null, null);
    }

    /** A set or a TA1 being read: where it starts, and the problems found in it so far. */
    private static class OpenDocument {
        long position;
        final List<X12Problem> problems = new ArrayList<>();
    }

    /** A transaction set being read: also what its ST says, and its builder (none for a set not read). */
    private static final class OpenSet extends OpenDocument {
        String id;
        String controlNumber;
        SetBuilder builder;
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    private static String printable(String code) {
        return code != null && code.length() <= 3 && code.chars().allMatch(Character::isLetterOrDigit) ? code : "(unknown)";
    }
}
