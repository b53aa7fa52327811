package org.retro278.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.config.ConfigurationException;

/** Rows become claims: adjacent rows of a claim_id, one row without, and claims split apart in the file. */
class ClaimGroupingTest {

    private static ClaimFileReader reader;

    @TempDir
    static Path temp;

    @BeforeAll
    static void compileLayout() throws ConfigurationException {
        reader = new ClaimFileReader(Fixtures.layout("default"), temp);
    }

    @AfterAll
    static void close() {
        reader.close();
    }

    @Test
    void adjacentRowsOfAClaimIdAreOneClaimHandedOnInFileOrder() throws Exception {
        RecordingSink sink = new RecordingSink();
        ReadSummary summary = reader.read(Fixtures.file("claims-adjacent-and-single-row.csv"), sink);
        assertEquals(List.of("claim CLM-A rows 2,3", "claim CLM-B rows 4", "claim CLM-C rows 5,6,7", "end"),
                sink.events);
        assertEquals(List.of("99281", "99282"), sink.claims.get(0).rows().stream()
                .map(r -> r.get("procedure_code")).collect(Collectors.toList()));
        assertEquals(new ReadSummary(6, 3, 0, 0, 0, 0, 7, 1, 0, 6), summary);
    }

    @Test
    void eachRowWithoutClaimIdIsAClaimOfItsOwn() throws Exception {
        RecordingSink sink = new RecordingSink();
        ReadSummary summary = reader.read(Fixtures.file("rows-without-claim-id.csv"), sink);
        assertEquals(List.of("claim CLM-A rows 2", "claim null rows 3", "claim null rows 4", "claim CLM-B rows 5",
                "end"), sink.events);
        assertNull(sink.claims.get(1).claimId());
        assertEquals(new ReadSummary(4, 4, 0, 0, 0, 0, 5, 1, 0, 4), summary);
    }

    @Test
    void aClaimWhoseRowsAreApartIsRetractedAndHandedOnWholeAfterTheEnd() throws Exception {
        RecordingSink sink = new RecordingSink();
        ReadSummary summary = reader.read(Fixtures.file("claims-split-apart.csv"), sink);
        assertEquals(SPLIT_EVENTS, sink.events);
        assertEquals(List.of("99281", "99283", "99285"), sink.claims.get(4).rows().stream()
                .map(r -> r.get("procedure_code")).collect(Collectors.toList()), "all rows, in file order");
        assertEquals(new ReadSummary(7, 4, 2, 0, 0, 0, 8, 1, 0, 7), summary);
        try (var left = Files.list(temp)) {
            assertEquals(List.of(), left.collect(Collectors.toList()), "temporary files are deleted");
        }
    }

    @Test
    void aCheckedReadHandsOnEachClaimOnceWholeAndNeverRetracts() throws Exception {
        RecordingSink sink = new RecordingSink();
        // the claims with rows apart come after the end of the file, whole; no part of them is handed on before
        assertEquals(new ReadSummary(7, 4, 2, 0, 0, 0, 8, 1, 0, 7), reader.readChecked(Fixtures.file("claims-split-apart.csv"),
                sink), "the same counts as a one-pass read");
        assertEquals(List.of("claim CLM-C rows 5", "claim CLM-D rows 8", "claim CLM-A rows 2,4,6", "claim CLM-B rows 3,7",
                "end"), sink.events);
        try (var left = Files.list(temp)) {
            assertEquals(List.of(), left.collect(Collectors.toList()), "temporary files are deleted");
        }
        RecordingSink adjacent = new RecordingSink();
        reader.readChecked(Fixtures.file("claims-adjacent-and-single-row.csv"), adjacent);
        assertEquals(List.of("claim CLM-A rows 2,3", "claim CLM-B rows 4", "claim CLM-C rows 5,6,7", "end"), adjacent.events);
    }

    @Test
    void aSplitClaimInAStreamThatCannotBeReopenedIsGatheredFromACopy() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (InputStream once = Files.newInputStream(Fixtures.file("claims-split-apart.csv"))) {
            reader.read("piped claims", once, sink);
        }
        assertEquals(SPLIT_EVENTS, sink.events);
        try (var left = Files.list(temp)) {
            assertEquals(List.of(), left.collect(Collectors.toList()), "the copy is deleted");
        }
    }

    @Test
    void aFailedReadLeavesNoTemporaryFileBehind() throws IOException {
        RecordingSink failing = new RecordingSink() {
            @Override
            public void retract(String claimId) {
                throw new IllegalStateException("cannot retract");
            }
        };
        try (InputStream once = Files.newInputStream(Fixtures.file("claims-split-apart.csv"))) {
            reader.read("piped claims", once, failing);
        } catch (IllegalStateException | ClaimFileRefusedException expected) {
            // the sink's own failure
        }
        try (var left = Files.list(temp)) {
            assertEquals(List.of(), left.collect(Collectors.toList()));
        }
    }

    /** claims-split-apart.csv: rows 2..8 are A B A C A B D. */
    private static final List<String> SPLIT_EVENTS = List.of(
            "claim CLM-A rows 2", "claim CLM-B rows 3", "retract CLM-A", "claim CLM-C rows 5", "retract CLM-B",
            "claim CLM-D rows 8", "claim CLM-A rows 2,4,6", "claim CLM-B rows 3,7", "end");
}
