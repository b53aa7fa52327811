package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.retro278.testing.ProjectFiles;
import org.retro278.sftp.KnownHosts;
import org.retro278.store.ClaimState;
import org.retro278.store.Interchange;
import org.retro278.store.StoreInspection;
import org.retro278.store.StoredClaim;

/**
 * What a partner's SFTP server can do wrong: be down for a while (the adapter retries with back-off and
 * delivers each claim once when it is back), or present a host key other than the pinned one (the adapter
 * does not connect, says why in a PHI-free log line, and moves no file). docs/reliability.md.
 */
class GatewayReliabilityIT extends AdapterIT {

    static final Path RIVERSIDE = ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv");
    static final Path WESTSIDE = ProjectFiles.path("sample-edi/claims/pm-export-2026-11-15.csv");

    @Test
    void claimsWaitingWhileThePayerIsDownReachItOnceWhenItIsBack() throws Exception {
        try (AdapterHarness h = harness()) {
            // ready claims wait 3 s for more before an interchange is made: time to take the server down after intake
            for (String payer : List.of("PAYERA", "PAYERB")) {
                Path p = h.config().resolve("payers/" + payer + ".yaml");
                Files.writeString(p, Files.readString(p).replaceAll("maxWaitSeconds: \\d+", "maxWaitSeconds: 3"));
            }
            Adapter a = h.start();
            h.drop("riverside", RIVERSIDE);
            IntakeReliabilityIT.awaitFiles(h, "drop/.done", 1);
            SFTP.stop();
            try {
                assertTrue(Reliability.allClaims(a.store()).stream().anyMatch(c -> c.state() == ClaimState.READY));
                AdapterHarness.await("every ready claim in an interchange, each failed twice", Duration.ofSeconds(60), () -> {
                    List<Interchange> sending = new StoreInspection(a.store()).interchangesSending();
                    return !sending.isEmpty() && sending.stream().allMatch(i -> i.attempts() >= 2) && Reliability.allClaims(a.store())
                            .stream().noneMatch(c -> c.state() == ClaimState.READY && c.interchangeId() == null);
                });
                for (Interchange i : new StoreInspection(a.store()).interchangesSending()) {
                    assertTrue(i.lastError().startsWith("SFTP server ") && i.lastError().contains(" is unreachable"), i.lastError());
                }
                assertTrue(Reliability.allClaims(a.store()).stream().noneMatch(c -> c.state() == ClaimState.SENT));
            } finally {
                SFTP.start();
            }
            IntakeReliabilityIT.awaitNoneReady(a.store());
            AdapterHarness.await("no interchange SENDING", Duration.ofSeconds(30), () -> new StoreInspection(a.store()).interchangesSending().isEmpty());
            List<StoredClaim> claims = Reliability.allClaims(a.store());
            assertEquals(Reliability.claimIdsOf(RIVERSIDE), claims.stream().map(StoredClaim::claimId).collect(Collectors.toSet()));
            for (StoredClaim c : claims) {
                assertTrue(c.state() == ClaimState.SENT || c.state() == ClaimState.REJECTED_LOCALLY, c.toString());
                if (c.state() == ClaimState.SENT) {
                    assertEquals(1, c.attempt(), "reserved once, numbers kept through the retries: " + c);
                }
            }
            assertEquals(claims.stream().filter(c -> c.state() == ClaimState.SENT).count(),
                    Reliability.assertEachSentClaimAtItsPayerOnce(SFTP, claims));
            assertTrue(claims.stream().anyMatch(c -> c.state() == ClaimState.SENT && c.payerId().equals("PAYERA")));
        }
    }

