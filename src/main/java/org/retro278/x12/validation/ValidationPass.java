package org.retro278.x12.validation;

import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDISimpleType;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamConstants.Delimiters;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.retro278.x12.ElementsWanted;
import org.retro278.x12.X12Problem;

/**
 * One validation of one stream: the event loop. Drives a StAEDI reader, keeps the loops open around each
 * segment in a {@link LoopStack}, turns StAEDI's errors into {@link X12Problem}s in the words of {@link
 * StaediErrors}, feeds the segments to {@link X217Rules} and {@link AcknowledgmentRules}, and, when there is
 * one, shows every event to an {@link X12EventListener} once it has been handled. Not thread-safe; {@link X12Validator} makes
 * one per call.
 *
 * <p>What this class handles on the way, because StAEDI's raw errors would mislead:
 * <ul>
 *   <li>errors are held until the segment they belong to has been read (StAEDI reports some before the
 *       segment starts, some after its elements) and then written in position order, identical ones once;
 *   <li>an HL03 or NM101 that names no loop of the guide makes StAEDI report every segment of that loop as
 *       "not used": this becomes one {@code LOOP_UNKNOWN} problem and the echoes are dropped;
 *   <li>a missing loop or segment is noticed at the next segment: the problem names the missing one and is
 *       located where it was noticed;
 *   <li>positions: StAEDI counts segments from the first ISA over the whole stream; the position in the
 *       transaction set (a 999's IK302) is computed from the ST position.
 * </ul>
 */
final class ValidationPass implements Reporter {

    private final GuideSchemas schemas;
    private final PeekableInputStream in;
    private final Consumer<X12Problem> sink;
    private final X217Rules rules;
    private final AcknowledgmentRules acknowledgments;
    /** What the rules and the acknowledgment rules read, together. */
    private final ElementsWanted wanted;
    private final X12EventListener listener;
    private TransactionGuide guide;
    private final Segment segment = new Segment();

    private long interchanges;
    private long groups;
    private long transactionSets;
    private long segments;
    private long problems;
    private boolean readable = true;

    private final LoopStack loops = new LoopStack();

    private long capture;
    private boolean inTransaction;
    /** Between StAEDI's START_TRANSACTION and the end of its ST: the only time a schema can be handed over. */
    private boolean transactionStarting;
    /** An ST was read inside an open set: reading stops after it. */
    private boolean nestedTransaction;
    private long transactionStart;
    private String transactionControlNumber;
    private long setsInGroup;
    private long groupsInInterchange;
    private long lastPosition;
    private long lastCompleted;

    private final List<Pending> pending = new ArrayList<>();
    private final Set<String> seenAtPosition = new HashSet<>();
    private long seenPosition = -1;

    /** A StAEDI error waiting for the end of its segment. */
    private record Pending(long position, String loop, String segment, Integer element, Integer component,
                           String rule, String message, boolean unusedSegment) {
    }

    /** Only the envelope: no implementation schema, none of the guide's body rules. */
    private final boolean envelopeOnly;

    /**
     * @param envelopeOnly whether to leave the implementation guides out (envelopes and TA1 are still checked)
     * @param listener     sees every event after it was handled, or {@code null}
     */
    ValidationPass(GuideSchemas schemas, PeekableInputStream in, Consumer<X12Problem> sink, boolean envelopeOnly,
                   X12EventListener listener) {
        this.envelopeOnly = envelopeOnly;
        this.schemas = schemas;
        this.in = in;
        this.sink = sink;
        this.listener = listener;
        this.rules = new X217Rules(this, schemas::codeLists, schemas.interchange());
        this.acknowledgments = new AcknowledgmentRules(this);
        this.wanted = rules.wanted().union(acknowledgments.wanted());
    }

