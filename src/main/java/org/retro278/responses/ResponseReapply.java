package org.retro278.responses;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.retro278.io.Hashes;
import org.retro278.store.OperatorActions.Reapplied;
import org.retro278.store.TransactionStore;
import org.retro278.x12.X12Problem;
import org.retro278.x12.response.ResponseReader;

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

    /**
     * Applies {@code file}, a response file of {@code payerId}, again on behalf of {@code operator}; a file that is not
     * X12 at all is {@link NotX12File}, nothing applied.
     */
    public Reapplication reapply(String payerId, Path file, String operator) throws IOException {
        List<X12Problem> problems = new ArrayList<>();
        Reapplied applied = store.operatorActions().reapplyResponseFile(payerId, file.getFileName().toString(),
                Hashes.sha256(file), operator, session -> ResponseApplier.applyFile(session, payerId, reader, file, problems));
        return new Reapplication(applied, problems);
    }
}
