package org.retro278.x12.validation;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.retro278.x12.X12Problem;

/**
 * Checks X12 files against their implementation guides: 278 requests and responses (005010X217), 999
 * acknowledgments (005010X231A1) and, in the interchange, TA1 acknowledgments. Structure, usage and code lists
 * through StAEDI and the schemas, everything else through {@link X217Rules} (the 278) and {@link
 * AcknowledgmentRules} (999 and TA1). Every problem is reported as an {@link X12Problem}, located by segment
 * position from ISA and within the transaction set.
 *
 * <p>Reading is streaming (memory does not grow with the file) and tolerant of what senders do: any
 * delimiters, LF or CRLF after terminators, a UTF-8 byte-order mark, several interchanges, groups and sets
 * in one file. The schema is chosen per transaction set at ST (see {@link TransactionGuide}); a set no guide
 * covers gets its envelope checked and one {@code NOT_VALIDATED} problem. Envelopes are checked against our
 * X12 00501 interchange control schema (HIPAA usage of the ISA, the TA1 codes).
 *
 * <p>Rule names ({@link X12Problem#rule()}) are stable. From StAEDI's findings: {@code SEGMENT_UNRECOGNIZED,
 * SEGMENT_UNEXPECTED, SEGMENT_MISSING, SEGMENT_TOO_MANY, SEGMENT_NOT_IN_SET, SEGMENT_OUT_OF_ORDER,
 * SEGMENT_NOT_USED, SEGMENT_EXCLUSION, LOOP_MISSING, LOOP_TOO_MANY, LOOP_UNKNOWN, ELEMENT_MISSING,
 * ELEMENT_CONDITIONAL_MISSING, ELEMENT_TOO_MANY, ELEMENT_EXCLUSION, ELEMENT_TOO_MANY_REPETITIONS,
 * ELEMENT_TOO_MANY_COMPONENTS, ELEMENT_NOT_USED, ELEMENT_TOO_FEW_REPETITIONS, ELEMENT_TOO_SHORT,
 * ELEMENT_TOO_LONG, ELEMENT_INVALID_CHARACTER, ELEMENT_PATTERN, CODE_INVALID, DATE_INVALID, TIME_INVALID,
 * SEGMENT_COUNT_MISMATCH} (SE01), {@code SET_COUNT_MISMATCH} (GE01), {@code GROUP_COUNT_MISMATCH} (IEA01),
 * {@code SET_CONTROL_NUMBER_MISMATCH} (SE02), {@code GROUP_CONTROL_NUMBER_MISMATCH} (GE02),
 * {@code INTERCHANGE_CONTROL_NUMBER_MISMATCH} (IEA02); about the file: {@code NOT_X12}, {@code UNREADABLE}
 * (reading stopped there), {@code SEGMENT_WHITESPACE} (whitespace before a segment id other than one line
 * break, which StAEDI skips silently); our own checks: see {@code X217Rules} and {@code AcknowledgmentRules}.
 *
 * <p>No input makes a call throw: damaged X12 (truncated, nested or repeated envelopes, stray bytes) ends as
 * problems, at worst one {@code UNREADABLE} where reading stopped; only a failing stream is an {@link
 * IOException}, and a listener's own exceptions are its caller's. {@code X12FuzzTest} holds that.
 *
 * <p>Cost: StAEDI builds its validation tree for each reader, that is once per call; validate a whole
 * interchange in one call rather than set by set, and run two calls in parallel to use both cores
 * ({@code bench/validator-benchmark.sh} measures a converter-sized interchange).
 *
 * <p>One instance is meant to be shared: the schemas are read once, when it is created, and every call
 * works on its own state, so any number of threads may call it at once. The converter validates each
 * generated request with it.
 */
public final class X12Validator {

    private final GuideSchemas schemas;
    private final X217CodeLists codeLists;

