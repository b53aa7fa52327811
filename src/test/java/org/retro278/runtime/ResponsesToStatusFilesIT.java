package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.retro278.runtime.RiversideFile.ALL_CLAIMS;
import static org.retro278.runtime.RiversideFile.PAYERA_CLAIMS;
import static org.retro278.runtime.RiversideFile.PAYERB_CLAIMS;
import static org.retro278.runtime.RiversideFile.all;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.retro278.io.PartnerFileName;
import org.retro278.sim.PayerSimulator.Decision;
import org.retro278.sim.PayerSimulator.RequestInterchange;
import org.retro278.sim.ReceivedRequest;
import org.retro278.store.ClaimEvent;
import org.retro278.store.ClaimState;
import org.retro278.store.StoreInspection;
import org.retro278.store.StoredClaim;
import org.retro278.testing.TestClock;

/**
 * Issue 4 end to end on the test SFTP server: riverside drops its claim file, the adapter sends the 278s,
 * the test plays both payers (TA1, 999 and 278 responses in their outbound folders), and the answers come
 * back to riverside as {@code riverside-2026-11-15.csv.status.csv} and {@code .status.jsonl}.
 */
class ResponsesToStatusFilesIT extends AdapterIT {

    private SentSample sendTheSample(AdapterHarness h) throws Exception {
        SentSample s = SentSample.send(SFTP, h, 500, 800, WAIT);
        assertEquals(PAYERA_CLAIMS, s.toA().requests().stream().map(ReceivedRequest::claimId).toList());
        assertEquals(PAYERB_CLAIMS, s.toB().requests().stream().map(ReceivedRequest::claimId).toList());
        return s;
    }

    private static ReceivedRequest request(RequestInterchange req, String claimId) {
        return req.requests().stream().filter(r -> r.claimId().equals(claimId)).findFirst().orElseThrow();
    }

