package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.retro278.testing.ProjectFiles;
import org.retro278.store.ClaimState;
import org.retro278.store.FileOutcome;
import org.retro278.store.ReceivedFile;
import org.retro278.store.StoredClaim;
import org.retro278.store.TransactionStore;

/**
 * What a practice can do wrong with its drop folder: drop the same file again, or the same claims in a file with other
 * bytes, write a file slowly under its final name, drop a file that is not a claim file. No claim is lost, none reaches
 * a payer twice, and the practice gets its file back beside a report when it is not processed. docs/reliability.md.
 */
class IntakeReliabilityIT extends AdapterIT {

    static final Path RIVERSIDE = ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv");

    @Test
    void theSameBytesAgainAreADuplicateUnderAnyNameAndNeverReachThePayerAgain() throws Exception {
        try (AdapterHarness h = harness()) {
            Adapter a = h.start();
            byte[] bytes = Files.readAllBytes(RIVERSIDE);
            h.drop("riverside", "claims-1.csv", bytes);
            awaitFiles(h, "drop/.done", 1);
            awaitNoneReady(a.store());
            int sentFirst = Reliability.assertEachSentClaimAtItsPayerOnce(SFTP, Reliability.allClaims(a.store()));
            assertTrue(sentFirst > 0, "the first copy's claims went out");

            // the same bytes under another name, then under the first copy's name
            h.drop("riverside", "claims-again.csv", bytes);
            awaitFiles(h, "drop/.error", 2);
            h.drop("riverside", "claims-1.csv", bytes);
            awaitFiles(h, "drop/.error", 4);
            Thread.sleep(1500); // several submission ticks: anything that would go out again has gone out

            for (String name : List.of("claims-again.csv", "claims-1.csv")) {
                Path error = SFTP.home("riverside").resolve("drop/.error");
                assertArrayEquals(bytes, Files.readAllBytes(error.resolve(name)), name + " kept unchanged");
                String report = Files.readString(error.resolve(name + ".report.txt"));
                assertTrue(report.contains("DUPLICATE"), report);
                assertTrue(report.contains("'claims-1.csv'"), "the report names the first copy: " + report);
            }
            assertEquals(List.of(SFTP.home("riverside").resolve("drop/.done/claims-1.csv")), h.files("riverside", "drop/.done"));
            assertTrue(h.files("riverside", "drop").isEmpty());

            List<ReceivedFile> files = Reliability.allFiles(a.store());
            assertEquals(3, files.size(), files.toString());
            assertEquals(FileOutcome.PROCESSED, files.get(0).outcome());
            for (ReceivedFile f : files.subList(1, 3)) {
                assertEquals(FileOutcome.DUPLICATE, f.outcome(), f.toString());
                assertEquals(files.get(0).id(), f.duplicateOf(), f.toString());
                assertTrue(a.store().claimsOfFile(f.id()).isEmpty(), "a duplicate's claims are not recorded");
            }
            List<StoredClaim> claims = Reliability.allClaims(a.store());
            assertEquals(Reliability.claimIdsOf(RIVERSIDE), claims.stream().map(StoredClaim::claimId).collect(Collectors.toSet()));
            assertEquals(sentFirst, Reliability.assertEachSentClaimAtItsPayerOnce(SFTP, claims));
        }
    }

