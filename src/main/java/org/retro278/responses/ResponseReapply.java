package org.retro278.responses;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.retro278.io.Hashes;
import org.retro278.store.OperatorActions.Reapplied;
import org.retro278.store.ResponseSession;
import org.retro278.store.TransactionStore;
import org.retro278.x12.X12Problem;
import org.retro278.x12.response.ResponseReader;
import org.retro278.x12.validation.ValidationSummary;

/**
 * {@code retro278 reapply}: a payer's response file applied again by an operator, after a fix, through the same
 * decision path as {@code run} (the reader's outcomes, {@link ResponseApplier}, {@link VerdictStates}), in one
 * store transaction (TransactionStore#operatorActions): what was applied before changes nothing again.
 */
public final class ResponseReapply {

    private final TransactionStore store;
    private final ResponseReader reader;

    public ResponseReapply(TransactionStore store, ResponseReader reader) {
        this.store = store;
        this.reader = reader;
    }

    /** What applying the file again did, and the problems the reader reported (PHI-free: rules and positions). */
    public record Reapplication(Reapplied applied, List<X12Problem> problems) {
        public Reapplication {
            problems = List.copyOf(problems);
        }
    }

    /** A file that is not X12 at all: nothing applied. */
    public static final class NotX12 extends IOException {
        private static final long serialVersionUID = 1L;

        NotX12() {
            super("the file is not X12 (it does not start with an ISA segment)");
        }
    }

    /** Applies {@code file}, a response file of {@code payerId}, again on behalf of {@code operator}. */
    public Reapplication reapply(String payerId, Path file, String operator) throws IOException {
        List<X12Problem> problems = new ArrayList<>();
        Reapplied applied = store.operatorActions().reapplyResponseFile(payerId, file.getFileName().toString(),
                Hashes.sha256(file), operator, session -> {
                    problems.clear();
                    ResponseApplier applier = new ResponseApplier(session, payerId, problems);
                    ValidationSummary summary;
                    try (InputStream in = Files.newInputStream(file)) {
                        summary = reader.read(in, applier);
                    }
                    if (!summary.x12()) {
                        throw new NotX12();
                    }
                    return new ResponseSession.Tally(applier.items, applier.matched, applier.unmatched, problems.size());
                });
        return new Reapplication(applied, problems);
    }
}
