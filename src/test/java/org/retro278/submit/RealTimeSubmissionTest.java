package org.retro278.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.build.X12Checks;
import org.retro278.config.CoreGateway;
import org.retro278.config.PayerDirectory;
import org.retro278.config.PayerGateway;
import org.retro278.config.PayerProfile;
import org.retro278.config.RuntimeSettings;
import org.retro278.core.CoreAnswer;
import org.retro278.core.CoreAuth;
import org.retro278.core.CoreCallException;
import org.retro278.core.CoreClient;
import org.retro278.core.CoreEnvelope;
import org.retro278.core.CorePayloadTypes;
import org.retro278.core.CoreRequest;
import org.retro278.inbound.InboundFiles;
import org.retro278.responses.ResponseIntake;
import org.retro278.sim.PayerSimulator;
import org.retro278.store.ClaimState;
import org.retro278.store.NewClaim;
import org.retro278.store.StoredClaim;
import org.retro278.store.TestRequests;
import org.retro278.store.TransactionStore;
import org.retro278.testing.ProjectFiles;
import org.retro278.testing.TestClock;
import org.retro278.x12.response.ResponseReader;

/** The real-time flow against fake CORE clients: answers, envelope errors, no answer, retransmission, crash, bounds. */
class RealTimeSubmissionTest {

    static final String PAYER = "PAYERA";
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    TestClock clock;
    TransactionStore store;
    ExecutorService workers;
    PayerDirectory payers;
    ResponseIntake intake;
    FakeGateway gateway;
    RealTimeSubmission submission;
    long fileId;

    @BeforeEach
    void open() throws Exception {
        clock = TestClock.stoppedAt(Instant.parse("2026-11-16T15:00:00Z"));
        store = TransactionStore.openH2(dir.resolve("work"), null, clock);
        workers = Executors.newFixedThreadPool(2);
        payers = payers(2, 4);
        intake = new ResponseIntake(store, ResponseReader.using(X12Checks.validator()),
                InboundFiles.responseFiles(dir.resolve("responses"), RuntimeSettings.defaults().readFolders(), clock), clock);
        gateway = new FakeGateway();
        submission = newSubmission();
    }

    @AfterEach
    void close() {
        submission.close();
        workers.shutdownNow();
        store.close();
    }