    @Test
    void theSameClaimsInAFileThatDiffersByOneByteReachThePayerOnceAndTheirStatusSaysDuplicate() throws Exception {
        // the sample is dated 2026-11-15: the clock is pinned so that its claims are inside the retro windows
        try (AdapterHarness h = harness()) {
            Adapter a = h.start();
            byte[] bytes = Files.readAllBytes(RIVERSIDE);
            h.drop("riverside", RiversideFile.NAME, bytes);
            awaitFiles(h, "drop/.done", 1);
            awaitNoneReady(a.store());
            List<StoredClaim> first = a.store().claimsOfFile(1);
            assertEquals(RiversideFile.ALL_CLAIMS, first.stream().map(StoredClaim::claimId).toList());
            assertEquals(5, Reliability.assertEachSentClaimAtItsPayerOnce(SFTP, first), "every claim of the first file went out");

            // the same claims again, one line break more: other bytes, so not a duplicate file
            byte[] oneMore = Arrays.copyOf(bytes, bytes.length + 1);
            oneMore[bytes.length] = '\n';
            String again = "riverside-2026-11-15-again.csv";
            h.drop("riverside", again, oneMore);
            awaitFiles(h, "drop/.done", 2);
            Path outbox = SFTP.home("riverside").resolve("outbox");
            AdapterHarness.await("the status files of " + again, Duration.ofSeconds(30),
                    () -> Files.exists(outbox.resolve(again + ".status.csv")) && Files.exists(outbox.resolve(again + ".status.jsonl")));
            Thread.sleep(1500); // several submission ticks: anything that would go out again has gone out

            assertTrue(h.files("riverside", "drop/.error").isEmpty(), "the second file is read, not refused: "
                    + h.files("riverside", "drop/.error"));
            ReceivedFile second = Reliability.allFiles(a.store()).get(1);
            assertEquals(FileOutcome.PROCESSED, second.outcome());
            for (StoredClaim c : a.store().claimsOfFile(second.id())) {
                assertEquals(ClaimState.REJECTED_LOCALLY, c.state(), c.claimId());
                assertEquals("DUPLICATE_CLAIM", c.reasons().get(0).code(), c.claimId());
                assertTrue(c.reasons().get(0).words().contains("already sent in '" + RiversideFile.NAME + "'"), c.reasons().get(0).words());
                assertTrue(c.bht03() == null && c.isa13() == null, "never in an interchange: " + c);
            }
            // the payers hold each claim once: the first file's sets and nothing else
            assertEquals(5, Reliability.assertEachSentClaimAtItsPayerOnce(SFTP, a.store().claimsOfFile(1)));

            List<List<String>> csv = RiversideFile.parseCsv(Files.readString(outbox.resolve(again + ".status.csv"), StandardCharsets.UTF_8));
            List<String> header = csv.get(0);
            assertEquals(6, csv.size(), csv.toString());
            for (List<String> row : csv.subList(1, csv.size())) {
                assertEquals("REJECTED_LOCALLY", row.get(header.indexOf("state")), row.toString());
                assertEquals("DUPLICATE_CLAIM", row.get(header.indexOf("codes")), row.toString());
                String reasons = row.get(header.indexOf("reasons"));
                assertTrue(reasons.contains("already sent in '" + RiversideFile.NAME + "' received ") && reasons.contains("now SENT"),
                        reasons);
                assertTrue(row.get(header.indexOf("next_step")).startsWith("Already taken in from an earlier file"), row.toString());
            }
            ObjectMapper json = new ObjectMapper();
            List<String> lines = Files.readAllLines(outbox.resolve(again + ".status.jsonl"), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            assertEquals(5, lines.size());
            for (String l : lines) {
                JsonNode n = json.readTree(l);
                assertEquals("REJECTED_LOCALLY", n.get("state").asText(), l);
                assertEquals("DUPLICATE_CLAIM", n.get("reasons").get(0).get("code").asText(), l);
                assertTrue(n.get("reasons").get(0).get("words").asText().contains("'" + RiversideFile.NAME + "'"), l);
            }
        }
    }

    @Test
    void aFileWrittenSlowlyUnderItsFinalNameIsReadOnlyWhenComplete() throws Exception {
        try (AdapterHarness h = harness()) {
            // polled every second; read once unchanged for 4 s (SFTP reports whole seconds, so 3 to 4 s)
            Path practice = h.config().resolve("practices/RIVERSIDE.yaml");
            Files.writeString(practice, Files.readString(practice).replaceAll("(?m)^quietSeconds: \\d+", "quietSeconds: 4"));
            Adapter a = h.start();
            byte[] bytes = Files.readAllBytes(RIVERSIDE);
            Path target = SFTP.home("riverside").resolve("drop/riverside-slow.csv");
            int chunks = 4;
            try (OutputStream out = Files.newOutputStream(target)) {
                for (int i = 0; i < chunks; i++) {
                    // cut in the middle of rows: a file read early would have a broken last row
                    int from = bytes.length * i / chunks;
                    int to = bytes.length * (i + 1) / chunks;
                    out.write(bytes, from, to - from);
                    out.flush();
                    if (i < chunks - 1) {
                        Thread.sleep(1600); // longer than the poll interval
                        assertTrue(Files.exists(target), "picked up while still being written (chunk " + (i + 1) + ")");
                        assertTrue(a.store().findFile(1).isEmpty(), "read while still being written (chunk " + (i + 1) + ")");
                    }
                }
            }
            awaitFiles(h, "drop/.done", 1);
            awaitNoneReady(a.store());
            assertArrayEquals(bytes, Files.readAllBytes(SFTP.home("riverside").resolve("drop/.done/riverside-slow.csv")));
            assertTrue(h.files("riverside", "drop/.error").isEmpty(), "no error and no report");
            List<ReceivedFile> files = Reliability.allFiles(a.store());
            assertEquals(1, files.size(), files.toString());
            assertEquals(FileOutcome.PROCESSED, files.get(0).outcome());
            assertEquals(bytes.length, files.get(0).size());
            List<StoredClaim> claims = Reliability.allClaims(a.store());
            assertEquals(Reliability.claimIdsOf(RIVERSIDE), claims.stream().map(StoredClaim::claimId).collect(Collectors.toSet()));
            assertTrue(Reliability.assertEachSentClaimAtItsPayerOnce(SFTP, claims) > 0);
        }
    }

    @Test
    void aFileThatIsNotAClaimFileIsReturnedUnchangedBesideAReportAndNothingIsSent() throws Exception {
        try (AdapterHarness h = harness()) {
            Adapter a = h.start();
            // required columns missing: the sample without member_id and claim_id
            List<String> lines = Files.readAllLines(RIVERSIDE);
            List<String> header = List.of(lines.get(0).split(",", -1));
            int[] drop = {header.indexOf("claim_id"), header.indexOf("member_id")};
            StringBuilder noIds = new StringBuilder();
            for (String l : lines) {
                List<String> cells = new ArrayList<>(List.of(l.split(",", -1)));
                cells.remove(drop[1]);
                cells.remove(drop[0]);
                noIds.append(String.join(",", cells)).append("\r\n");
            }
            byte[] missingColumns = noIds.toString().getBytes(StandardCharsets.UTF_8);
            byte[] garbage = new byte[4096];
            new Random(278).nextBytes(garbage);
            h.drop("riverside", "no-ids.csv", missingColumns);
            h.drop("riverside", "garbage.csv", garbage);
            awaitFiles(h, "drop/.error", 4);
            Thread.sleep(1500); // several submission ticks

            Path error = SFTP.home("riverside").resolve("drop/.error");
            assertArrayEquals(missingColumns, Files.readAllBytes(error.resolve("no-ids.csv")));
            assertArrayEquals(garbage, Files.readAllBytes(error.resolve("garbage.csv")));
            String r1 = Files.readString(error.resolve("no-ids.csv.report.txt"));
            assertTrue(r1.contains("REFUSED") && r1.contains("claim_id") && r1.contains("member_id"), r1);
            String r2 = Files.readString(error.resolve("garbage.csv.report.txt"));
            assertTrue(r2.contains("REFUSED"), r2);
            assertTrue(h.files("riverside", "drop").isEmpty());
            assertTrue(h.files("riverside", "drop/.done").isEmpty());

            List<ReceivedFile> files = Reliability.allFiles(a.store());
            assertEquals(2, files.size(), files.toString());
            for (ReceivedFile f : files) {
                assertEquals(FileOutcome.REFUSED, f.outcome(), f.toString());
                assertNotNull(f.refusalReason());
                assertTrue(a.store().claimsOfFile(f.id()).isEmpty());
            }
            for (String account : Reliability.PAYER_ACCOUNTS) {
                assertTrue(Reliability.everyFile(SFTP.home(account).resolve("inbound")).isEmpty(), account + " got something");
            }
            // a copy of the bytes also stays in the local quarantine folder
            try (var s = Files.walk(h.work().resolve("quarantine"))) {
                Set<Integer> sizes = s.filter(Files::isRegularFile).map(p -> (int) p.toFile().length()).collect(Collectors.toSet());
                assertEquals(Set.of(missingColumns.length, garbage.length), sizes);
            }
            assertFalse(a.store().readyQueue("PAYERA").isPresent());
        }
    }

    static void awaitFiles(AdapterHarness h, String folder, int n) throws InterruptedException {
        AdapterHarness.await(n + " file(s) in riverside " + folder, Duration.ofSeconds(30), () -> {
            try {
                return h.files("riverside", folder).size() >= n;
            } catch (IOException e) {
                return false;
            }
        });
    }

    static void awaitNoneReady(TransactionStore store) throws InterruptedException {
        AdapterHarness.await("no claim READY", Duration.ofSeconds(30), () -> {
            List<StoredClaim> all = Reliability.allClaims(store);
            return !all.isEmpty() && all.stream().noneMatch(c -> c.state() == ClaimState.READY || c.state() == ClaimState.RECEIVED);
        });
    }
}