    @Test
    void certifiedDeniedAndPendedThenFinalAnswersReachTheStatusFiles() throws Exception {
        try (LogCapture logs = new LogCapture();
             AdapterHarness h = harness().clock(TestClock.forSamples())) {
            SentSample s = sendTheSample(h);
            RiversideFile file = s.file();

            // the gateways acknowledge: PAYERA a TA1 (it asks for one) and a 999, PAYERB a 999
            s.payerA().answer("ta1-1.x12", s.payerA().ta1Accepted(s.toA()));
            s.payerA().answer("999-1.x12", s.payerA().ack999AllAccepted(s.toA()));
            s.payerB().answer("999-1.x12", s.payerB().ack999AllAccepted(s.toB()));
            s.payerA().awaitMoved(".done", WAIT, "ta1-1.x12", "999-1.x12");
            s.payerB().awaitMoved(".done", WAIT, "999-1.x12");
            file.awaitStates(all(ALL_CLAIMS, ClaimState.ACCEPTED), WAIT);

            // PAYERA decides: CLM1001 certified, CLM1002 denied, CLM1003 pended (BHT06 19)
            Map<String, Decision> decisions = new LinkedHashMap<>();
            decisions.put("CLM1001", Decision.CERTIFIED);
            decisions.put("CLM1002", Decision.DENIED);
            decisions.put("CLM1003", Decision.PENDED);
            byte[] first = s.payerA().responses(s.toA(), decisions, false);
            assertTrue(new String(first).contains("BHT*0007*11*" + request(s.toA(), "CLM1003").bht03() + "*20261116*1200*19~"),
                    "the pended response says more is to follow (BHT06 19)");
            s.payerA().answer("278-1.x12", first);
            s.payerA().awaitMoved(".done", WAIT, "278-1.x12");
            file.awaitStates(Map.of("CLM1001", ClaimState.CERTIFIED, "CLM1002", ClaimState.DENIED, "CLM1003", ClaimState.PENDED), WAIT);
            StoredClaim pended = file.claim("CLM1003");
            assertEquals("A4", pended.decisionCode());
            assertEquals("CASE" + request(s.toA(), "CLM1003").st02(), pended.adminReference());
            assertNull(pended.authorizationNumber());
            file.awaitStatusStates(Map.of("CLM1003", ClaimState.PENDED), WAIT);
            Map<String, String> pendedRow = file.csvRows().get("CLM1003");
            assertTrue(pendedRow.get("codes").contains("HCR01:A4") && pendedRow.get("codes").contains("HCR03:0U"), pendedRow.toString());
            assertEquals(pended.adminReference(), pendedRow.get("admin_reference"), "the reference the next step tells to quote");
            assertTrue(pendedRow.get("codes").contains("PWK:OB"), "the documents the payer asks for: " + pendedRow);
            assertTrue(pendedRow.get("next_step").contains("documents listed in the reasons"), pendedRow.toString());
            assertTrue(pendedRow.get("next_step").startsWith("Pended by the payer"), pendedRow.toString());

            // later, the final answer for the pended claim: certified
            byte[] last = s.payerA().responses(s.toA(), Map.of("CLM1003", Decision.PENDED), true);
            s.payerA().answer("278-2.x12", last);
            s.payerA().awaitMoved(".done", WAIT, "278-2.x12");
            file.awaitStates(Map.of("CLM1003", ClaimState.CERTIFIED), WAIT);

            // the store
            Map<String, StoredClaim> claims = file.claims();
            String auth1001 = PlayedPayer.authorizationIn(first, request(s.toA(), "CLM1001").traceNumber());
            String auth1003 = PlayedPayer.authorizationIn(last, request(s.toA(), "CLM1003").traceNumber());
            assertEquals(ClaimState.CERTIFIED, claims.get("CLM1001").state());
            assertEquals(auth1001, claims.get("CLM1001").authorizationNumber());
            assertEquals("A1", claims.get("CLM1001").decisionCode());
            assertEquals(ClaimState.DENIED, claims.get("CLM1002").state());
            assertEquals("A3", claims.get("CLM1002").decisionCode());
            assertNull(claims.get("CLM1002").authorizationNumber());
            assertTrue(claims.get("CLM1002").reasons().stream().anyMatch(r -> r.code().equals("HCR03:0P")), claims.get("CLM1002").reasons()::toString);
            assertEquals(ClaimState.CERTIFIED, claims.get("CLM1003").state());
            assertEquals(auth1003, claims.get("CLM1003").authorizationNumber());
            assertEquals("A1", claims.get("CLM1003").decisionCode());
            for (String id : PAYERB_CLAIMS) {
                assertEquals(ClaimState.ACCEPTED, claims.get(id).state(), id);
            }
            assertEquals(List.of(ClaimState.SENT, ClaimState.ACCEPTED, ClaimState.PENDED, ClaimState.CERTIFIED),
                    new StoreInspection(s.adapter().store()).history(claims.get("CLM1003").key()).stream().map(ClaimEvent::toState)
                            .dropWhile(st -> st != ClaimState.SENT).distinct().toList(), "CLM1003's way");

            // the status files
            Map<String, ClaimState> expected = new LinkedHashMap<>();
            expected.put("CLM1001", ClaimState.CERTIFIED);
            expected.put("CLM1002", ClaimState.DENIED);
            expected.put("CLM1003", ClaimState.CERTIFIED);
            expected.put("CLM1004", ClaimState.ACCEPTED);
            expected.put("CLM1005", ClaimState.ACCEPTED);
            file.awaitStatusStates(expected, WAIT);
            Map<String, Map<String, String>> rows = file.csvRows();
            Map<String, JsonNode> lines = file.jsonRows();
            assertEquals(ALL_CLAIMS, new ArrayList<>(rows.keySet()));
            assertEquals(ALL_CLAIMS, new ArrayList<>(lines.keySet()));
            for (String id : ALL_CLAIMS) {
                StoredClaim c = claims.get(id);
                RequestInterchange req = PAYERA_CLAIMS.contains(id) ? s.toA() : s.toB();
                ReceivedRequest r = request(req, id);
                Map<String, String> row = rows.get(id);
                JsonNode line = lines.get(id);
                assertEquals(expected.get(id).name(), row.get("state"), id);
                assertEquals("false", row.get("overdue"), id);
                assertEquals(r.traceNumber(), row.get("trace_number"), id);
                assertEquals(r.traceNumber(), line.get("trace_number").asText(), id);
                assertEquals(r.bht03(), row.get("bht03"), id);
                assertEquals(r.bht03(), line.get("bht03").asText(), id);
                assertEquals(req.isa13(), row.get("isa13"), id);
                assertEquals(Long.parseLong(req.isa13()), line.get("isa13").asLong(), id);
                assertEquals(req.gs06(), row.get("gs06"), id);
                assertEquals(Long.parseLong(req.gs06()), line.get("gs06").asLong(), id);
                assertEquals(r.st02(), row.get("st02"), id);
                assertEquals(Long.parseLong(r.st02()), line.get("st02").asLong(), id);
                assertEquals(c.payerId(), row.get("payer_id"), id);
                assertEquals(row.get("next_step"), line.get("next_step").asText(), id);
                assertFalse(row.get("next_step").isBlank(), id);
            }
            // certified: the authorization number, and what to do with it
            for (String[] x : new String[][] {{"CLM1001", auth1001}, {"CLM1003", auth1003}}) {
                Map<String, String> row = rows.get(x[0]);
                assertEquals(x[1], row.get("authorization_number"), x[0]);
                assertEquals(x[1], lines.get(x[0]).get("authorization_number").asText(), x[0]);
                assertEquals("Approved. Put authorization number " + x[1] + " on the claim.", row.get("next_step"), x[0]);
            }
            // denied: the reason code with its words, and what to do
            Map<String, String> denied = rows.get("CLM1002");
            assertEquals("", denied.get("authorization_number"));
            assertTrue(lines.get("CLM1002").get("authorization_number").isNull());
            assertEquals("HCR01:A3; HCR03:0P", denied.get("codes"));
            assertTrue(denied.get("reasons").startsWith("patient event: ") && denied.get("reasons").contains("0P"), denied.get("reasons"));
            JsonNode deniedDecision = lines.get("CLM1002").get("reasons").get(0);
            assertEquals("HCR01:A3", deniedDecision.get("code").asText());
            JsonNode deniedReason = lines.get("CLM1002").get("reasons").get(1);
            assertEquals("HCR03:0P", deniedReason.get("code").asText());
            assertEquals(denied.get("reasons"), deniedDecision.get("words").asText() + "; " + deniedReason.get("words").asText());
            assertTrue(denied.get("next_step").startsWith("Denied."), denied.get("next_step"));
            // acknowledged, waiting for PAYERB's decision
            assertTrue(rows.get("CLM1004").get("next_step").startsWith("Accepted by the payer's gateway"));
            file.assertStatusFilesShowNoPhi();

            // every answer was applied once and moved to outbound/.done, none left or refused
            assertEquals(List.of("278-1.x12", "278-2.x12", "999-1.x12", "ta1-1.x12"), names(PlayedPayer.visible(s.payerA().outbound().resolve(".done"))));
            assertEquals(List.of("999-1.x12"), names(PlayedPayer.visible(s.payerB().outbound().resolve(".done"))));
            assertEquals(List.of(), PlayedPayer.visible(s.payerA().outbound()));
            assertEquals(List.of(), PlayedPayer.visible(s.payerA().outbound().resolve(".error")));
            assertEquals(List.of(), new StoreInspection(s.adapter().store()).unmatchedResponses("PAYERA"));
            logs.assertNoneShows(RiversideFile.phi());
        }
    }

