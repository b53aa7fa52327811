package org.retro278.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grouping's memory: claim ids in memory up to a bound, then on disk, deleted at the end. */
class SplitClaimStoreTest {

    @TempDir
    Path temp;

    @Test
    void claimIdsMoveToDiskBeyondTheBoundAndAreStillFound() throws Exception {
        try (SplitClaimStore store = new SplitClaimStore(temp, 3)) {
            for (int i = 1; i <= 3; i++) {
                store.markHandedOn("C" + i, i + 1);
            }
            assertFalse(store.onDisk());
            assertEquals(List.of(), files(), "a small file never touches the disk");
            store.markHandedOn("C4", 5);
            assertTrue(store.onDisk());
            assertEquals(1, files().size());
            assertEquals(2L, store.handedOn("C1"));
            assertEquals(5L, store.handedOn("C4"));
            assertNull(store.handedOn("C5"));
        }
        assertEquals(List.of(), files(), "the store's file is deleted on close");
    }

    @Test
    void aSplitClaimGoesToDiskAndComesBackWholeInFileOrder() throws Exception {
        try (SplitClaimStore store = new SplitClaimStore(temp, 100)) {
            store.markHandedOn("B", 3);
            store.markHandedOn("A", 2);
            assertTrue(store.markSplit("B", 3));
            assertFalse(store.markSplit("B", 3), "split once");
            assertTrue(store.markSplit("A", 2));
            assertTrue(store.onDisk());
            assertEquals(3L, store.handedOn("B"), "ids handed on before the move are kept");
            store.keep(row(2, "A", "x"));
            store.keep(row(3, "B", "y"));
            store.keep(row(10, "A", null));
            store.keep(row(11, "B", "z"));
            List<String> groups = new ArrayList<>();
            store.splitClaims().forEachRemaining(g -> groups.add(g.claimId() + " " + g.rows().stream()
                    .map(r -> r.row() + "=" + r.get("procedure_code") + "/" + r.defect())
                    .collect(Collectors.joining(","))));
            assertEquals(List.of("A 2=x/null,10=null/bad row", "B 3=y/null,11=z/null"), groups);
        }
        assertEquals(List.of(), files());
    }

    private static ClaimRow row(long number, String claimId, String procedure) {
        return procedure == null
                ? new ClaimRow(number, Map.of("claim_id", claimId), "bad row")
                : new ClaimRow(number, Map.of("claim_id", claimId, "procedure_code", procedure));
    }

    private List<Path> files() throws Exception {
        try (var files = Files.list(temp)) {
            return files.collect(Collectors.toList());
        }
    }
}
