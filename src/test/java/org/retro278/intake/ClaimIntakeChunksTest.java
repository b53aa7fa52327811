package org.retro278.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.build.X12Checks;
import org.retro278.config.PayerDirectory;
import org.retro278.config.PracticeDirectory;
import org.retro278.config.RuntimeSettings;
import org.retro278.inbound.InboundFiles;
import org.retro278.io.Hashes;
import org.retro278.store.ClaimState;
import org.retro278.store.FileOutcome;
import org.retro278.store.ReservedInterchange;
import org.retro278.store.StoredClaim;
import org.retro278.store.TestDatabase;
import org.retro278.store.TransactionStore;
import org.retro278.testing.ProjectFiles;
import org.retro278.x12.control.ControlNumbersExhaustedException;

/**
 * A claim file bigger than a chunk is released chunk by chunk as it is recorded: the first chunk's claims are READY
 * (and can be reserved) while the file is still being read; an intake cut short after a chunk resumes without
 * recording or sending a claim twice and without losing one; a claim whose rows are apart is released once, whole,
 * after the end of the file; the same claims in another file are still rejected as duplicates. H2 and PostgreSQL.
 */
class ClaimIntakeChunksTest {

    static final String NAME = ClaimIntakeDuplicateClaimsTest.NAME;

    @TempDir
    Path dir;
    private final ClaimIntakeDuplicateClaimsTest.SteppingClock clock =
            new ClaimIntakeDuplicateClaimsTest.SteppingClock(ClaimIntakeDuplicateClaimsTest.FIRST_DROP);
    private TestDatabase db;
    private TransactionStore store;
    private final List<ClaimIntake> intakes = new ArrayList<>();

    private void open(TestDatabase.Engine engine) throws Exception {
        db = TestDatabase.create(engine, dir.resolve("work"));
        store = TransactionStore.open(db.urlWithCredentials(), engine == TestDatabase.Engine.H2 ? "sa" : null,
                engine == TestDatabase.Engine.H2 ? "" : null, clock);
    }

    private ClaimIntake intake(int chunk, ClaimIntake.ChunkListener listener) throws Exception {
        ClaimIntake intake = new ClaimIntake(store, PracticeDirectory.load(ProjectFiles.path("config/practices")),
                PayerDirectory.load(ProjectFiles.path("config/payers")), X12Checks.facts(), ProjectFiles.path("mappings"),
                InboundFiles.claimFiles(dir.resolve("quarantine"), RuntimeSettings.defaults().readFolders(), clock), clock);
        intake.releaseInChunksOf(chunk);
        intake.tellAfterEachChunk(listener);
        intakes.add(intake);
        return intake;
    }

    @AfterEach
    void close() throws Exception {
        intakes.forEach(ClaimIntake::close);
        for (AutoCloseable opened : new AutoCloseable[] {store, db}) {
            if (opened != null) {
                opened.close();
            }
        }
    }

    private Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private static String sample() throws Exception {
        return Files.readString(ClaimIntakeDuplicateClaimsTest.SAMPLE, StandardCharsets.UTF_8);
    }

    private Map<String, StoredClaim> claimsOf(long fileId) {
        return store.claimsOfFile(fileId).stream().collect(Collectors.toMap(StoredClaim::claimId, Function.identity()));
    }