    @Test
    void theSameResponseFileAgainChangesNothing() throws Exception {
        try (LogCapture logs = new LogCapture();
             AdapterHarness h = harness().clock(TestClock.forSamples())) {
            SentSample s = sendTheSample(h);
            RiversideFile file = s.file();
            Map<String, Decision> decisions = new LinkedHashMap<>();
            decisions.put("CLM1001", Decision.CERTIFIED);
            decisions.put("CLM1002", Decision.DENIED);
            decisions.put("CLM1003", Decision.PENDED);
            byte[] responses = s.payerA().responses(s.toA(), decisions, false);
            s.payerA().answer("278-1.x12", responses);
            s.payerA().awaitMoved(".done", WAIT, "278-1.x12");
            Map<String, ClaimState> decided = Map.of("CLM1001", ClaimState.CERTIFIED, "CLM1002", ClaimState.DENIED,
                    "CLM1003", ClaimState.PENDED, "CLM1004", ClaimState.SENT, "CLM1005", ClaimState.SENT);
            file.awaitStates(decided, WAIT);
            file.awaitStatusStates(decided, WAIT);
            Thread.sleep(1500); // the status route has published everything there is
            Map<String, StoredClaim> before = file.claims();
            Map<String, Integer> historyBefore = historySizes(s.adapter(), before);
            byte[] csvBefore = Files.readAllBytes(file.statusCsv());
            byte[] jsonlBefore = Files.readAllBytes(file.statusJsonl());
            int logLinesBefore = logs.events().size();

            // the payer sends the very same file again (a pended claim could take the same answer twice)
            s.payerA().answer("278-1.x12", responses);
            s.payerA().awaitMoved(".done", WAIT, "278-1.x12");
            Thread.sleep(2500); // two more ticks of the status route

            assertEquals(times(before), times(file.claims()), "claim states and times after the same file again");
            assertEquals(before, file.claims(), "claims after the same file again");
            assertEquals(historyBefore, historySizes(s.adapter(), file.claims()), "claim events after the same file again");
            assertArrayEquals(csvBefore, Files.readAllBytes(file.statusCsv()), "status.csv after the same file again");
            assertArrayEquals(jsonlBefore, Files.readAllBytes(file.statusJsonl()), "status.jsonl after the same file again");
            assertEquals(List.of("278-1.x12"), names(PlayedPayer.visible(s.payerA().outbound().resolve(".done"))));
            assertEquals(List.of(), PlayedPayer.visible(s.payerA().outbound().resolve(".error")));
            assertEquals(List.of(), new StoreInspection(s.adapter().store()).unmatchedResponses("PAYERA"));
            assertTrue(logs.events().subList(logLinesBefore, logs.events().size()).stream()
                    .anyMatch(e -> LogCapture.text(e).contains(PartnerFileName.logId("278-1.x12"))
                            && LogCapture.text(e).contains("applied before")),
                    "the duplicate is reported in the log, by a hash of its name");
            // both copies were kept as received
            try (var kept = Files.list(h.work().resolve("responses").resolve("PAYERA"))) {
                assertEquals(2, kept.filter(p -> p.getFileName().toString().endsWith("-278-1.x12")).count());
            }
            logs.assertNoneShows(RiversideFile.phi());
        }
    }

