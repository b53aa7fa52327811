package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.retro278.testing.ProjectFiles;
import org.retro278.sim.PayerSimulator;
import org.retro278.store.ClaimState;
import org.retro278.store.StoreInspection;
import org.retro278.store.StoredClaim;
import org.retro278.submit.FaultInjection;

/**
 * The window the protocol cannot close (docs/reliability.md): the adapter dies after its upload and before
 * its commit, and the payer takes the file away in between. The restart uploads the same interchange
 * again, same name, same ISA13, same bytes; the payer's TA1 rejecting that copy as a duplicate interchange
 * control number (025) leaves the claims SENT, awaiting the answers to the first copy.
 */
class ResidualWindowIT extends AdapterIT {

    @Test
    void aFileThePayerTookBeforeOurCommitIsSentAgainUnchangedAndItsTa1025RejectsNothing() throws Exception {
        try (AdapterHarness h = harness()) {
            Path log = tmp.resolve("crashed-run.log");
            Process p = new ProcessBuilder(h.command("-D" + FaultInjection.PROPERTY + "=" + FaultInjection.Point.AFTER_UPLOAD))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                // PAYERA's claims only: the one payer whose upload the crash interrupts
                String payerA = Files.readAllLines(ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv")).stream()
                        .filter(l -> l.startsWith("claim_id,") || l.contains(",PAYERA,")).collect(Collectors.joining("\n", "", "\n"));
                h.drop("riverside", "riverside-payera.csv", payerA.getBytes(StandardCharsets.UTF_8));
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the adapter did not halt");
            } finally {
                p.destroyForcibly();
            }
            assertEquals(137, p.exitValue());
            Path inbound = SFTP.home("payera").resolve("inbound");
            List<Path> uploaded = Reliability.everyFile(inbound);
            assertEquals(1, uploaded.size(), uploaded.toString());
            Path first = uploaded.get(0);
            byte[] firstBytes = Files.readAllBytes(first);
            // the payer's gateway picks the file up before the adapter comes back
            Files.move(first, tmp.resolve("taken-by-the-payer.x12"));

            Adapter a = h.start();
            AdapterHarness.await("the interchange SENT", Duration.ofSeconds(30), () -> new StoreInspection(a.store()).interchangesSending().isEmpty()
                    && Reliability.allClaims(a.store()).stream().anyMatch(c -> c.state() == ClaimState.SENT));
            assertEquals(List.of(first), Reliability.everyFile(inbound), "uploaded again under the same name");
            assertArrayEquals(firstBytes, Files.readAllBytes(first), "the same interchange, byte for byte");
            List<StoredClaim> sent = Reliability.allClaims(a.store()).stream().filter(c -> c.state() == ClaimState.SENT).toList();
            long isa13 = sent.get(0).isa13();
            assertTrue(sent.stream().allMatch(c -> c.isa13() == isa13 && c.attempt() == 1));
            Reliability.assertEachSentClaimAtItsPayerOnce(SFTP, Reliability.allClaims(a.store()));

            // the payer rejects the second copy: TA1 R, note 025 (duplicate interchange control number)
            ByteArrayOutputStream ta1 = new ByteArrayOutputStream();
            PayerSimulator.writeTa1(PayerSimulator.read(first), 900_000_001L, LocalDateTime.now(h.clock()), ta1);
            String accepted = ta1.toString(StandardCharsets.ISO_8859_1);
            String rejected = accepted.replaceFirst("(TA1\\*\\d{9}\\*\\d{6}\\*\\d{4}\\*)A\\*000", "$1R*025");
            assertNotEquals(accepted, rejected);
            Path outbound = SFTP.home("payera").resolve("outbound");
            Path part = outbound.resolve(".ta1.x12.part");
            Files.writeString(part, rejected, StandardCharsets.ISO_8859_1);
            Files.move(part, outbound.resolve("ta1-duplicate.x12"), StandardCopyOption.ATOMIC_MOVE);
            AdapterHarness.await("the TA1 read", Duration.ofSeconds(30), () -> !Files.exists(outbound.resolve("ta1-duplicate.x12")));
            assertTrue(Files.exists(outbound.resolve(".done/ta1-duplicate.x12")), "read and applied, not refused");

            for (StoredClaim c : Reliability.allClaims(a.store())) {
                if (c.isa13() != null && c.isa13() == isa13) {
                    assertEquals(ClaimState.SENT, c.state(), "a TA1 025 for a copy sent again rejects nothing: " + c);
                }
            }
        }
    }
}
