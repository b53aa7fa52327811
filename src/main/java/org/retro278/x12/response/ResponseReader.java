package org.retro278.x12.response;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.retro278.io.ConsumerFailure;
import org.retro278.x12.X12Problem;
import org.retro278.x12.validation.ValidationSummary;
import org.retro278.x12.validation.X12Validator;

/**
 * Reads 278 responses, 999 acknowledgments and TA1 acknowledgments from X12 files and streams, validating
 * them in the same pass.
 *
 * <pre>{@code
 * ResponseReader reader = ResponseReader.create();          // once: loads the schemas
 * reader.read(in, new ResponseHandler() {
 *     public void document(InboundDocument d) { ... }       // ReviewResponse, ImplementationAcknowledgment,
 *     public void problem(X12Problem p) { ... }             // InterchangeAcknowledgment
 * });
 * }</pre>
 *
 * <p>Tolerant of what partners send, as the validator is: any delimiters (taken from each ISA), LF or CRLF
 * after terminators, a UTF-8 byte-order mark, several interchanges per file and several groups and sets
 * per interchange, TA1-only interchanges (without GS; an IEA01 that counts one group is reported, the TA1
 * is still read). Only input that cannot be read is refused: a file that is not X12, or the rest of a file
 * from the point where StAEDI cannot go on (an {@code UNREADABLE} problem says where).
 *
 * <p>With validation on (the default), every set is checked against its implementation guide and the
 * problems come with the document; with {@link #withoutValidation()} only the envelopes are checked (control
 * numbers, counts, ISA and TA1 codes), which is several times faster. The documents are the same either
 * way: where a segment belongs is worked out from the data, not from the schema.
 *
 * <p>Immutable and thread-safe: share one instance; each call works on its own state.
 */
public final class ResponseReader {

    private final X12Validator validator;
    private final CodeWords words;
    private final boolean validating;

    private ResponseReader(X12Validator validator, CodeWords words, boolean validating) {
        this.validator = validator;
        this.words = words;
        this.validating = validating;
    }

    /** A validating reader with its own validator; takes a moment (schema loading), then reuse it. */
    public static ResponseReader create() {
        return using(X12Validator.create());
    }

    /** A validating reader that shares a validator (and its loaded schemas). */
    public static ResponseReader using(X12Validator validator) {
        Objects.requireNonNull(validator, "validator");
        return new ResponseReader(validator, new CodeWords(validator), true);
    }

    /** The same reader checking envelopes only (no implementation guides). */
    public ResponseReader withoutValidation() {
        return new ResponseReader(validator, words, false);
    }

    /** The same reader checking every set against its implementation guide. */
    public ResponseReader withValidation() {
        return new ResponseReader(validator, words, true);
    }

    public boolean validating() {
        return validating;
    }

    /**
     * Reads a stream to its end (or to where it stops being readable X12), handing over each document when
     * its set or TA1 ends. The stream is not closed.
     *
     * No content makes it throw: input the validation pass cannot follow (it gives up with an exception, as on
     * an ST inside an open set) ends, like any other unreadable input, in an {@code UNREADABLE} problem at the
     * segment where it stopped.
     *
     * @return counts; {@link ValidationSummary#x12()} is false when the input is not X12 at all
     * @throws IOException when reading the stream fails (not when its content is bad: that is a problem)
     * @throws RuntimeException what the handler itself throws, as it was thrown
     */
    public ValidationSummary read(InputStream in, ResponseHandler handler) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(handler, "handler");
        ReadPass pass = new ReadPass(words, handler);
        try {
            return validating ? validator.validate(in, pass, pass) : validator.validateEnvelope(in, pass, pass);
        } catch (ConsumerFailure f) {
            throw f.consumerException(ResponseReader::handlerFailure);
        } catch (RuntimeException | StackOverflowError e) {
            try {
                return pass.stopped(e);
            } catch (ConsumerFailure f) {
                throw f.consumerException(ResponseReader::handlerFailure);
            }
        }
    }

    /** A handler declares no checked exception; one thrown all the same is wrapped, never lost. */
    private static RuntimeException handlerFailure(Exception checked) {
        return new IllegalStateException("the response handler failed", checked);
    }

    /** Reads a stream into memory; for small files. */
    public ResponseFile read(InputStream in) throws IOException {
        List<InboundDocument> documents = new ArrayList<>();
        List<X12Problem> problems = new ArrayList<>();
        ValidationSummary summary = read(in, new ResponseHandler() {
            @Override
            public void document(InboundDocument document) {
                documents.add(document);
            }

            @Override
            public void problem(X12Problem problem) {
                problems.add(problem);
            }
        });
        return new ResponseFile(summary, documents, problems);
    }

    /** Reads a file into memory; for small files. */
    public ResponseFile read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in);
        }
    }
}
