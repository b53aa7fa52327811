package org.retro278.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.store.ClaimState;
import org.retro278.store.OperatorScenario;
import org.retro278.store.TransactionStore;
import org.retro278.testing.ProjectFiles;
import org.retro278.testing.TestClock;

/** {@code resubmit}, {@code reapply} and {@code purge} on an installation's embedded store: what they print and their exit codes. */
class OperatorActionCommandsTest {

    @TempDir
    Path work;
    @TempDir
    Path files;
    OperatorScenario s;

    @BeforeEach
    void store() throws Exception {
        TestClock clock = TestClock.stoppedAt(Instant.parse("2026-11-16T09:00:00Z"));
        try (TransactionStore store = TransactionStore.openH2(work, "", clock)) {
            s = OperatorScenario.build(store, clock);
        }
    }

    private Cli cli(String... args) {
        return Cli.onInstallation(ProjectFiles.path("config"), work, args);
    }

    private ClaimState state(long key) throws Exception {
        try (TransactionStore store = TransactionStore.openH2(work, "")) {
            return store.operatorView().claim(key).orElseThrow().state();
        }
    }

    @Test
    void resubmitSendsAgainOrRefusesWithWordsAndExitCodes() throws Exception {
        Cli refused = cli("resubmit", "B-2", "--reason", "fixed", "--operator", "dana");
        assertEquals(1, refused.exit, refused.toString());
        assertTrue(refused.out.contains("claim " + s.rejectedLocally + " B-2: refused: REJECTED_LOCALLY"), refused.out);
        assertTrue(refused.out.endsWith("0 resubmitted, 1 refused\n"), refused.out);

        Cli byState = cli("resubmit", "--state", "REJECTED_BY_GATEWAY", "--payer", "PAYERA", "--reason", "gateway fixed");
        assertEquals(0, byState.exit, byState.toString());
        assertTrue(byState.out.contains("claim " + s.rejectedByGateway + " A-2: resubmitted (was REJECTED_BY_GATEWAY, trace A-2-"),
                byState.out);
        assertEquals(ClaimState.READY, state(s.rejectedByGateway));
        Cli history = cli("claim", "A-2");
        assertTrue(history.out.contains("REJECTED_BY_GATEWAY -> READY  operator "), history.out);
        assertTrue(history.out.contains(": gateway fixed"), history.out);

        Cli byFile = cli("resubmit", "--file", "claims-1.csv", "--reason", "all of it");
        assertEquals(1, byFile.exit, "some refused");
        assertTrue(byFile.out.contains("A-2: refused: READY: already waiting to be sent"), byFile.out);
        assertTrue(byFile.out.contains("A-3: resubmitted (was SENT"), "OVERDUE may go again: " + byFile.out);
        assertFalse(byFile.out.contains(OperatorScenario.MEMBER_ID), byFile.out);

        assertEquals(1, cli("resubmit", "NO-SUCH", "--reason", "x").exit);
        assertEquals(2, cli("resubmit", "A-2").exit, "--reason is required");
        assertEquals(2, cli("resubmit", "A-2", "--reason", " ").exit);
        assertEquals(2, cli("resubmit", "--state", "SENT", "--reason", "x").exit, "--state needs --payer");
        assertEquals(2, cli("resubmit", "A-2", "--key", "1", "--reason", "x").exit);
        assertEquals(0, cli("resubmit", "--help").exit);
    }

    @Test
    void resubmitSaysWhatIsWrongWithItsOptions() {
        Cli two = cli("resubmit", "A-1", "--key", "1", "--reason", "fixed");
        assertEquals(2, two.exit, two.toString());
        assertTrue(two.err.contains("resubmit: name the claims: ID, --key N, --file NAME or --state STATE --payer ID (--help)"),
                two.err);
        Cli practice = cli("resubmit", "--practice", "P1", "--key", "1", "--reason", "fixed");
        assertEquals(2, practice.exit, practice.toString());
        assertTrue(practice.err.contains("resubmit: --practice goes with ID or --file (--help)"), practice.err);
        Cli moment = cli("resubmit", "A-1", "--reason", "fixed", "--as-of", "soon");
        assertEquals(2, moment.exit, moment.toString());
        assertTrue(moment.err.contains("resubmit: --as-of 'soon' is not YYYY-MM-DD[THH:MM[:SS]]"), moment.err);
    }