    ValidationSummary run() throws IOException {
        String head = in.peek(rules.isaLength() + 2);
        if (!head.startsWith("ISA")) {
            readable = false;
            report(1, null, null, null, null, "NOT_X12",
                    head.isEmpty() ? "the file is empty" : "the file does not start with an ISA segment: not X12");
            return summary();
        }
        rules.interchangeHeader(head, 1);
        if (in.paddedAhead()) {
            whitespaceBefore(1, "ISA");
        }
        if (head.length() >= rules.isaLength()) {
            in.terminator(head.charAt(rules.isaLength() - 1));
        }
        EDIInputFactory factory = EDIInputFactory.newFactory();
        EDIStreamReader reader = null;
        try {
            reader = factory.createEDIStreamReader(in);
            EDIStreamEvent event;
            while ((event = next(reader)) != null) {
                if (listener != null) {
                    listener.event(reader, event);
                }
            }
        } finally {
            flush(Long.MAX_VALUE);
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException | RuntimeException ignored) {
                    // the caller owns and closes the stream
                }
            }
        }
        return summary();
    }

    /**
     * Reads and handles the next event; {@code null} at the end of the input or where it stops being
     * readable. Whatever StAEDI throws on damaged input (its own exception, or a state error for a
     * structure it cannot follow) ends the pass as UNREADABLE there: no byte sequence escapes as an
     * exception. A listener's own exceptions are not caught: they are the caller's.
     */
    private EDIStreamEvent next(EDIStreamReader reader) throws IOException {
        try {
            if (!reader.hasNext()) {
                return null;
            }
            EDIStreamEvent event = reader.next();
            handle(reader, event);
            if (nestedTransaction) {
                flush(segment.position);
                inTransaction = false;
                report(segment.position, null, null, null, null, "UNREADABLE", "reading stopped here, the rest of the"
                        + " file was not checked: an ST inside an open transaction set (no SE closed the set before it)");
                return null;
            }
            return event;
        } catch (EDIStreamException e) {
            unreadable(e.getLocation(), StaediErrors.unreadableMessage(e));
        } catch (RuntimeException e) {
            unreadable(null, StaediErrors.unreadableMessage(e));
        }
        return null;
    }

    private ValidationSummary summary() {
        return new ValidationSummary(readable, interchanges, groups, transactionSets, segments, problems);
    }

    private void handle(EDIStreamReader reader, EDIStreamEvent event) throws IOException {
        switch (event) {
            case START_INTERCHANGE -> {
                interchanges++;
                groupsInInterchange = 0;
                if (reader.getControlSchema() == null) {
                    // StAEDI keeps it for the following interchanges of the stream
                    reader.setControlSchema(schemas.control());
                }
            }
            case START_GROUP -> {
                groups++;
                groupsInInterchange++;
                setsInGroup = 0;
            }
            case START_TRANSACTION -> {
                transactionSets++;
                setsInGroup++;
                inTransaction = true;
                transactionStarting = true;
                transactionStart = reader.getLocation().getSegmentPosition();
                transactionControlNumber = null;
            }
            case START_LOOP -> loops.push(reader.getReferenceCode(), reader.getLocation().getSegmentPosition());
            case END_LOOP -> loops.pop();
            case START_SEGMENT -> {
                segments++;
                String tag = reader.getText();
                lastPosition = reader.getLocation().getSegmentPosition();
                segment.start(tag, lastPosition, loops.current());
                if (in.takePadding()) {
                    whitespaceBefore(lastPosition, StaediErrors.segmentId(tag));
                }
                capture = wanted.of(tag);
            }
            case ELEMENT_DATA -> {
                if (capture != 0) {
                    Location l = reader.getLocation();
                    int element = l.getElementPosition();
                    int component = Math.max(0, l.getComponentPosition());
                    if (ElementsWanted.has(capture, element) && X217Rules.wantsComponent(segment.tag, component)) {
                        segment.set(element, component, reader.getText());
                    }
                }
            }
            case END_SEGMENT -> endSegment(reader);
            case END_TRANSACTION -> {
                flush(lastPosition);
                rules.endSet();
                acknowledgments.endSet();
                inTransaction = false;
                transactionStarting = false;
                guide = null;
                transactionControlNumber = null;
            }
            case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> error(reader, event);
            default -> {
                // END_GROUP, composites, binary data: nothing to do
            }
        }
    }

    /**
     * At the end of ST: choose the guide and hand its schema to StAEDI (the last moment StAEDI accepts it).
     * ST01 is taken from the segment just read, not from the reader's dialect: StAEDI clears that when it
     * ends the previous set, which with several sets in a group happens after the next ST has been read.
     */
    private void transactionHeader(EDIStreamReader reader) throws IOException {
        transactionControlNumber = segment.element(2);
        String st01 = segment.element(1);
        String bht02 = null;
        if ("278".equals(st01)) {
            Map<String, Character> delimiters = reader.getDelimiters();
            bht02 = in.peekElement("BHT", 2, delimiters.get(Delimiters.DATA_ELEMENT), delimiters.get(Delimiters.SEGMENT));
        }
        guide = TransactionGuide.select(st01, bht02);
        if (envelopeOnly) {
            reader.setTransactionSchema(null);
            rules.startTransaction(guide, guide != null, st01, false);
            acknowledgments.startSet(new SetScope(guide, guide != null, st01, false, null));
            return;
        }
        Schema schema = guide == null ? null : schemas.schema(guide);
        reader.setTransactionSchema(schema);
        rules.startTransaction(guide, schema != null, st01);
        acknowledgments.startSet(new SetScope(guide, schema != null, st01, true, null));
    }

    private void endSegment(EDIStreamReader reader) throws IOException {
        lastCompleted = segment.position;
        if ("ST".equals(segment.tag)) {
            if (!transactionStarting) {
                // an ST inside an open set: StAEDI cannot follow the file from here (it would read the rest of
                // the file as stray segments of the open set), so reading stops, as for any unreadable input
                nestedTransaction = true;
                return;
            }
            transactionStarting = false;
            transactionHeader(reader);
        }
        flush(segment.position);
        if (capture != 0) {
            rules.segment(segment);
            acknowledgments.segment(segment);
        }
        if ("IEA".equals(segment.tag)) {
            // StAEDI has read up to the IEA terminator: the next interchange header is still unread
            String next = in.peek(rules.isaLength() + 2);
            if (next.startsWith("ISA")) {
                rules.interchangeHeader(next, segment.position + 1);
                if (in.paddedAhead()) {
                    whitespaceBefore(segment.position + 1, "ISA");
                }
                if (next.length() >= rules.isaLength()) {
                    in.terminator(next.charAt(rules.isaLength() - 1));
                }
            }
        }
    }

    private void error(EDIStreamReader reader, EDIStreamEvent event) {
        EDIStreamValidationError error = reader.getErrorType();
        Location l = reader.getLocation();
        long position = l.getSegmentPosition();
        String tag = StaediErrors.segmentId(l.getSegmentTag());
        String rule = StaediErrors.rule(error, tag == null ? "" : tag);
        if (rule == null) {
            return;
        }
        EDIReference reference = reader.getSchemaTypeReference();
        if (event == EDIStreamEvent.SEGMENT_ERROR) {
            String text = text(reader);
            String what = text;
            String name = StaediErrors.title(reference);
            String loop = loops.current();
            if (error == EDIStreamValidationError.IMPLEMENTATION_LOOP_OCCURS_UNDER_MINIMUM_TIMES) {
                loop = reader.getReferenceCode();
                what = loop;
                tag = "L2010".equals(text) ? "NM1" : "HL";
            } else if (error == EDIStreamValidationError.LOOP_OCCURS_OVER_MAXIMUM_TIMES) {
                what = reader.getReferenceCode();
            } else {
                tag = StaediErrors.segmentId(text);
                what = tag == null ? "with an invalid id" : tag;
            }
            pending.add(new Pending(position, loop, tag, null, null, rule,
                    StaediErrors.message(error, what, name, null, null),
                    error == EDIStreamValidationError.IMPLEMENTATION_UNUSED_SEGMENT_PRESENT));
            return;
        }
        int element = l.getElementPosition();
        int component = l.getComponentPosition();
        String what = (tag == null ? "" : tag) + String.format("%02d", Math.max(element, 0))
                + (component > 0 ? "-" + component : "");
        String value = text(reader);
        String message;
        if (error == EDIStreamValidationError.CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT) {
            message = StaediErrors.countMessage(what, tag, value, position - transactionStart + 1, setsInGroup,
                    groupsInInterchange);
        } else {
            long maxLength = reference != null && reference.getReferencedType() instanceof EDISimpleType simple
                    ? simple.getMaxLength() : 3;
            boolean codeElement = error == EDIStreamValidationError.INVALID_CODE_VALUE
                    || error == EDIStreamValidationError.IMPLEMENTATION_INVALID_CODE_VALUE
                    || error == EDIStreamValidationError.CONTROL_REFERENCE_MISMATCH;
            String code = null;
            if (error == EDIStreamValidationError.CONTROL_REFERENCE_MISMATCH) {
                code = value != null && value.length() <= 14 && value.chars().allMatch(Character::isLetterOrDigit)
                        ? value : null;
            } else if (codeElement) {
                code = StaediErrors.quotableCode(value, maxLength);
            }
            message = StaediErrors.message(error, what, StaediErrors.title(reference), code,
                    codeElement ? allowed(loops.current(), tag, element, component) : null);
        }
        pending.add(new Pending(position, loops.current(), tag, element > 0 ? element : null,
                component > 0 ? component : null, rule, message, false));
    }

    /** StAEDI skips whitespace before a segment id without a word; X12 has none there. */
    private void whitespaceBefore(long position, String segmentId) {
        report(position, "ISA".equals(segmentId) ? null : loops.current(), segmentId, null, null, "SEGMENT_WHITESPACE",
                "whitespace before the segment id: a segment starts right after the terminator of the one before"
                        + " (one line break there is tolerated)");
    }

    /** Allowed codes for a message, from the guide's code list, when the list is short enough to read. */
    private String allowed(String loop, String tag, int element, int component) {
        X217CodeLists codeLists = guide == null ? null : schemas.codeLists(guide);
        if (!inTransaction || codeLists == null || tag == null || element < 1) {
            return null;
        }
        try {
            Set<String> codes = codeLists.codes(loop == null ? X217CodeLists.HEADER : loop, tag, element,
                    component > 0 ? component : null);
            return codes.isEmpty() || codes.size() > 12 ? null : String.join(", ", codes);
        } catch (IllegalArgumentException notInGuide) {
            return null;
        }
    }

    /** The text of an error event; StAEDI has none for some missing-element errors. */
    private static String text(EDIStreamReader reader) {
        try {
            return reader.hasText() ? reader.getText() : null;
        } catch (RuntimeException noText) {
            return null;
        }
    }

    /** Writes the held StAEDI errors up to a position, dropping echoes of an unknown loop and repeats. */
    private void flush(long upTo) {
        if (pending.isEmpty()) {
            return;
        }
        int unknown = loops.outermostUnknown();
        List<Pending> later = null;
        for (Pending p : pending) {
            if (p.position > upTo) {
                if (later == null) {
                    later = new ArrayList<>();
                }
                later.add(p);
                continue;
            }
            if (p.unusedSegment && unknown >= 0) {
                if (loops.startsAt(unknown, p.position) && p.position == segment.position) {
                    unknownLoop(unknown);
                }
                continue;
            }
            report(p.position, p.loop, p.segment, p.element, p.component, p.rule, p.message);
        }
        pending.clear();
        if (later != null) {
            pending.addAll(later);
        }
    }

    private void unknownLoop(int index) {
        boolean level = "HL".equals(segment.tag);
        int element = level ? 3 : 1;
        String code = StaediErrors.quotableCode(segment.element(element), 3);
        String where = loops.enclosingKnown(index);
        report(segment.position, where, segment.tag, element, null, "LOOP_UNKNOWN",
                StaediErrors.unknownLoopMessage(level, code, guide == null ? null : guide.title(), where));
    }

    private void unreadable(Location l, String message) {
        // the segment after the last complete one is where reading failed
        long position = Math.max(l != null ? l.getSegmentPosition() : 0, lastCompleted + 1);
        flush(Long.MAX_VALUE);
        report(position, null, null, null, null, "UNREADABLE", message);
    }

    @Override
    public void report(long position, String loop, String segmentId, Integer element, Integer component,
                       String rule, String message) {
        if (position != seenPosition) {
            seenPosition = position;
            seenAtPosition.clear();
        }
        if (!seenAtPosition.add(rule + '|' + segmentId + '|' + element + '|' + component + '|' + message)) {
            return;
        }
        Integer inSet = null;
        String setNumber = null;
        if (inTransaction && position >= transactionStart) {
            inSet = (int) (position - transactionStart + 1);
            setNumber = transactionControlNumber;
        }
        problems++;
        sink.accept(new X12Problem(position, inSet, setNumber, loop, segmentId, element, component, rule, message));
    }
}
