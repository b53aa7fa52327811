package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.retro278.testing.ProjectFiles;
import org.retro278.config.RuntimeSettings;
import org.retro278.intake.ClaimIntake;
import org.retro278.store.ClaimState;
import org.retro278.store.FileOutcome;
import org.retro278.store.Interchange;
import org.retro278.store.InterchangeState;
import org.retro278.store.StoreInspection;
import org.retro278.store.StoredClaim;
import org.retro278.store.TransactionStore;
import org.retro278.submit.FaultInjection;
import org.retro278.submit.InterchangeFileName;

/**
 * The adapter dies (like SIGKILL) at each point of a submission, as a separate JVM, and is started again on
 * the same work directory and store: every claim that was READY reaches its payer exactly once, the store
 * says SENT, the gateway holds valid interchanges and no temporary file, and no local copy is left behind.
 * docs/reliability.md.
 */
class CrashRecoveryIT extends AdapterIT {

    static final Path RIVERSIDE = ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv");

    @ParameterizedTest
    // the real-time points are RealTimeCrashIT's: the batch payers never pass them
    @EnumSource(value = FaultInjection.Point.class, names = {"BEFORE_CORE_CALL", "AFTER_CORE_ANSWER"}, mode = EnumSource.Mode.EXCLUDE)
    void everyReadyClaimReachesItsPayerOnceAfterACrashAt(FaultInjection.Point point) throws Exception {
        try (AdapterHarness h = harness()) {
            Path log = tmp.resolve("crashed-run.log");
            // AFTER_CHUNK: the intake's first chunk of 2 claims is released, the file not fully read
            Process p = new ProcessBuilder(h.command("-D" + FaultInjection.PROPERTY + "=" + point,
                    "-D" + ClaimIntake.CHUNK_PROPERTY + "=" + (point == FaultInjection.Point.AFTER_CHUNK ? 2 : 5000)))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                h.drop("riverside", RIVERSIDE);
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the adapter did not halt at " + point);
            } finally {
                p.destroyForcibly();
            }
            assertEquals(137, p.exitValue(), "exit status; its output:\n" + tail(log));
            assertTrue(Files.readString(log).contains("fault injection: halting at " + point), tail(log));

            // each payer's route passes AFTER_RESERVE and AFTER_BUILD before its upload; the first to reach the point halts
            List<Path> before = atPayers();
            switch (point) {
                case AFTER_RESERVE, AFTER_BUILD -> assertTrue(before.isEmpty(), "nothing uploaded yet: " + before);
                case AFTER_UPLOAD, AFTER_COMMIT -> assertTrue(!before.isEmpty(), "a file is at the gateway");
                case AFTER_CHUNK -> assertFirstChunkReleasedOnly(h.work());
            }

            // what the crashed run committed before it died must still be in the store after the restart
            String crashed = Files.readString(log);
            Map<Long, String> reserved = new LinkedHashMap<>();
            Matcher m = Pattern.compile("interchange ISA13 (\\d+) reserved for payer (\\w+)").matcher(crashed);
            while (m.find()) {
                reserved.put(Long.parseLong(m.group(1)), m.group(2));
            }
            Set<Long> sentBefore = new HashSet<>();
            m = Pattern.compile("interchange ISA13 (\\d+) sent to payer").matcher(crashed);
            while (m.find()) {
                sentBefore.add(Long.parseLong(m.group(1)));
            }
            assertTrue(point == FaultInjection.Point.AFTER_CHUNK || !reserved.isEmpty(), "the crashed run reserved an interchange");
            assertEquals(point == FaultInjection.Point.AFTER_COMMIT, !sentBefore.isEmpty(), "recorded SENT before the crash");
            Instant restart = h.clock().instant();

            Adapter a = h.start();
            int claimsInFile = Reliability.claimIdsOf(RIVERSIDE).size();
            AdapterHarness.await("every claim recorded, out of READY, and no interchange SENDING", Duration.ofSeconds(30), () -> {
                List<StoredClaim> all = Reliability.allClaims(a.store());
                // after AFTER_CHUNK the file is read again (resumed) at the next poll
                return all.size() == claimsInFile && all.stream().noneMatch(c -> c.state() == ClaimState.READY || c.state() == ClaimState.RECEIVED)
                        && new StoreInspection(a.store()).interchangesSending().isEmpty();
            });
            Thread.sleep(1000); // a few more submission ticks: nothing more may go out

            List<StoredClaim> claims = Reliability.allClaims(a.store());
            assertEquals(Reliability.claimIdsOf(RIVERSIDE), claims.stream().map(StoredClaim::claimId).collect(Collectors.toSet()));
            for (StoredClaim c : claims) {
                assertTrue(c.state() == ClaimState.SENT || c.state() == ClaimState.REJECTED_LOCALLY, c.toString());
                if (c.state() == ClaimState.SENT) {
                    assertEquals(1, c.attempt(), "reserved once, never released and reserved again: " + c);
                    Interchange i = a.store().findInterchange(c.interchangeId()).orElseThrow();
                    assertEquals(InterchangeState.SENT, i.state());
                    assertEquals(new InterchangeFileName(RuntimeSettings.defaults().interchangeFileName()).of(i.payerId(), i.isa13()),
                            i.fileName());
                }
            }
            for (var r : reserved.entrySet()) {
                Interchange i = new StoreInspection(a.store()).findInterchangeByIsa13(r.getKey()).orElseThrow();
                assertEquals(r.getValue(), i.payerId());
                assertTrue(i.createdAt().isBefore(restart), "the reservation of ISA13 " + r.getKey()
                        + " committed before the crash was lost and made again after the restart");
                if (sentBefore.contains(r.getKey())) {
                    assertTrue(i.sentAt().isBefore(restart), "SENT of ISA13 " + r.getKey() + " committed before the crash was lost");
                }
            }
            long sent = claims.stream().filter(c -> c.state() == ClaimState.SENT).count();
            assertTrue(sent > 0);
            assertEquals(sent, Reliability.assertEachSentClaimAtItsPayerOnce(SFTP, claims));
            // the interchange that was under way kept its name and bytes: what was at the gateway is still there
            List<Path> after = atPayers();
            assertTrue(after.containsAll(before), before + " vs " + after);
            // the local copies (PHI) of delivered interchanges are gone, and no temporary file is left
            for (String payer : List.of("PAYERA", "PAYERB", "PAYERC")) {
                assertEquals(List.of(), Reliability.everyFile(h.work().resolve("outbox").resolve(payer)),
                        "files left in the local outbox of " + payer);
            }
        }
    }

    /** After a halt at the intake's first chunk: the file is still being read, its first two claims left RECEIVED. */
    private static void assertFirstChunkReleasedOnly(Path work) {
        try (TransactionStore store = TransactionStore.openH2(work, "")) {
            List<StoredClaim> claims = Reliability.allClaims(store);
            assertEquals(2, claims.size(), "the first chunk only: " + claims);
            assertTrue(claims.stream().noneMatch(c -> c.state() == ClaimState.RECEIVED), "released: " + claims);
            assertTrue(claims.stream().anyMatch(c -> c.state() == ClaimState.READY || c.state() == ClaimState.SENT), claims.toString());
            assertEquals(FileOutcome.RECEIVED, store.findFile(claims.get(0).fileId()).orElseThrow().outcome(), "not fully recorded");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The complete interchanges at the payers' gateways. A {@code .<name>.part} that another payer's route was
     * still uploading when the process was killed is not one: the restart uploads that interchange again
     * and renames it, so it is left out of the "still there" comparison.
     */
    private static List<Path> atPayers() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String account : Reliability.PAYER_ACCOUNTS) {
            for (Path f : Reliability.everyFile(SFTP.home(account).resolve("inbound"))) {
                if (!f.getFileName().toString().startsWith(".")) {
                    all.add(f);
                }
            }
        }
        return all;
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