    private ReservedInterchange reserve() {
        try {
            return store.reserveInterchange("PAYERA", 5000, LocalDateTime.of(2026, 11, 16, 10, 0),
                    isa13 -> "retro278-PAYERA-" + isa13 + ".x12").orElseThrow();
        } catch (ControlNumbersExhaustedException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Engine.class)
    void theFirstChunkIsReadyAndCanBeReservedBeforeTheFileIsFullyRecorded(TestDatabase.Engine engine) throws Exception {
        open(engine);
        List<String> seen = new ArrayList<>();
        ClaimIntake intake = intake(2, (fileId, chunk) -> {
            List<StoredClaim> now = store.claimsOfFile(fileId);
            seen.add(chunk.ready() + "+" + chunk.rejected() + " of " + now.size() + " recorded, file "
                    + store.findFile(fileId).orElseThrow().outcome());
            if (seen.size() == 1) {
                assertTrue(now.stream().allMatch(c -> c.state() == ClaimState.READY), now.toString());
                // the submission can take them now: the first chunk's PAYERA claims go into an interchange
                assertEquals(2, reserve().claims().size());
            }
        });
        ClaimFileOutcome o = intake.receive("RIVERSIDE", NAME, file(NAME, sample()));
        assertEquals(List.of("2+0 of 2 recorded, file RECEIVED", "2+0 of 4 recorded, file RECEIVED",
                "1+0 of 5 recorded, file RECEIVED"), seen);
        assertEquals(ClaimFileOutcome.Kind.PROCESSED, o.kind());
        assertEquals(5, o.ready());
        assertEquals(FileOutcome.PROCESSED, store.findFile(o.fileId()).orElseThrow().outcome());
        assertEquals(5, store.findFile(o.fileId()).orElseThrow().claimCount());
        Map<String, StoredClaim> claims = claimsOf(o.fileId());
        assertEquals(ClaimIntakeDuplicateClaimsTest.CLAIMS, claims.keySet().stream().sorted().toList());
        assertTrue(claims.values().stream().allMatch(c -> c.state() == ClaimState.READY), claims.toString());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Engine.class)
    void anIntakeCutShortAfterAChunkResumesWithoutAClaimTwiceOrLost(TestDatabase.Engine engine) throws Exception {
        open(engine);
        Path f = file(NAME, sample());
        ClaimIntake crashing = intake(2, (fileId, chunk) -> {
            throw new IllegalStateException("the process dies after its first chunk");
        });
        assertThrows(IllegalStateException.class, () -> crashing.receive("RIVERSIDE", NAME, f));
        long fileId = store.findFirstCopy("RIVERSIDE", Hashes.sha256(f)).orElseThrow().id();
        Map<String, StoredClaim> first = claimsOf(fileId);
        assertEquals(List.of("CLM1001", "CLM1002"), first.keySet().stream().sorted().toList());
        // the submission sends the first chunk meanwhile
        assertTrue(store.markInterchangeSent(reserve().id()));
        clock.advance(Duration.ofMinutes(1));

        ClaimFileOutcome o = intake(2, (id, chunk) -> { }).receive("RIVERSIDE", NAME, f);
        assertEquals(ClaimFileOutcome.Kind.PROCESSED, o.kind());
        assertEquals(fileId, o.fileId(), "the same file, resumed");
        assertEquals(3, o.ready(), "the three claims not released before");
        Map<String, StoredClaim> all = claimsOf(fileId);
        assertEquals(ClaimIntakeDuplicateClaimsTest.CLAIMS, all.keySet().stream().sorted().toList(), "each claim once");
        for (String id : List.of("CLM1001", "CLM1002")) {
            assertEquals(first.get(id).key(), all.get(id).key(), "kept, not recorded again: " + id);
            assertEquals(ClaimState.SENT, all.get(id).state());
            assertEquals(1, all.get(id).attempt());
        }
        for (String id : List.of("CLM1003", "CLM1004", "CLM1005")) {
            assertEquals(ClaimState.READY, all.get(id).state(), "no duplicate of its own file: " + all.get(id));
        }
        assertEquals(5, store.findFile(fileId).orElseThrow().claimCount());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Engine.class)
    void aClaimWhoseRowsAreInTwoChunksIsReleasedOnceWholeAfterTheEnd(TestDatabase.Engine engine) throws Exception {
        open(engine);
        // the second row of CLM1001 moved to the end: its rows are apart, in the first and the last chunk
        List<String> lines = new ArrayList<>(sample().lines().toList());
        String moved = lines.remove(2);
        assertTrue(moved.startsWith("CLM1001,"), moved);
        lines.add(moved);
        List<List<String>> released = new ArrayList<>();
        ClaimIntake intake = intake(1, (fileId, chunk) -> released.add(store.claimsOfFile(fileId).stream()
                .map(StoredClaim::claimId).sorted().toList()));
        ClaimFileOutcome o = intake.receive("RIVERSIDE", NAME, file(NAME, String.join("\n", lines) + "\n"));
        assertEquals(5, released.size(), "one chunk per claim");
        for (List<String> chunk : released.subList(0, 4)) {
            assertFalse(chunk.contains("CLM1001"), "released before it was whole: " + released);
        }
        assertTrue(released.get(4).contains("CLM1001"));
        StoredClaim whole = claimsOf(o.fileId()).get("CLM1001");
        assertEquals(List.of(2L, 10L), whole.rows(), "both rows");
        assertEquals(ClaimState.READY, whole.state());
        assertEquals(5, o.ready());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Engine.class)
    void theSameClaimsInAnotherFileAreStillRejectedAsDuplicatesChunkByChunk(TestDatabase.Engine engine) throws Exception {
        open(engine);
        ClaimIntake intake = intake(2, (fileId, chunk) -> { });
        assertEquals(5, intake.receive("RIVERSIDE", NAME, file(NAME, sample())).ready());
        clock.advance(Duration.ofHours(1));
        ClaimFileOutcome again = intake.receive("RIVERSIDE", "again.csv", file("again.csv", sample() + "\n"));
        assertEquals(0, again.ready());
        assertEquals(5, again.rejected());
        for (StoredClaim c : claimsOf(again.fileId()).values()) {
            assertEquals(ClaimState.REJECTED_LOCALLY, c.state());
            assertEquals("DUPLICATE_CLAIM", c.reasons().get(0).code(), c.toString());
        }
    }
}
