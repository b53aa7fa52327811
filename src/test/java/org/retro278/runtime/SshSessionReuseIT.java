package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.retro278.store.ClaimState;
import org.retro278.store.StoredClaim;
import org.retro278.testing.ProjectFiles;

/**
 * The adapter keeps one SSH session per endpoint from poll to poll and upload to upload instead of a
 * handshake each time, and when a session is dropped (the server closes it, or restarts) the next poll or
 * upload connects again, host key checked, and delivery goes on (sftp/SftpParameters, docs/sftp.md).
 */
class SshSessionReuseIT extends AdapterIT {

    private static final Path RIVERSIDE = ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv");
    private static final Path WESTSIDE = ProjectFiles.path("sample-edi/claims/pm-export-2026-11-15.csv");

    /**
     * The endpoints that may hold a session: per practice its drop folder, its error folder and its outbox;
     * per payer its inbound folder, its outbound folder and the error folder below it.
     */
    private static final int ENDPOINTS = 2 * 3 + 3 * 3;

    /** Routes that poll every second in the harness: two drop folders and three payers' outbound folders. */
    private static final int POLLING_ROUTES = 5;

    @Test
    void pollsAndUploadsShareTheirSessionsAndADroppedSessionIsOpenedAgain() throws Exception {
        try (AdapterHarness h = harness()) {
            Adapter a = h.start();
            long before = SFTP.server().sessionsOpened();
            long t0 = System.nanoTime();
            h.drop("riverside", RIVERSIDE);
            awaitDelivered(h, a, "riverside", 1);
            // every polling route has looked at its folder at least ten times
            long wait = 10_000 - (System.nanoTime() - t0) / 1_000_000;
            if (wait > 0) {
                Thread.sleep(wait);
            }
            long opened = SFTP.server().sessionsOpened() - before;
            System.out.println("SSH sessions opened in the first 10 s: " + opened);
            assertTrue(opened <= ENDPOINTS, opened + " sessions for at least " + 10 * POLLING_ROUTES
                    + " polls and the uploads: at most one per endpoint");

            // the server drops every session: the next polls and uploads connect again and deliver
            assertTrue(SFTP.server().closeSessions() > 0, "sessions were kept open");
            h.drop("westside", WESTSIDE);
            awaitDelivered(h, a, "westside", 1);

            // the server restarts: the same again
            SFTP.server().stop();
            SFTP.server().start();
            h.drop("riverside", "riverside-again.csv", Files.readString(RIVERSIDE).replace("CLM1", "CLM7")
                    .getBytes(StandardCharsets.UTF_8));
            awaitDelivered(h, a, "riverside", 2);
            List<StoredClaim> claims = Reliability.allClaims(a.store());
            assertEquals(claims.stream().filter(c -> c.state() == ClaimState.SENT).count(),
                    Reliability.assertEachSentClaimAtItsPayerOnce(SFTP, claims), "each sent claim at its payer once");
        }
    }

    /** The practice's {@code files}-th file read, its claims at their payers, and its status files in its outbox. */
    private static void awaitDelivered(AdapterHarness h, Adapter a, String practice, int files) throws InterruptedException {
        AdapterHarness.await(practice + "'s file read, sent and its status uploaded", WAIT, () -> {
            try {
                return h.files(practice, "drop/.done").size() == files
                        && Reliability.allClaims(a.store()).stream().noneMatch(c -> c.state() == ClaimState.READY)
                        && a.store().filesWithNewStatus(practice.toUpperCase(Locale.ROOT)).isEmpty()
                        && h.files(practice, "outbox").stream().filter(p -> p.toString().endsWith(".status.jsonl")).count() == files;
            } catch (Exception e) {
                return false;
            }
        });
    }
}
