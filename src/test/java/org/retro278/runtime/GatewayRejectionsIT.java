package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.retro278.runtime.RiversideFile.ALL_CLAIMS;
import static org.retro278.runtime.RiversideFile.all;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.retro278.sim.PayerSimulator.RequestInterchange;
import org.retro278.sim.ReceivedRequest;
import org.retro278.store.ClaimState;
import org.retro278.store.StoredClaim;
import org.retro278.testing.TestClock;

/**
 * Issue 4 end to end: the payers' gateways refuse what was sent. PAYERA's 999 rejects one transaction set
 * (IK5 R with an IK3 and an IK4, AK9 P), PAYERB's TA1 rejects its whole interchange (TA104 R, TA105 006):
 * exactly the matching claims become REJECTED_BY_GATEWAY, and riverside's status files give the codes with
 * their words and what to do.
 */
class GatewayRejectionsIT extends AdapterIT {

    @Test
    void a999RejectedSetAndATa1RejectedInterchangeRejectTheirClaims() throws Exception {
        try (LogCapture logs = new LogCapture();
             AdapterHarness h = harness().clock(TestClock.forSamples())) {
            SentSample s = SentSample.send(SFTP, h, 600, 700, WAIT);
            RiversideFile file = s.file();
            PlayedPayer payerA = s.payerA();
            PlayedPayer payerB = s.payerB();
            RequestInterchange toA = s.toA();
            RequestInterchange toB = s.toB();

            ReceivedRequest clm1002 = toA.requests().stream().filter(r -> r.claimId().equals("CLM1002")).findFirst().orElseThrow();
            payerA.answer("999-partly.x12", payerA.ack999Rejecting(toA, List.of(clm1002.st02())));
            payerB.answer("ta1-rejected.x12", payerB.ta1Rejecting(toB, "006"));
            payerA.awaitMoved(".done", WAIT, "999-partly.x12");
            payerB.awaitMoved(".done", WAIT, "ta1-rejected.x12");

            Map<String, ClaimState> expected = new LinkedHashMap<>();
            expected.put("CLM1001", ClaimState.ACCEPTED);
            expected.put("CLM1002", ClaimState.REJECTED_BY_GATEWAY);
            expected.put("CLM1003", ClaimState.ACCEPTED);
            expected.put("CLM1004", ClaimState.REJECTED_BY_GATEWAY);
            expected.put("CLM1005", ClaimState.REJECTED_BY_GATEWAY);
            file.awaitStates(expected, WAIT);
            Map<String, StoredClaim> claims = file.claims();
            assertEquals(List.of("IK5:R", "IK5:5", "IK3:8", "IK4:6"),
                    claims.get("CLM1002").reasons().stream().map(r -> r.code()).toList());
            assertEquals(List.of("TA1:R", "TA1:006"), claims.get("CLM1004").reasons().stream().map(r -> r.code()).toList());
            assertEquals(List.of(), claims.get("CLM1001").reasons());

            file.awaitStatusStates(expected, WAIT);
            Map<String, Map<String, String>> rows = file.csvRows();
            Map<String, JsonNode> lines = file.jsonRows();
            assertEquals(ALL_CLAIMS, new ArrayList<>(rows.keySet()));
            String gatewayStep = "The payer's gateway rejected the transmission";

            Map<String, String> set = rows.get("CLM1002");
            assertEquals("IK5:R; IK5:5; IK3:8; IK4:6", set.get("codes"));
            assertEquals("rejected; one or more segments in error; NM1 at position 9 in loop 2010: segment has data element errors; "
                    + "NM1 element 9: invalid character in data element", set.get("reasons"));
            assertTrue(set.get("next_step").startsWith(gatewayStep), set.get("next_step"));
            assertEquals(clm1002.traceNumber(), set.get("trace_number"));
            assertEquals(clm1002.st02(), set.get("st02"));
            JsonNode setLine = lines.get("CLM1002");
            assertEquals("REJECTED_BY_GATEWAY", setLine.get("state").asText());
            assertEquals("IK4:6", setLine.get("reasons").get(3).get("code").asText());
            assertEquals("NM1 element 9: invalid character in data element", setLine.get("reasons").get(3).get("words").asText());

            for (String id : List.of("CLM1004", "CLM1005")) {
                Map<String, String> row = rows.get(id);
                assertEquals("TA1:R; TA1:006", row.get("codes"), id);
                assertTrue(row.get("reasons").contains("invalid interchange sender ID (ISA06)"), row.get("reasons"));
                assertTrue(row.get("next_step").startsWith(gatewayStep), id);
                assertEquals(toB.isa13(), row.get("isa13"), id);
                JsonNode line = lines.get(id);
                assertEquals("TA1:006", line.get("reasons").get(1).get("code").asText(), id);
                assertTrue(line.get("reasons").get(1).get("words").asText().contains("invalid interchange sender ID"), id);
            }
            for (String id : List.of("CLM1001", "CLM1003")) {
                assertEquals("", rows.get(id).get("codes"), id);
                assertTrue(rows.get(id).get("next_step").startsWith("Accepted by the payer's gateway"), id);
            }
            file.assertStatusFilesShowNoPhi();
            assertEquals(List.of(), PlayedPayer.visible(payerA.outbound().resolve(".error")));
            assertEquals(List.of(), PlayedPayer.visible(payerB.outbound().resolve(".error")));
            logs.assertNoneShows(RiversideFile.phi());
        }
    }
}