    @Test
    void reapplyAppliesAResponseFileAgainIdempotently() throws Exception {
        String ta1 = Files.readString(ProjectFiles.path("src/test/resources/golden/read/ta1-accepted.x12"),
                StandardCharsets.US_ASCII).replace("TA1*000000101", String.format(Locale.ROOT, "TA1*%09d", s.secondIsa13))
                .replace("*A*000~", "*R*006~");
        Path file = Files.writeString(files.resolve("ta1-b.x12"), ta1, StandardCharsets.US_ASCII);
        Cli first = cli("reapply", file.toString(), "--payer", "PAYERB", "--operator", "dana");
        assertEquals(0, first.exit, first.toString());
        assertTrue(first.out.contains("applied (not seen before): 1 answer(s), 1 matched, 0 matched nothing; 1 claim(s) changed"),
                first.out);
        assertEquals(ClaimState.REJECTED_BY_GATEWAY, state(s.unacknowledged));
        Cli again = cli("reapply", file.toString(), "--payer", "PAYERB", "--operator", "dana");
        assertEquals(0, again.exit, again.toString());
        assertTrue(again.out.contains("applied again: 1 answer(s), 1 matched, 0 matched nothing; 0 claim(s) changed (it was"
                + " applied before: nothing changed)"), again.out);
        Cli history = cli("claim", "B-1");
        assertEquals(1, history.out.split("SENT -> REJECTED_BY_GATEWAY", -1).length - 1, "once in the history: " + history.out);
        assertTrue(history.out.contains("SENT -> REJECTED_BY_GATEWAY  operator dana  response file"), history.out);

        Path notX12 = Files.writeString(files.resolve("notes.txt"), "hello", StandardCharsets.US_ASCII);
        Cli refused = cli("reapply", notX12.toString(), "--payer", "PAYERB");
        assertEquals(1, refused.exit, refused.toString());
        assertTrue(refused.err.contains("not X12"), refused.err);
        assertEquals(2, cli("reapply", file.toString()).exit, "--payer is required");
        assertEquals(2, cli("reapply", files.resolve("none.x12").toString(), "--payer", "PAYERB").exit);
    }

    @Test
    void purgeKeepsTombstonesAndRemovesLocalCopies() throws Exception {
        Path status = Files.createDirectories(work.resolve("status").resolve("P1"));
        Files.writeString(status.resolve("broken.csv.status.csv"), "x");
        Path archived = Files.createDirectories(work.resolve("responses").resolve("PAYERA"));
        Path old = Files.writeString(archived.resolve(Instant.parse("2026-11-16T09:00:00Z").toEpochMilli() + "-999-payera-1.x12"), "x");
        Path kept = Files.writeString(archived.resolve(Instant.parse("2027-06-01T00:00:00Z").toEpochMilli() + "-later.x12"), "x");

        Cli none = cli("purge", "--older-than", "30", "--as-of", "2026-11-20");
        assertEquals(1, none.exit, "nothing is 30 days old yet: " + none);
        Cli purged = cli("purge", "--older-than", "30", "--as-of", "2027-01-01");
        assertEquals(0, purged.exit, purged.toString());
        assertTrue(purged.out.startsWith("purged 2 claim file(s) and 0 claim(s) final for more than 30 day(s) (tombstones kept);"
                + " 2 local cop(ies) removed"), "the refused and the duplicate file; the others hold unfinished claims: " + purged.out);
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(kept));
        assertFalse(Files.exists(status.resolve("broken.csv.status.csv")));
        Cli status2 = cli("status");
        assertTrue(status2.out.contains("(purged)  REFUSED"), status2.out);
        assertFalse(status2.out.contains("broken.csv"), status2.out);

        assertEquals(2, cli("purge", "--older-than", "0").exit);
        assertEquals(2, cli("purge", "--as-of", "soon").exit);
        assertEquals(0, cli("purge", "--help").exit);
    }
}
