package org.retro278.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xlate.edi.stream.EDIStreamWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.config.InterchangeIds;
import org.retro278.config.PayerProfile;
import org.retro278.config.RetroPolicy;
import org.retro278.config.CoreGateway;
import org.retro278.core.CoreAnswer;
import org.retro278.core.CoreCallException;
import org.retro278.core.LoopbackStores;
import org.retro278.core.MimeCoreClient;
import org.retro278.core.CorePayloadTypes;
import org.retro278.core.CoreRequest;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.sftp.Secrets;
import org.retro278.store.TestRequests;
import org.retro278.testing.TestClock;
import org.retro278.x12.Delimiters;
import org.retro278.x12.EnvelopeWriter;
import org.retro278.x12.Request278Writer;
import org.retro278.x12.RequestIdentifiers;
import org.retro278.x12.response.ImplementationAcknowledgment;
import org.retro278.x12.response.ResponseFile;
import org.retro278.x12.response.ResponseReader;
import org.retro278.x12.response.ReviewResponse;

/** The simulated payer behind the CORE endpoints: real 278 requests in, what PayerSimulator answers out. */
class SimulatedCorePayerTest {

    private static final LocalDateTime CREATED = LocalDateTime.of(2026, 11, 15, 9, 30);
    private static final TestClock CLOCK = TestClock.stoppedAt(Instant.parse("2026-11-16T16:00:00Z"));

    @TempDir
    Path dir;

