package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.retro278.testing.ProjectFiles;
import org.retro278.build.X12Checks;
import org.retro278.store.ClaimState;
import org.retro278.store.StoredClaim;

/** Two practices drop claim files; every claim ends in the state it must, and the payers get valid 278s. */
class AdapterHappyPathIT extends AdapterIT {

    @Test
    void claimsFromTwoPracticesReachTheirPayersOnce() throws Exception {
        try (AdapterHarness h = harness()) {
            Adapter a = h.start();
            h.drop("riverside", ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv"));
            h.drop("westside", ProjectFiles.path("sample-edi/claims/pm-export-2026-11-15.csv"));
            AdapterHarness.await("both files done", Duration.ofSeconds(30), () -> {
                try {
                    return h.files("riverside", "drop/.done").size() == 1 && h.files("westside", "drop/.done").size() == 1;
                } catch (Exception e) {
                    return false;
                }
            });
            AdapterHarness.await("all ready claims sent", Duration.ofSeconds(30), () -> a.store().claimsOfFile(1).stream()
                    .noneMatch(c -> c.state() == ClaimState.READY) && a.store().claimsOfFile(2).stream()
                    .noneMatch(c -> c.state() == ClaimState.READY));
            List<StoredClaim> all = new ArrayList<>(a.store().claimsOfFile(1));
            all.addAll(a.store().claimsOfFile(2));
            Map<String, ClaimState> states = all.stream().collect(Collectors.toMap(StoredClaim::claimId, StoredClaim::state));
            assertEquals(8, states.size(), states.toString());
            // every claim of PAYERA and PAYERB was sent; the payers' gateways got valid interchanges holding each once
            for (StoredClaim c : all) {
                if ("PAYERA".equals(c.payerId()) || "PAYERB".equals(c.payerId())) {
                    assertEquals(ClaimState.SENT, c.state(), c.claimId());
                }
            }
            List<Path> sent = new ArrayList<>(h.files("payera", "inbound"));
            sent.addAll(h.files("payerb", "inbound"));
            assertTrue(!sent.isEmpty());
            String x12 = "";
            for (Path p : sent) {
                assertTrue(X12Checks.validator().validate(p).clean(), p.toString());
                x12 += Files.readString(p);
            }
            for (StoredClaim c : all) {
                if (c.state() == ClaimState.SENT) {
                    assertEquals(1, x12.split("BHT[*|]0007[*|]13[*|]" + c.claimId() + "-", -1).length - 1, c.claimId());
                }
            }
        }
    }
}