    private X12Validator(GuideSchemas schemas) {
        this.schemas = schemas;
        this.codeLists = schemas.codeLists(TransactionGuide.X217_REQUEST);
    }

    /** A validator with the schemas of this release; takes a moment (schema loading), then reuse it. */
    public static X12Validator create() {
        return new X12Validator(GuideSchemas.load());
    }

    /** The code lists and lengths of the request guide, from the same schema this validator checks with. */
    public X217CodeLists codeLists() {
        return codeLists;
    }

    /** The code lists (with the words for each code) of the 005010X217 278 response guide. */
    public X217CodeLists responseCodeLists() {
        return schemas.codeLists(TransactionGuide.X217_RESPONSE);
    }

    /** The code lists (with the words for each code) of the 005010X231A1 999 guide. */
    public X217CodeLists acknowledgmentCodeLists() {
        return schemas.codeLists(TransactionGuide.X231A1_999);
    }

    /**
     * The codes of an interchange control element with their words, for example {@code ("TA1", 5)} for the
     * TA1 note codes; empty when the element takes free values.
     *
     * @throws IllegalArgumentException when the control schema has no such segment or element
     */
    public Map<String, String> interchangeCodes(String segment, int element) {
        return schemas.interchange().codes(segment, element);
    }

    /**
     * Validates a stream, handing each problem to {@code problems} as soon as it is found (on the calling
     * thread). The stream is read to its end or to the point where it stops being readable X12; it is not
     * closed.
     *
     * @throws IOException when reading the stream fails (not when its content is bad: that is a problem)
     */
    public ValidationSummary validate(InputStream in, Consumer<X12Problem> problems) throws IOException {
        return pass(in, problems, false, null);
    }

    /**
     * As {@link #validate(InputStream, Consumer)}, showing every event StAEDI reads to {@code listener} (after
     * the problems it raised were handed over): one pass both checks the input and feeds a reader.
     */
    public ValidationSummary validate(InputStream in, Consumer<X12Problem> problems, X12EventListener listener)
            throws IOException {
        return pass(in, problems, false, listener);
    }

    /**
     * Checks only the envelopes of a stream (ISA widths and values, GS01 against ST01, ST03 against GS08,
     * SE01/GE01/IEA01 counts and the control-number pairs), about ten times faster than {@link
     * #validate(InputStream, Consumer)}. For interchanges assembled from transaction sets that were each
     * validated in full before: it proves the assembly, not the sets.
     */
    public ValidationSummary validateEnvelope(InputStream in, Consumer<X12Problem> problems) throws IOException {
        return pass(in, problems, true, null);
    }

    /**
     * As {@link #validateEnvelope(InputStream, Consumer)}, showing every event to {@code listener}: reading
     * without the implementation guides (envelopes, control numbers, counts and TA1 codes are still checked).
     */
    public ValidationSummary validateEnvelope(InputStream in, Consumer<X12Problem> problems, X12EventListener listener)
            throws IOException {
        return pass(in, problems, true, listener);
    }

    /** One validation pass over a stream that is read here but never closed. */
    private ValidationSummary pass(InputStream in, Consumer<X12Problem> problems, boolean envelopeOnly,
                                   X12EventListener listener) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(problems, "problems");
        PeekableInputStream stream = new PeekableInputStream(new NonClosingInputStream(in));
        return new ValidationPass(schemas, stream, problems, envelopeOnly, listener).run();
    }

    /** Validates a stream and collects the problems; for single requests and small files. */
    public ValidationResult validate(InputStream in) throws IOException {
        List<X12Problem> problems = new ArrayList<>();
        ValidationSummary summary = validate(in, problems::add);
        return new ValidationResult(summary, problems);
    }

    /** Validates a file and collects the problems. */
    public ValidationResult validate(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return validate(in);
        }
    }

    /** Lets StAEDI's reader close what it likes without closing the caller's stream. */
    private static final class NonClosingInputStream extends FilterInputStream {
        NonClosingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller closes its stream
        }
    }
}
