package org.retro278.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grouping across the move of the claim ids to disk (the file-level cases are in ClaimGroupingTest). */
class ClaimGrouperTest {

    @TempDir
    Path temp;

    @Test
    void aClaimSplitAfterTheIdsMovedToDiskIsStillFound() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (SplitClaimStore store = new SplitClaimStore(temp, 2)) {
            ClaimGrouper grouper = new ClaimGrouper(sink, store);
            long row = 1;
            for (String id : List.of("A", "B", "C", "D", "B", "E")) {
                grouper.row(new ClaimRow(++row, Map.of("claim_id", id)));
            }
            grouper.endOfFile();
            assertEquals(6, grouper.lastSplitRow());
            for (long r : new long[] {3, 6}) {
                grouper.keep(new ClaimRow(r, Map.of("claim_id", "B")));
            }
            grouper.handOnSplitClaims();
            assertEquals(5, grouper.claims());
            assertEquals(1, grouper.splitClaims());
        }
        assertEquals(List.of("claim A rows 2", "claim B rows 3", "claim C rows 4", "claim D rows 5", "retract B",
                "claim E rows 7", "claim B rows 3,6"), sink.events);
    }
}
