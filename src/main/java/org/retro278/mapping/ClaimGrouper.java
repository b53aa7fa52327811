package org.retro278.mapping;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.retro278.io.ConsumerFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the rows of one file, in file order, into claims for a {@link ClaimGroupSink}:
 *
 * <ul>
 *   <li>adjacent rows with the same claim_id are one claim, handed on when a row of another claim (or
 *       the end of the file) shows that it is complete;</li>
 *   <li>a row without claim_id is a claim of its own, with claim id {@code null};</li>
 *   <li>a claim_id that comes back after other rows makes the claim <em>split</em>: the part handed on
 *       is retracted ({@link ClaimGroupSink#retract}) the first time, no later row of it is handed on,
 *       and after the end of the file the read gathers all its rows ({@link #keep}) and the grouper
 *       hands the complete claim on once more ({@link #handOnSplitClaims}).</li>
 * </ul>
 *
 * Memory holds the current claim's rows only; the ids seen so far live in the {@link SplitClaimStore}.
 *
 * <p>{@link #knowingSplits} makes a grouper for a second pass over the same rows, after a first one has found the
 * split claims: it hands on no part of a split claim, gathers its rows as they come, and hands on each claim
 * once, complete; nothing is retracted.
 */
final class ClaimGrouper {

    static final String CLAIM_ID = "claim_id";

    private static final Logger LOG = LoggerFactory.getLogger(ClaimGrouper.class);

    private final ClaimGroupSink sink;
    private final SplitClaimStore store;
    /** Whether the store already knows every split claim of the file (a second pass): see {@link #knowingSplits}. */
    private final boolean splitsKnown;

    private String currentId;
    private boolean currentIsSplit;
    private final List<ClaimRow> current = new ArrayList<>();

    private long claims;
    private long splitClaims;
    private long lastSplitRow;

    ClaimGrouper(ClaimGroupSink sink, SplitClaimStore store) {
        this(sink, store, false);
    }

    private ClaimGrouper(ClaimGroupSink sink, SplitClaimStore store, boolean splitsKnown) {
        this.sink = sink;
        this.store = store;
        this.splitsKnown = splitsKnown;
    }

    /**
     * A grouper for a second pass over the rows a first grouper has seen, with its store: a split claim's rows are
     * kept as they come ({@link #keep}) and no part of it is handed on before {@link #handOnSplitClaims}; every
     * other claim is handed on once its rows end. So each claim is handed on once, complete, and never retracted.
     */
    static ClaimGrouper knowingSplits(ClaimGroupSink sink, ClaimGrouper firstPass) {
        ClaimGrouper g = new ClaimGrouper(sink, firstPass.store, true);
        g.splitClaims = firstPass.splitClaims;
        g.lastSplitRow = firstPass.lastSplitRow;
        return g;
    }

    /** The next row of the file. */
    void row(ClaimRow row) {
        String claimId = row.get(CLAIM_ID);
        if (splitsKnown && claimId != null && store.isSplit(claimId)) {
            endCurrent();
            store.keep(row);
            return;
        }
        if (claimId != null && claimId.equals(currentId)) {
            if (currentIsSplit) {
                lastSplitRow = row.row();
            } else {
                current.add(row);
            }
            return;
        }
        endCurrent();
        if (claimId == null) {
            handOn(new ClaimGroup(null, List.of(row)));
            return;
        }
        currentId = claimId;
        Long firstRow = splitsKnown ? null : store.handedOn(claimId);
        if (firstRow != null) {
            currentIsSplit = true;
            lastSplitRow = row.row();
            if (store.markSplit(claimId, firstRow)) {
                splitClaims++;
                // rows, not the claim id: the cell may hold anything before the rules have checked it
                LOG.info("the claim of row {} has rows apart from each other (rows {} and {}): retracted, handed on whole "
                        + "after the end of the file", firstRow, firstRow, row.row());
                ConsumerFailure.handOver(() -> sink.retract(claimId));
            }
        } else {
            currentIsSplit = false;
            current.add(row);
        }
    }

    /** The file has no more rows: hands on the last claim. */
    void endOfFile() {
        endCurrent();
    }

    /** Whether some claim was split, so that the read must gather split rows ({@link #keep}). */
    boolean hasSplitClaims() {
        return splitClaims > 0;
    }

    /** The last row that belongs to a split claim: a gathering pass can stop after it. */
    long lastSplitRow() {
        return lastSplitRow;
    }

    /** During the gathering pass: keeps the row if it belongs to a split claim. */
    void keep(ClaimRow row) {
        String claimId = row.get(CLAIM_ID);
        if (claimId != null && store.isSplit(claimId)) {
            store.keep(row);
        }
    }

    /** Hands on every split claim, complete, in the order of their first rows. */
    void handOnSplitClaims() {
        for (Iterator<ClaimGroup> groups = store.splitClaims(); groups.hasNext(); ) {
            ClaimGroup group = groups.next();
            if (splitsKnown) {
                claims++; // handed on for the first time
            }
            ConsumerFailure.handOver(() -> sink.claim(group));
        }
    }

    /** Claims handed on, each once (a split claim is counted once although it is handed on twice). */
    long claims() {
        return claims;
    }

    long splitClaims() {
        return splitClaims;
    }

    private void endCurrent() {
        if (!current.isEmpty()) {
            if (!splitsKnown) {
                store.markHandedOn(currentId, current.get(0).row());
            }
            handOn(new ClaimGroup(currentId, current));
            current.clear();
        }
        currentId = null;
        currentIsSplit = false;
    }

    private void handOn(ClaimGroup group) {
        claims++;
        ConsumerFailure.handOver(() -> sink.claim(group));
    }
}