    @Test
    void aHostKeyOtherThanThePinnedOneIsRefusedWithAPhiFreeMessageAndNoFileMoves() throws Exception {
        try (AdapterHarness h = harness(); Reliability.CapturedLogs logs = new Reliability.CapturedLogs()) {
            // a known_hosts file that pins another key for the server's host and port
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            Path wrong = KnownHosts.write(tmp.resolve("wrong_known_hosts"),
                    List.of(KnownHosts.line(SFTP.host(), SFTP.port(), g.generateKeyPair().getPublic())));
            // riverside and every payer pin the wrong key; westside pins the right one
            for (String f : List.of("practices/RIVERSIDE.yaml", "payers/PAYERA.yaml", "payers/PAYERB.yaml", "payers/PAYERC.yaml")) {
                Path p = h.config().resolve(f);
                String yaml = Files.readString(p);
                assertTrue(yaml.contains("knownHosts: " + SFTP.knownHostsFile()));
                Files.writeString(p, yaml.replace("knownHosts: " + SFTP.knownHostsFile(), "knownHosts: " + wrong));
            }
            Adapter a = h.start();
            byte[] riverside = Files.readAllBytes(RIVERSIDE);
            h.drop("riverside", RIVERSIDE);
            h.drop("westside", WESTSIDE);
            // westside's file is read (right key); its claims cannot go to the payer (wrong key)
            AdapterHarness.await("westside's file read", Duration.ofSeconds(30), () -> {
                try {
                    return h.files("westside", "drop/.done").size() == 1;
                } catch (Exception e) {
                    return false;
                }
            });
            AdapterHarness.await("a failed upload recorded", Duration.ofSeconds(30), () -> new StoreInspection(a.store()).interchangesSending().stream()
                    .anyMatch(i -> i.attempts() >= 1));
            Thread.sleep(2500); // riverside's drop folder has been polled a few times
            List<Interchange> sending = new StoreInspection(a.store()).interchangesSending();
            assertFalse(sending.isEmpty());
            for (Interchange i : sending) {
                assertTrue(i.lastError() != null && i.lastError().startsWith("SFTP host key mismatch"), i.lastError());
            }
            // nothing uploaded (not even a temporary file), nothing downloaded
            for (String account : Reliability.PAYER_ACCOUNTS) {
                assertTrue(Reliability.everyFile(SFTP.home(account).resolve("inbound")).isEmpty(), account);
            }
            assertEquals(List.of(SFTP.home("riverside").resolve("drop/riverside-2026-11-15.csv")), h.files("riverside", "drop"));
            assertArrayEquals(riverside, Files.readAllBytes(SFTP.home("riverside").resolve("drop/riverside-2026-11-15.csv")));
            assertTrue(Reliability.everyFile(h.work().resolve("spool/RIVERSIDE")).isEmpty(), "nothing of riverside downloaded");
            assertTrue(Reliability.allFiles(a.store()).stream().noneMatch(f -> f.practiceId().equals("RIVERSIDE")));
            assertTrue(Reliability.allClaims(a.store()).stream().allMatch(c -> c.state() != ClaimState.SENT));

            List<String> lines = logs.lines();
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARN") && l.contains("could not be uploaded")
                            && l.contains("SFTP host key mismatch") && l.contains("man-in-the-middle")),
                    "a clear message about the payer's host key: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARN org.retro278.sftp.SftpPollFailures - route intake-RIVERSIDE:")
                            && l.contains("SFTP host key mismatch") && l.contains("man-in-the-middle")),
                    "a clear message about the practice's host key: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARN org.retro278.sftp.SftpPollFailures - route responses-PAYERA:")
                            && l.contains("SFTP host key mismatch")),
                    "a clear message when the payer's responses cannot be read: " + lines);
            // said once per cause, not at every poll
            assertEquals(1, lines.stream().filter(l -> l.contains("route intake-RIVERSIDE: the folder cannot be read")).count());
            Set<String> phi = Reliability.phiOf(RIVERSIDE);
            // and westside's (pm-export layout): member ids, names, birth dates
            phi.addAll(List.of("AHP100", "HOLLOWAY", "DESMOND", "SANTOS", "TEODORO", "PARK, JI-WOO", "04/22/1966", "09/03/1980",
                    "02/11/2012", "12/30/1992"));
            logs.assertNoneOf(phi);
        }
    }

    @Test
    void anUnreachablePayerIsSaidOnceInPlainWordsWithoutAStackTraceAtEveryPoll() throws Exception {
        try (AdapterHarness h = harness(); Reliability.CapturedLogs logs = new Reliability.CapturedLogs()) {
            int closed;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort(); // free once closed: nothing listens there
            }
            Path p = h.config().resolve("payers/PAYERB.yaml");
            String yaml = Files.readString(p);
            assertTrue(yaml.contains("port: " + SFTP.port()));
            Files.writeString(p, yaml.replace("port: " + SFTP.port(), "port: " + closed));
            h.start();
            AdapterHarness.await("the responses route of PAYERB to poll a few times", Duration.ofSeconds(30),
                    () -> logs.lines().stream().anyMatch(l -> l.contains("route responses-PAYERB")));
            Thread.sleep(3000); // more polls (every second): nothing more may be said
            List<String> lines = logs.lines();
            List<String> aboutPayerB = lines.stream().filter(l -> l.contains("responses-PAYERB") && l.startsWith("WARN")).toList();
            assertEquals(1, aboutPayerB.size(), lines::toString);
            assertTrue(aboutPayerB.get(0).contains("SFTP server 127.0.0.1:" + closed + " is unreachable (connection refused)"), aboutPayerB::toString);
            assertEquals(List.of(), lines.stream().filter(l -> (l.startsWith("WARN") || l.startsWith("ERROR")) && l.contains(" | ")).toList(),
                    "no warning carries a stack trace");
        }
    }
}