    @Test
    void aResponseMatchingNoClaimIsKeptAndReportedAndChangesNoClaim() throws Exception {
        try (LogCapture logs = new LogCapture();
             AdapterHarness h = harness().clock(TestClock.forSamples())) {
            SentSample s = sendTheSample(h);
            RiversideFile file = s.file();
            file.awaitStatusStates(all(ALL_CLAIMS, ClaimState.SENT), WAIT);
            Thread.sleep(1500);
            Map<String, StoredClaim> before = file.claims();
            byte[] csvBefore = Files.readAllBytes(file.statusCsv());

            ReceivedRequest like = request(s.toA(), "CLM1001");
            byte[] stranger = s.payerA().responseMatchingNothing(s.toA(), like, "CLM9999-1", "CLM9999-202611160000-9");
            s.payerA().answer("278-unknown.x12", stranger);
            s.payerA().awaitMoved(".error", WAIT, "278-unknown.x12");
            AdapterHarness.await("the report beside it", WAIT,
                    () -> Files.exists(s.payerA().outbound().resolve(".error").resolve("278-unknown.x12.report.txt")));
            Thread.sleep(2500); // two more ticks of the status route

            // kept: the bytes in .error and in the work directory, the answer in the store
            assertArrayEquals(stranger, Files.readAllBytes(s.payerA().outbound().resolve(".error").resolve("278-unknown.x12")));
            String report = Files.readString(s.payerA().outbound().resolve(".error").resolve("278-unknown.x12.report.txt"));
            assertTrue(report.contains("1 answer(s) read, 0 matched to claims, 1 matched nothing"), report);
            List<String[]> unmatched = new StoreInspection(s.adapter().store()).unmatchedResponses("PAYERA");
            assertEquals(1, unmatched.size());
            assertEquals("278", unmatched.get(0)[0]);
            assertEquals("trace CLM9999-1 BHT03 CLM9999-202611160000-9", unmatched.get(0)[1]);
            try (var kept = Files.list(h.work().resolve("responses").resolve("PAYERA"))) {
                assertEquals(1, kept.filter(p -> p.getFileName().toString().endsWith("-278-unknown.x12")).count());
            }
            assertTrue(logs.events().stream().anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN
                    && LogCapture.text(e).contains("matches no claim")), "reported in the log");
            // and no claim changed
            assertEquals(before, file.claims());
            assertArrayEquals(csvBefore, Files.readAllBytes(file.statusCsv()));
            assertEquals(List.of(), PlayedPayer.visible(s.payerA().outbound().resolve(".done")));
            logs.assertNoneShows(RiversideFile.phi());
        }
    }

    /** What a repeated answer would change: state, last update and decision times (StoredClaim.toString hides times). */
    private static Map<String, String> times(Map<String, StoredClaim> claims) {
        return claims.values().stream().collect(Collectors.toMap(StoredClaim::claimId,
                c -> c.state() + " updated " + c.updatedAt() + " decided " + c.decidedAt()));
    }

    private static Map<String, Integer> historySizes(Adapter a, Map<String, StoredClaim> claims) {
        return claims.values().stream().collect(Collectors.toMap(StoredClaim::claimId, c -> new StoreInspection(a.store()).history(c.key()).size()));
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }
}