    /** A request interchange as the adapter builds it: its envelope writer and 278 writer, fictional claims. */
    private static String interchange(String... claimIds) throws Exception {
        PayerProfile payer = new PayerProfile("PAYERC", "Core Health Plan",
                new InterchangeIds("ZZ", "SUBMITTER", "ZZ", "RECEIVER", "SUBMITTER", "RECEIVER"), 'T', false, Delimiters.STANDARD,
                new RetroPolicy(true, 90, false), 5000);
        EnvelopeWriter env = new EnvelopeWriter(payer);
        Request278Writer writer = new Request278Writer("9RETRO2780", Delimiters.STANDARD);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EDIStreamWriter w = env.open(out);
        env.writeHeader(w, 42, 7, CREATED);
        long st = 1;
        for (String id : claimIds) {
            RetroAuthorizationRequest r = TestRequests.simple(id, "PAYERC", LocalDate.of(2026, 10, 2));
            writer.write(w, r, RequestIdentifiers.forClaim(id, st++, CREATED));
        }
        env.writeTrailer(w, claimIds.length, 42, 7);
        w.close();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static CoreRequest request(String payload) {
        return CoreRequest.realTime278("6f1c2a9e-0b7d-4c1e-9a55-2f0e8d1b3c44", Instant.parse("2026-11-16T16:00:00Z"), "SUBMITTER01",
                "PAYERCORE", "2.2.0", payload);
    }

    private static SimulatedCorePayer payer(PayerSimulator.Policy policy) {
        return new SimulatedCorePayer("PAYERCORE", "2.2.0", policy, CLOCK);
    }

    private static ResponseFile read(CoreAnswer a) throws Exception {
        return ResponseReader.create().read(new ByteArrayInputStream(a.payload().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRealTimeRequestGetsA278ResponseWhoseTraceIsTheRequests() throws Exception {
        try (SimulatedCorePayer payer = payer(r -> PayerSimulator.Decision.CERTIFIED)) {
            CoreAnswer a = payer.answer(request(interchange("CLM100")), "riverside");
            assertEquals(CorePayloadTypes.RESPONSE_278, a.payloadType());
            assertEquals(CorePayloadTypes.SUCCESS, a.errorCode());
            assertFalse(a.envelopeError());
            assertEquals("6f1c2a9e-0b7d-4c1e-9a55-2f0e8d1b3c44", a.payloadId());
            assertEquals("PAYERCORE", a.senderId());
            assertEquals("SUBMITTER01", a.receiverId());
            assertEquals("2026-11-16T16:00:00Z", a.timeStamp());
            ResponseFile read = read(a);
            assertEquals(List.of(), read.problems());
            assertEquals(1, read.documents().size());
            ReviewResponse r = (ReviewResponse) read.documents().get(0);
            assertEquals(List.of(), r.problems());
            assertEquals(RequestIdentifiers.traceNumber("CLM100", 1), r.traces().get(0).number());
            assertEquals("A1", r.event().action().code());
        }
    }

    @Test
    void in999ModeTheSetIsRejected() throws Exception {
        try (SimulatedCorePayer payer = payer(r -> PayerSimulator.Decision.CERTIFIED).reject999(true)) {
            CoreAnswer a = payer.answer(request(interchange("CLM101")), "riverside");
            assertEquals(CorePayloadTypes.ACK_999, a.payloadType());
            assertEquals(CorePayloadTypes.SUCCESS, a.errorCode());
            ResponseFile read = read(a);
            assertEquals(List.of(), read.problems());
            ImplementationAcknowledgment ack = (ImplementationAcknowledgment) read.documents().get(0);
            assertEquals("R", ack.groupStatus().code());
            assertEquals("0001", ack.sets().get(0).controlNumber());
            assertEquals("R", ack.sets().get(0).status().code());
        }
    }

    @Test
    void aPendedAnswerIsFollowedByItsFinal278InTheOutboundFolder() throws Exception {
        Path outbound = dir.resolve("outbound");
        TestClock clock = TestClock.stoppedAt(Instant.parse("2026-11-16T16:00:00Z"));
        try (SimulatedCorePayer payer = new SimulatedCorePayer("PAYERCORE", "2.2.0", r -> PayerSimulator.Decision.PENDED, clock)
                .pendedFinalsTo(outbound, Duration.ofSeconds(30))) {
            CoreAnswer a = payer.answer(request(interchange("CLM102")), "riverside");
            ReviewResponse pended = (ReviewResponse) read(a).documents().get(0);
            assertEquals("A4", pended.event().action().code());
            assertTrue(pended.moreToFollow(), "BHT06=19: a final answer follows");
            payer.writeDueFinals();
            assertEquals(List.of(), names(outbound), "not before its time");
            clock.advance(Duration.ofSeconds(31));
            payer.writeDueFinals();
            assertEquals(List.of("core-6f1c2a9e-0b7d-4c1e-9a55-2f0e8d1b3c44.final.278.x12"), names(outbound));
            try (var in = Files.newInputStream(outbound.resolve(names(outbound).get(0)))) {
                ReviewResponse last = (ReviewResponse) ResponseReader.create().read(in).documents().get(0);
                assertEquals(RequestIdentifiers.traceNumber("CLM102", 1), last.traces().get(0).number());
                assertEquals("A1", last.event().action().code());
                assertFalse(last.moreToFollow());
            }
            payer.writeDueFinals();
            assertEquals(1, names(outbound).size(), "each final answer once");
        }
    }

    @Test
    void eachEnvelopeFieldIsCheckedForReal() throws Exception {
        String x12 = interchange("CLM103");
        CoreRequest ok = request(x12);
        try (SimulatedCorePayer payer = payer(r -> PayerSimulator.Decision.CERTIFIED)) {
            assertEquals(CoreEnvelopeErrors.PAYLOAD_TYPE_REQUIRED, code(payer, new CoreRequest("", ok.processingMode(), ok.payloadId(),
                    ok.timeStamp(), ok.senderId(), ok.receiverId(), ok.ruleVersion(), x12)));
            assertEquals(CoreEnvelopeErrors.PAYLOAD_TYPE_ILLEGAL, code(payer, new CoreRequest(CorePayloadTypes.RESPONSE_278,
                    ok.processingMode(), ok.payloadId(), ok.timeStamp(), ok.senderId(), ok.receiverId(), ok.ruleVersion(), x12)));
            assertEquals(CoreEnvelopeErrors.PROCESSING_MODE_ILLEGAL, code(payer, new CoreRequest(ok.payloadType(), "Batch",
                    ok.payloadId(), ok.timeStamp(), ok.senderId(), ok.receiverId(), ok.ruleVersion(), x12)));
            assertEquals(CoreEnvelopeErrors.RECEIVER_ID_REQUIRED, code(payer, new CoreRequest(ok.payloadType(), ok.processingMode(),
                    ok.payloadId(), ok.timeStamp(), ok.senderId(), " ", ok.ruleVersion(), x12)));
            assertEquals(CoreEnvelopeErrors.RECEIVER_ID_ILLEGAL, code(payer, new CoreRequest(ok.payloadType(), ok.processingMode(),
                    ok.payloadId(), ok.timeStamp(), ok.senderId(), "SOMEONEELSE", ok.ruleVersion(), x12)));
            assertEquals(CoreEnvelopeErrors.VERSION_MISMATCH, code(payer, new CoreRequest(ok.payloadType(), ok.processingMode(),
                    ok.payloadId(), ok.timeStamp(), ok.senderId(), ok.receiverId(), "4.0.0", x12)));
            assertEquals(CoreEnvelopeErrors.PAYLOAD_REQUIRED, code(payer, request("")));
            assertEquals(CoreEnvelopeErrors.PAYLOAD_ILLEGAL, code(payer, request("not X12 at all")));
            assertEquals(CoreEnvelopeErrors.PAYLOAD_ILLEGAL, code(payer, request(interchange("CLM104", "CLM105"))),
                    "a real-time request holds one 278");
            assertEquals(CorePayloadTypes.SUCCESS, code(payer, ok), "the same request with every field right");
            payer.forceEnvelopeError(CoreEnvelopeErrors.RECEIVER_ID_REQUIRED);
            CoreAnswer forced = payer.answer(ok, "riverside");
            assertEquals(CoreEnvelopeErrors.RECEIVER_ID_REQUIRED, forced.errorCode());
            assertEquals(CoreEnvelopeErrors.ENVELOPE_ERROR, forced.payloadType());
            assertTrue(forced.envelopeError());
            assertNull(forced.payload());
            assertEquals(ok.payloadId(), forced.payloadId());
        }
    }

    @Test
    void overHttpsTheMimeGatewayCarriesTheAnswerAndADelayBeyondTheBudgetIsATimeout() throws Exception {
        LoopbackStores stores = LoopbackStores.in(dir);
        try (SimulatedCorePayer payer = payer(r -> PayerSimulator.Decision.DENIED);
             CoreMimeEndpoint endpoint = CoreMimeEndpoint.withPassword(payer, stores.serverKeys(), LoopbackStores.PASSWORD, "riverside",
                     "pw-1", CLOCK).start(0)) {
            try (MimeCoreClient client = client(endpoint, stores, Duration.ofSeconds(10))) {
                CoreAnswer a = client.call(request(interchange("CLM106")));
                ReviewResponse r = (ReviewResponse) read(a).documents().get(0);
                assertEquals(RequestIdentifiers.traceNumber("CLM106", 1), r.traces().get(0).number());
                assertEquals("A3", r.event().action().code());
            }
            payer.delay(Duration.ofMillis(1000));
            try (MimeCoreClient client = client(endpoint, stores, Duration.ofMillis(300))) {
                CoreCallException e = assertThrows(CoreCallException.class, () -> client.call(request(interchange("CLM107"))));
                assertEquals(CoreCallException.Kind.TIMEOUT, e.kind(), e::getMessage);
            }
        }
    }

    private static MimeCoreClient client(CoreMimeEndpoint endpoint, LoopbackStores stores, Duration answerTimeout) throws Exception {
        CoreGateway g = LoopbackStores.gateway(endpoint.address(), null, stores.trust(), answerTimeout, 2);
        return new MimeCoreClient(g, LoopbackStores.tls(g), Secrets.of(Map.of("CORE_PW", "pw-1")));
    }

    private static String code(SimulatedCorePayer payer, CoreRequest r) {
        CoreAnswer a = payer.answer(r, "riverside");
        assertEquals(!CorePayloadTypes.SUCCESS.equals(a.errorCode()), a.envelopeError());
        if (a.envelopeError()) {
            assertFalse(a.hasPayload());
            assertFalse(a.errorMessage().contains("Example"), "plain words, never the payload");
        }
        return a.errorCode();
    }

    private static List<String> names(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
