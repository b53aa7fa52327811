package org.retro278.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.ProjectFiles;
import org.retro278.store.OperatorScenario;
import org.retro278.store.OperatorView.ClaimCount;
import org.retro278.store.OperatorView.StatusFilter;
import org.retro278.store.TransactionStore;
import org.retro278.testing.TestClock;

/**
 * {@code status} and {@code claim} on an installation's embedded store: what they print (text and JSON), their
 * exit codes, that no name or member id shows without {@code --show-phi}, and that they read a store another
 * process holds, as while {@code run} is running.
 */
class OperatorCommandsTest {

    @TempDir
    Path work;
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

    private static void assertNoPhi(String text) {
        assertFalse(text.contains(OperatorScenario.MEMBER_ID), text);
        assertFalse(text.contains(OperatorScenario.SUBSCRIBER_LAST_NAME), text);
        assertFalse(text.contains("Robin"), text);
        assertFalse(text.contains("1981-02-28"), text);
    }

    @Test
    void statusShowsCountsAndWhatNeedsALook() {
        Cli r = cli("status");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.startsWith("Claims: 5\n  REJECTED_LOCALLY            1\n  SENT                        2\n"), "states in"
                + " the order of a claim's life: " + r.out);
        assertTrue(r.out.contains("  REJECTED_BY_GATEWAY         1"), r.out);
        assertTrue(r.out.contains("  PAYERA           SENT 1, REJECTED_BY_GATEWAY 1, ACCEPTED 1"), r.out);
        assertTrue(r.out.contains("  P2               REJECTED_LOCALLY 1, SENT 1"), r.out);
        assertTrue(r.out.contains("Overdue claims: 1\n  claim " + s.overdue + "  P1 A-3  PAYERA  SENT OVERDUE  ISA13"), r.out);
        assertTrue(r.out.contains("Errors and rejections: 2\n  claim " + s.rejectedLocally + "  P2 B-2  PAYERB  REJECTED_LOCALLY  "
                + OperatorScenario.LOCAL_REASON), r.out);
        assertTrue(r.out.contains("REJECTED_BY_GATEWAY  " + OperatorScenario.GATEWAY_REASON), r.out);
        assertTrue(r.out.contains("Files in .error: 2\n  file " + s.duplicateFile + "  P1  claims-1-again.csv  DUPLICATE of file "
                + s.firstFile), r.out);
        assertTrue(r.out.contains("  file " + s.refusedFile + "  P1  broken.csv  REFUSED"), r.out);
        assertTrue(r.out.contains(String.format("Interchanges not acknowledged: 2\n  ISA13 %09d  PAYERA  SENT", s.firstIsa13)), r.out);
        assertTrue(r.out.contains("1 of 3 claim(s) awaiting"), r.out);
        assertNoPhi(r.out);
        assertFalse(r.out.contains("out of the window"), "no reason words: " + r.out);
    }

    @Test
    void statusFiltersPagesAndSaysWhenNothingMatched() throws Exception {
        Cli p2 = cli("status", "--practice", "P2", "--limit", "1");
        assertEquals(0, p2.exit, p2.toString());
        assertTrue(p2.out.startsWith("Claims: 2\n"), p2.out);
        assertTrue(p2.out.contains("Files in .error: 0"), p2.out);
        Cli cut = cli("status", "--limit", "1");
        assertTrue(cut.out.contains("  ... 1 more (--limit"), cut.out);

        Cli none = cli("status", "--payer", "NOBODY");
        assertEquals(1, none.exit, none.toString());
        assertTrue(none.out.startsWith("Claims: 0\n"), none.out);
        assertEquals(1, cli("status", "--since", "2026-11-18").exit);
        assertEquals(0, cli("status", "--since", "2026-11-15").exit);

        Cli json = cli("status", "--json");
        assertEquals(0, json.exit, json.toString());
        JsonNode root = new ObjectMapper().readTree(json.out);
        assertEquals(5, root.get("claims").asLong());
        assertEquals(2, root.get("byState").get("SENT").asLong());
        assertEquals(1, root.get("byPayer").get("PAYERB").get("REJECTED_LOCALLY").asLong());
        assertEquals(s.overdue, root.get("overdue").get("rows").get(0).get("key").asLong());
        assertEquals(OperatorScenario.GATEWAY_REASON,
                root.get("errorsAndRejections").get("rows").get(1).get("reasonCodes").get(0).asText());
        assertEquals(2, root.get("errorFiles").get("total").asLong());
        assertEquals(s.secondIsa13, root.get("unacknowledgedInterchanges").get("rows").get(1).get("isa13").asLong());
        assertNoPhi(json.out);
    }

    @Test
    void statusAndClaimRefuseBadUsageAndAMissingStore() {
        assertEquals(2, cli("status", "--since", "yesterday").exit);
        assertEquals(2, cli("status", "--limit", "0").exit);
        assertEquals(2, cli("claim").exit, "no claim named");
        assertEquals(2, cli("claim", "A-1", "--trace", "X").exit, "two selectors");
        assertEquals(2, cli("claim", "--st02", "1", "--key", "1").exit, "--st02 without --isa13");
        Cli practice = cli("claim", "--practice", "P1", "--key", "1");
        assertEquals(2, practice.exit, practice.toString());
        assertTrue(practice.err.contains("claim: --practice goes with ID or --file (--help)"), practice.err);
        Cli missing = Cli.run("status", "--config", ProjectFiles.path("config").toString(), "--work", work.resolve("none").toString());
        assertEquals(2, missing.exit, missing.toString());
        assertTrue(missing.err.contains("no store at "), missing.err);
        assertEquals(0, cli("status", "--help").exit);
        assertEquals(0, cli("claim", "--help").exit);
        Cli noCommand = Cli.run();
        assertTrue(noCommand.err.contains("status, claim"), noCommand.err);
    }

    @Test
    void claimShowsTheWholeHistoryWithCauses() {
        Cli r = cli("claim", "A-2");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.startsWith("claim " + s.rejectedByGateway + ": A-2 of practice P1, file " + s.firstFile + " claims-1.csv\n"),
                r.out);
        assertTrue(r.out.contains("  state            REJECTED_BY_GATEWAY\n"), r.out);
        assertTrue(r.out.contains("  reasons          " + OperatorScenario.GATEWAY_REASON + "\n"), r.out);
        assertTrue(r.out.contains("(new) -> RECEIVED  intake  file " + s.firstFile + " claims-1.csv"), r.out);
        assertTrue(r.out.contains("RECEIVED -> READY  intake  file " + s.firstFile + " claims-1.csv  passed the input rules"), r.out);
        // the reservation has no row of its own (the interchange records it for all its claims); SENT names the interchange
        assertTrue(r.out.contains(String.format("READY -> SENT  submission  interchange ISA13 %09d retro278-test-%09d.x12  sent",
                s.firstIsa13, s.firstIsa13)), r.out);
        assertTrue(r.out.contains("SENT -> REJECTED_BY_GATEWAY  response intake  response file " + s.responseFile
                + " 999-payera-1.x12  999 rejected set ST02"), r.out);
        assertTrue(r.out.contains("2026-11-16T09:02:00Z  SENT -> REJECTED_BY_GATEWAY"), "times on the store's clock: " + r.out);

        String trace = cliJson("claim", "--key", String.valueOf(s.rejectedByGateway), "--json").get("claims").get(0).get("traceNumber").asText();
        assertEquals(r.out, cli("claim", "--trace", trace).out);
        assertEquals(r.out, cli("claim", "A-2", "--practice", "P1").out);
        Cli byIsa = cli("claim", "--isa13", String.valueOf(s.firstIsa13));
        assertEquals(3, byIsa.out.split("\n  history:", -1).length - 1, byIsa.out);
        Cli byFile = cli("claim", "--file", "claims-2.csv", "--limit", "1");
        assertTrue(byFile.out.contains("--after " + s.unacknowledged + " shows the next"), byFile.out);
        assertTrue(cli("claim", "--file", "claims-2.csv", "--after", String.valueOf(s.unacknowledged)).out
                .startsWith("claim " + s.rejectedLocally + ": B-2"));
        assertEquals(1, cli("claim", "NO-SUCH-CLAIM").exit);
        assertEquals(1, cli("claim", "A-2", "--practice", "P2").exit);
    }

    @Test
    void claimPrintsNoNameOrMemberIdUnlessAsked() throws Exception {
        for (String key : new String[] {"A-2", "B-2"}) {
            Cli hidden = cli("claim", key);
            assertEquals(0, hidden.exit, hidden.toString());
            assertNoPhi(hidden.out + hidden.err);
            assertFalse(hidden.out.contains("out of the window"), "the reasons' words may quote PHI: " + hidden.out);
            assertTrue(hidden.out.contains("PHI              hidden"), hidden.out);
            Cli json = cli("claim", key, "--json");
            assertNoPhi(json.out + json.err);
            assertFalse(json.out.contains("out of the window"), json.out);
        }
        Cli shown = cli("claim", "B-2", "--show-phi");
        assertTrue(shown.out.contains("  member id        " + OperatorScenario.MEMBER_ID + "\n"), shown.out);
        assertTrue(shown.out.contains("  subscriber       Fictional, Robin, born 1981-02-28\n"), shown.out);
        assertTrue(shown.out.contains("  patient          Fictional, Sam, born 2015-12-31\n"), shown.out);
        assertTrue(shown.out.contains(OperatorScenario.LOCAL_REASON + " (service_date): " + OperatorScenario.REASON_WORDS), shown.out);
        JsonNode phi = cliJson("claim", "B-2", "--show-phi", "--json").get("claims").get(0).get("phi");
        assertEquals(OperatorScenario.MEMBER_ID, phi.get("memberId").asText());
    }

    @Test
    void statusAndClaimReadAStoreAnotherProcessHolds() throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreHolder.class.getName(), work.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader from = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
             Writer to = new OutputStreamWriter(holder.getOutputStream(), StandardCharsets.UTF_8)) {
            assertEquals("open", from.readLine(), "the other process opened the store");
            Cli before = cli("status");
            assertEquals(0, before.exit, before.toString());
            assertTrue(before.out.contains("Files in .error: 2\n"), before.out);
            to.write("refuse held.csv\n");
            to.flush();
            assertEquals("ok", from.readLine());
            Cli after = cli("status");
            assertEquals(0, after.exit, after.toString());
            assertTrue(after.out.contains("Files in .error: 3\n"), "sees what the other process wrote: " + after.out);
            assertTrue(after.out.contains("held.csv  REFUSED"), after.out);
            assertEquals(0, cli("claim", "A-1").exit);
            // and with a store open in this process too: two instances at once
            try (TransactionStore mine = TransactionStore.openH2(work, "")) {
                assertEquals(5, mine.operatorView().status(StatusFilter.ALL, 1).counts().stream()
                        .mapToLong(ClaimCount::count).sum());
                assertEquals(0, cli("status").exit);
            }
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        assertEquals(0, holder.exitValue());
    }

    private JsonNode cliJson(String... args) {
        Cli r = cli(args);
        assertEquals(0, r.exit, r.toString());
        try {
            return new ObjectMapper().readTree(r.out);
        } catch (Exception e) {
            throw new AssertionError(r.out, e);
        }
    }
}