    RealTimeSubmission newSubmission() {
        RealTimeSubmission s = new RealTimeSubmission(store, payers, new InterchangeOutbox(store, X12Checks.transactionSets(),
                X12Checks.envelopes(), "1999999999", dir.resolve("outbox"), workers, 2), p -> gateway,
                new RealTimeAnswers(store, intake, dir.resolve("realtime-error")), clock,
                new InterchangeFileName(RuntimeSettings.defaults().interchangeFileName()),
                new RetryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5)));
        return s;
    }

    /** PAYERA of the shipped configuration, reached in real time (retransmit after 90 s, spacing 120 s). */
    static PayerDirectory payers(int retries, int maxInFlight) throws Exception {
        PayerProfile a = PayerDirectory.load(ProjectFiles.path("config/payers")).find(PAYER).orElseThrow();
        CoreGateway core = new CoreGateway(URI.create("https://gateway.example/core"), CoreEnvelope.SOAP, CoreAuth.PASSWORD,
                "retro", "CORE_PASSWORD", null, null, Path.of("trust.p12"), null, "RETRO278", "ACMEHP", "2.2.0",
                Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(90), retries,
                Duration.ofSeconds(120), maxInFlight);
        PayerGateway g = new PayerGateway(null, null, null, Duration.ZERO, Duration.ofMillis(250), core);
        return PayerDirectory.of(List.of(new PayerProfile(a.id(), a.name(), a.ids(), a.usage(), a.acknowledgmentRequested(),
                a.delimiters(), a.retro(), 5000, g, a.deadlines())));
    }

    List<Long> ready(int n) {
        fileId = store.recordReceivedFile("P1", "claims.csv", 100, String.format("%064x", n)).id();
        List<NewClaim> claims = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            claims.add(NewClaim.of(TestRequests.simple("RT" + i, PAYER, LocalDate.of(2026, 11, 1)), List.of((long) i + 1)));
        }
        List<Long> keys = store.recordClaims(fileId, claims);
        store.releaseFile(fileId);
        return keys;
    }

    StoredClaim claim(long key) {
        return store.claimsOfFile(fileId).stream().filter(c -> c.key() == key).findFirst().orElseThrow();
    }

    List<String> history(long key) {
        return store.operatorView().history(key).stream().map(h -> h.from() + ">" + h.to() + " " + h.detail()).toList();
    }

    void tick() throws Exception {
        submission.tick(PAYER);
        assertTrue(submission.awaitIdle(PAYER, WAIT), "calls ended");
    }

    /** The payer simulator's answer to the request (StAEDI-written 278 responses). */
    static String answer278(CoreRequest r, PayerSimulator.Decision d, boolean finalAfterPend, Path dir) {
        try {
            Path f = Files.writeString(Files.createTempFile(dir, "req", ".x12"), r.payload(), StandardCharsets.UTF_8);
            PayerSimulator.RequestInterchange req = PayerSimulator.read(f);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PayerSimulator.write278(req, req.requests(), x -> d, finalAfterPend, 900 + r.payloadId().hashCode() % 50 + 50,
                    LocalDateTime.of(2026, 11, 16, 9, 5), out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static CoreAnswer answer(CoreRequest r, String payload) {
        return new CoreAnswer(CorePayloadTypes.RESPONSE_278, CorePayloadTypes.REAL_TIME, r.payloadId(), r.timeStamp().toString(),
                r.receiverId(), r.senderId(), r.ruleVersion(), payload, CorePayloadTypes.SUCCESS, null);
    }

    @Test
    void aCertifiedAnswerMakesTheClaimCertifiedWithItsAuthorizationNumber() throws Exception {
        long key = ready(1).get(0);
        gateway.answers = r -> answer(r, answer278(r, PayerSimulator.Decision.CERTIFIED, false, dir));
        tick();
        StoredClaim c = claim(key);
        assertEquals(ClaimState.CERTIFIED, c.state());
        assertNotNull(c.authorizationNumber());
        assertTrue(c.authorizationNumber().startsWith("AUTH"), c.authorizationNumber());
        CoreRequest r = gateway.requests.get(0);
        assertEquals(CorePayloadTypes.REQUEST_278, r.payloadType());
        assertEquals(CorePayloadTypes.REAL_TIME, r.processingMode());
        assertEquals(Instant.parse("2026-11-16T15:00:00Z"), r.timeStamp());
        assertEquals("RETRO278", r.senderId());
        assertEquals("ACMEHP", r.receiverId());
        assertEquals("2.2.0", r.ruleVersion());
        assertTrue(r.payload().startsWith("ISA"), "the interchange is the payload");
        assertEquals(1, r.payload().split("~ST\\*278\\*|\\nST\\*278\\*|~\\s*ST\\*278").length - 1, "one 278 per interchange");
        assertTrue(history(key).stream().anyMatch(h -> h.contains("PayloadID " + r.payloadId())), history(key).toString());
        assertTrue(history(key).contains("READY>SENT sent in interchange ISA13 " + String.format("%09d", c.isa13())),
                history(key).toString());
        tick();
        assertEquals(1, gateway.requests.size(), "an answered claim is never called again");
    }

    @Test
    void eachReadyClaimGoesAloneWhateverMaxClaimsPerInterchangeSays() throws Exception {
        List<Long> keys = ready(3);
        gateway.answers = r -> answer(r, answer278(r, PayerSimulator.Decision.CERTIFIED, false, dir));
        tick();
        assertEquals(3, gateway.requests.size());
        for (long k : keys) {
            assertEquals(ClaimState.CERTIFIED, claim(k).state());
        }
        assertEquals(3, keys.stream().map(k -> claim(k).isa13()).distinct().count(), "one interchange per claim");
    }

    @Test
    void aRejecting999MakesTheClaimRejectedByTheGateway() throws Exception {
        long key = ready(1).get(0);
        gateway.answers = r -> {
            try {
                Path f = Files.writeString(Files.createTempFile(dir, "req", ".x12"), r.payload(), StandardCharsets.UTF_8);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                PayerSimulator.write999(PayerSimulator.read(f), 901, LocalDateTime.of(2026, 11, 16, 9, 5), out);
                String ack = out.toString(StandardCharsets.US_ASCII).replace("IK5*A", "IK5*R*5").replace("AK9*A*1*1*1", "AK9*R*1*1*0");
                return new CoreAnswer(CorePayloadTypes.ACK_999, CorePayloadTypes.REAL_TIME, r.payloadId(), null, null, null,
                        null, ack, CorePayloadTypes.SUCCESS, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        tick();
        assertEquals(ClaimState.REJECTED_BY_GATEWAY, claim(key).state(), history(key).toString());
    }

    @Test
    void anEnvelopeErrorIsRejectedByTheGatewayWithTheCoreErrorInPlainWords() throws Exception {
        long key = ready(1).get(0);
        gateway.answers = r -> new CoreAnswer(null, CorePayloadTypes.REAL_TIME, r.payloadId(), null, null, null, null, null,
                "SenderIDNotAuthorized", "the sender is not authorized for this receiver");
        tick();
        StoredClaim c = claim(key);
        assertEquals(ClaimState.REJECTED_BY_GATEWAY, c.state());
        assertEquals("CORE:SenderIDNotAuthorized", c.reasons().get(0).code());
        assertTrue(c.reasons().get(0).words().contains("ErrorCode SenderIDNotAuthorized: the sender is not authorized for this"
                + " receiver"), c.reasons().get(0).words());
        assertTrue(c.reasons().get(0).words().contains("resubmit"));
        assertEquals(List.of(ClaimState.READY, ClaimState.SENT, ClaimState.REJECTED_BY_GATEWAY), states(key));
        tick();
        assertEquals(1, gateway.requests.size());
    }

    @Test
    void aPendedAnswerStaysPendedUntilTheFinal278ComesThroughTheBatchPath() throws Exception {
        long key = ready(1).get(0);
        gateway.answers = r -> answer(r, answer278(r, PayerSimulator.Decision.PENDED, false, dir));
        tick();
        assertEquals(ClaimState.PENDED, claim(key).state());
        String last = answer278(gateway.requests.get(0), PayerSimulator.Decision.PENDED, true, dir);
        Path file = Files.writeString(dir.resolve("final.x12"), last, StandardCharsets.UTF_8);
        intake.receive(PAYER, "final.x12", file);
        assertEquals(ClaimState.CERTIFIED, claim(key).state());
        tick();
        assertEquals(1, gateway.requests.size());
    }

    @Test
    void aTimeoutLeavesTheClaimSentAndRetransmitsOnlyAfterTheWaitAtMostRetriesTimes() throws Exception {
        long key = ready(1).get(0);
        gateway.answers = r -> {
            throw new Timeout("no answer within 20 s from gateway.example");
        };
        tick();
        StoredClaim c = claim(key);
        assertEquals(ClaimState.SENT, c.state());
        assertEquals("NO_ANSWER", c.reasons().get(0).code());
        assertTrue(c.reasons().get(0).words().startsWith("no answer within 20 s from gateway.example; not sent again before"
                + " 2026-11-16T15:02:00Z"), c.reasons().get(0).words());

        clock.advance(Duration.ofSeconds(89));
        tick();
        assertEquals(1, gateway.requests.size(), "never sooner than retransmitAfter");
        clock.advance(Duration.ofSeconds(30));
        tick();
        assertEquals(1, gateway.requests.size(), "nor sooner than retrySpacing (120 s)");
        clock.advance(Duration.ofSeconds(1));
        tick();
        assertEquals(2, gateway.requests.size(), "retransmitted once the wait passed");
        assertEquals(gateway.requests.get(0).payload(), gateway.requests.get(1).payload(), "the same interchange bytes");
        assertNotEquals(gateway.requests.get(0).payloadId(), gateway.requests.get(1).payloadId(), "a new PayloadID");

        clock.advance(Duration.ofSeconds(120));
        tick();
        assertEquals(3, gateway.requests.size());
        clock.advance(Duration.ofHours(1));
        tick();
        assertEquals(3, gateway.requests.size(), "at most retries (2) retransmissions");
        assertEquals(ClaimState.SENT, claim(key).state());
        List<String> h = history(key);
        for (CoreRequest r : gateway.requests) {
            assertTrue(h.stream().anyMatch(x -> x.contains("PayloadID " + r.payloadId())), "every attempt's PayloadID: " + h);
        }
        assertTrue(h.get(h.size() - 1).contains("retransmission(s) allowed are used up"), h.toString());
        assertEquals(3, store.findInterchange(claim(key).interchangeId()).orElseThrow().attempts());
    }

    @Test
    void noRetransmitOnceTheAnswerCameMeanwhileThroughTheBatchPath() throws Exception {
        long key = ready(1).get(0);
        gateway.answers = r -> {
            throw new Timeout("no answer within 20 s from gateway.example");
        };
        tick();
        Path file = Files.writeString(dir.resolve("late.x12"), answer278(gateway.requests.get(0), PayerSimulator.Decision.CERTIFIED,
                false, dir), StandardCharsets.UTF_8);
        intake.receive(PAYER, "late.x12", file);
        assertEquals(ClaimState.CERTIFIED, claim(key).state());
        clock.advance(Duration.ofMinutes(10));
        tick();
        assertEquals(1, gateway.requests.size());
    }

    @Test
    void anUnreachableGatewayLeavesTheClaimUnsentAndTriesAgainAfterTheBackOff() throws Exception {
        long key = ready(1).get(0);
        AtomicInteger refusals = new AtomicInteger(2);
        gateway.answers = r -> {
            if (refusals.getAndDecrement() > 0) {
                throw new Unreachable("gateway.example:443 is unreachable (connection refused)");
            }
            return answer(r, answer278(r, PayerSimulator.Decision.CERTIFIED, false, dir));
        };
        tick();
        StoredClaim c = claim(key);
        assertEquals(ClaimState.READY, c.state(), "not sent");
        assertTrue(store.findInterchange(c.interchangeId()).orElseThrow().lastError().contains("connection refused"));
        tick();
        assertEquals(1, gateway.requests.size(), "the back-off (2 s) has not passed");
        clock.advance(Duration.ofSeconds(2));
        tick();
        assertEquals(2, gateway.requests.size());
        clock.advance(Duration.ofSeconds(3));
        tick();
        assertEquals(2, gateway.requests.size(), "the back-off doubled (4 s) after the second failure");
        clock.advance(Duration.ofSeconds(1));
        tick();
        assertEquals(3, gateway.requests.size());
        assertEquals(ClaimState.CERTIFIED, claim(key).state());
        assertEquals(c.interchangeId(), claim(key).interchangeId(), "the same interchange throughout");
    }

    @Test
    void aRefusedCredentialIsSaidToBeAConfigurationProblem() throws Exception {
        long key = ready(1).get(0);
        gateway.answers = r -> {
            throw new Refused("HTTP 401 from gateway.example");
        };
        tick();
        assertEquals(ClaimState.READY, claim(key).state());
        String error = store.findInterchange(claim(key).interchangeId()).orElseThrow().lastError();
        assertTrue(error.contains("configuration problem") && error.contains("HTTP 401"), error);
    }

    @Test
    void neverMoreCallsInFlightThanMaxInFlight() throws Exception {
        payers = payers(2, 3);
        submission.close();
        submission = newSubmission();
        ready(8);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        gateway.answers = r -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
                return answer(r, answer278(r, PayerSimulator.Decision.CERTIFIED, false, dir));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                now.decrementAndGet();
            }
        };
        submission.tick(PAYER);
        submission.tick(PAYER);
        long until = System.nanoTime() + WAIT.toNanos();
        while (gateway.requests.size() < 3 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertEquals(3, gateway.requests.size(), "three calls under way, the others wait");
        release.countDown();
        assertTrue(submission.awaitIdle(PAYER, WAIT));
        for (int i = 0; i < 5 && gateway.requests.size() < 8; i++) {
            tick();
        }
        assertEquals(8, gateway.requests.size());
        assertEquals(3, most.get());
    }

    @Test
    void aCallThatEndsTakesTheNextReadyClaimAtOnceNotAtTheNextTick() throws Exception {
        payers = payers(2, 2);
        submission.close();
        submission = newSubmission();
        List<Long> keys = ready(7);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        gateway.answers = r -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                return answer(r, answer278(r, PayerSimulator.Decision.CERTIFIED, false, dir));
            } finally {
                now.decrementAndGet();
            }
        };
        tick(); // one tick of the timer: two calls, and each that ends starts the next
        assertEquals(7, gateway.requests.size(), "every READY claim called after a single tick");
        assertTrue(most.get() <= 2, "never more than maxInFlight at once: " + most.get());
        for (long k : keys) {
            assertEquals(ClaimState.CERTIFIED, claim(k).state());
        }
    }

    @Test
    void aCallCutShortByACrashIsNotSentAgainBeforeRetransmitAfter() throws Exception {
        long key = ready(1).get(0);
        // the first run recorded its call and stopped before an answer was committed
        store.reserveInterchange(PAYER, 1, LocalDateTime.of(2026, 11, 16, 9, 0), isa13 -> PAYER + "." + isa13 + ".x12");
        long interchange = claim(key).interchangeId();
        store.realTime().recordCall(interchange, "11111111-2222-3333-4444-555555555555");
        gateway.answers = r -> answer(r, answer278(r, PayerSimulator.Decision.CERTIFIED, false, dir));

        clock.advance(Duration.ofSeconds(30));
        submission.close();
        submission = newSubmission(); // a new process
        tick();
        assertEquals(0, gateway.requests.size(), "it may have reached the payer: not again before 90 s");
        StoredClaim c = claim(key);
        assertEquals(ClaimState.SENT, c.state());
        assertTrue(c.reasons().get(0).words().startsWith("retro278 stopped during call 1"), c.reasons().get(0).words());
        clock.advance(Duration.ofSeconds(89));
        tick();
        assertEquals(0, gateway.requests.size(), "nor before retrySpacing (120 s) after that call");
        clock.advance(Duration.ofSeconds(1));
        tick();
        assertEquals(1, gateway.requests.size());
        assertEquals(ClaimState.CERTIFIED, claim(key).state());
        assertTrue(history(key).stream().anyMatch(h -> h.contains("PayloadID 11111111-2222-3333-4444-555555555555")));
    }

    @Test
    void anAnswerThatCannotBeAppliedIsKeptWithAReportAndNotSentAgain() throws Exception {
        long key = ready(1).get(0);
        gateway.answers = r -> answer(r, "this is not X12");
        tick();
        StoredClaim c = claim(key);
        assertEquals(ClaimState.SENT, c.state());
        assertEquals("ANSWER_NOT_APPLIED", c.reasons().get(0).code());
        String id = gateway.requests.get(0).payloadId();
        Path kept = dir.resolve("realtime-error").resolve(PAYER).resolve("realtime-" + id + ".x12");
        assertEquals("this is not X12", Files.readString(kept));
        assertTrue(Files.readString(kept.resolveSibling(kept.getFileName() + ".report.txt")).contains("not X12"));
        clock.advance(Duration.ofHours(1));
        tick();
        assertEquals(1, gateway.requests.size());
    }

    private List<ClaimState> states(long key) {
        List<ClaimState> out = new ArrayList<>();
        store.operatorView().history(key).forEach(h -> {
            if (h.from() != h.to() && h.to() != ClaimState.RECEIVED) {
                out.add(h.to());
            }
        });
        return out;
    }

    static final class Timeout extends RuntimeException {
        Timeout(String words) {
            super(words);
        }
    }

    static final class Refused extends RuntimeException {
        Refused(String words) {
            super(words);
        }
    }

    static final class Unreachable extends RuntimeException {
        Unreachable(String words) {
            super(words);
        }
    }

    /** A CORE client that answers as told, recording every request. */
    static final class FakeGateway implements CoreClient {
        final List<CoreRequest> requests = new CopyOnWriteArrayList<>();
        volatile Function<CoreRequest, CoreAnswer> answers;

        @Override
        public CoreAnswer call(CoreRequest request) throws CoreCallException {
            requests.add(request);
            try {
                return answers.apply(request);
            } catch (Timeout e) {
                throw new CoreCallException(CoreCallException.Kind.TIMEOUT, e.getMessage(), null);
            } catch (Unreachable e) {
                throw new CoreCallException(CoreCallException.Kind.UNREACHABLE, e.getMessage(), null);
            } catch (Refused e) {
                throw new CoreCallException(CoreCallException.Kind.CREDENTIAL_REFUSED, e.getMessage(), null);
            }
        }

        @Override
        public void close() {
        }
    }
}
