package org.retro278.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.config.CoreGateway;
import org.retro278.sftp.Secrets;
import org.retro278.sim.CoreEnvelopeErrors;
import org.retro278.sim.CoreMimeEndpoint;
import org.retro278.sim.CoreResponder;
import org.retro278.testing.TestClock;

/** The MIME client against the simulator's MIME endpoint over HTTPS on loopback, with the loopback PKI's stores. */
class MimeCoreClientTest {

    private static final char[] PW = LoopbackStores.PASSWORD;
    private static final TestClock CLOCK = TestClock.stoppedAt(Instant.parse("2026-12-07T01:02:03Z"));
    private static final String SECRET = "s3cret-Word";
    private static final Secrets SECRETS = Secrets.of(Map.of("CORE_PW", SECRET));
    /** A fictional request interchange; what matters is that it travels byte for byte, line breaks and all. */
    private static final String PAYLOAD = "ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *261115*0930*^*00501*000000042*0*T*:~\n"
            + "GS*HI*SUBMITTER*RECEIVER*20261115*0930*7*X*005010X217~\r\nNM1*IL*1*Testperson*Alex****MI*M1~\nIEA*1*000000042~\n";

    @TempDir
    static Path dir;
    static LoopbackStores stores;

    @BeforeAll
    static void pki() throws Exception {
        stores = LoopbackStores.in(dir);
    }

    /** A client of a password gateway (or a certificate one with {@code keyStore}), its TLS context as the adapter makes it. */
    private static MimeCoreClient client(URI endpoint, Path keyStore, Path trust, Duration answerTimeout, int maxInFlight,
                                         Secrets secrets) throws Exception {
        CoreGateway g = LoopbackStores.gateway(endpoint, keyStore, trust, answerTimeout, maxInFlight);
        return new MimeCoreClient(g, LoopbackStores.tls(g), secrets);
    }

    private static MimeCoreClient client(URI endpoint) throws Exception {
        return client(endpoint, null, stores.trust(), Duration.ofSeconds(5), 4, SECRETS);
    }

    private static CoreRequest request() {
        return CoreRequest.realTime278("f81d4fae-7dec-11d0-a765-00a0c91e6bf6", Instant.parse("2026-12-07T01:02:03.250Z"),
                "SUBMITTER01", "PAYERCORE", "2.2.0", PAYLOAD);
    }

    private static CoreMimeEndpoint passwordEndpoint(CoreResponder responder) throws Exception {
        return CoreMimeEndpoint.withPassword(responder, stores.serverKeys(), PW, "riverside", SECRET, CLOCK).start(0);
    }

    private static final CoreAnswer SUCCESS = new CoreAnswer(CorePayloadTypes.RESPONSE_278, CorePayloadTypes.REAL_TIME,
            "f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "2026-12-07T01:02:04Z", "PAYERCORE", "SUBMITTER01", "2.2.0",
            "ISA*00*...~\nHCR*A1*AUTH1~\nIEA*1*000000901~\n", CorePayloadTypes.SUCCESS, "all well: é ü");

    @Test
    void everyFieldTravelsExactlyBothWays() throws Exception {
        AtomicReference<CoreRequest> seen = new AtomicReference<>();
        AtomicReference<String> seenUser = new AtomicReference<>();
        try (CoreMimeEndpoint endpoint = passwordEndpoint((r, user) -> {
            seen.set(r);
            seenUser.set(user);
            return SUCCESS;
        }); MimeCoreClient client = client(endpoint.address())) {
            CoreAnswer answer = client.call(request());
            assertEquals(request(), seen.get(), "PayloadType, ProcessingMode, PayloadID, TimeStamp, SenderID, ReceiverID, version, Payload");
            assertEquals("riverside", seenUser.get());
            assertEquals(SUCCESS, answer);
            assertFalse(answer.envelopeError());
        }
    }

    @Test
    void aWrongPasswordIsACredentialRefusedInPlainWords() throws Exception {
        try (CoreMimeEndpoint endpoint = passwordEndpoint((r, user) -> SUCCESS);
             MimeCoreClient client = client(endpoint.address(), null, stores.trust(), Duration.ofSeconds(5), 4,
                     Secrets.of(Map.of("CORE_PW", "not-the-password")))) {
            CoreCallException e = assertThrows(CoreCallException.class, () -> client.call(request()));
            assertEquals(CoreCallException.Kind.CREDENTIAL_REFUSED, e.kind());
            assertFalse(e.mayHaveReachedPayer());
            assertEquals("the CORE gateway at 127.0.0.1 refused our credential (HTTP 401, ErrorCode UnAuthorized)", e.getMessage());
        }
    }

    @Test
    void aPasswordNotSetInTheEnvironmentIsSaidBeforeAnyCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client(URI.create("https://127.0.0.1:1/core"),
                null, stores.trust(), Duration.ofSeconds(5), 4, Secrets.of(Map.of())));
        assertEquals("the password for the CORE gateway at 127.0.0.1 is not set: set the environment variable CORE_PW", e.getMessage());
    }

    @Test
    void aClientCertificateIsTheCredentialInCertificateMode() throws Exception {
        AtomicReference<String> seenUser = new AtomicReference<>();
        try (CoreMimeEndpoint endpoint = CoreMimeEndpoint.withCertificate((r, user) -> {
            seenUser.set(user);
            return SUCCESS;
        }, stores.serverKeys(), PW, stores.trust(), PW, CLOCK).start(0)) {
            try (MimeCoreClient client = client(endpoint.address(), stores.clientKeys(), stores.trust(), Duration.ofSeconds(5), 4, SECRETS)) {
                assertEquals(SUCCESS, client.call(request()));
                assertEquals("O=retro278,CN=riverside", seenUser.get(), "the subject of the client certificate");
            }
            // a certificate gateway, but a TLS context with no client key in it
            CoreGateway g = LoopbackStores.gateway(endpoint.address(), stores.clientKeys(), stores.trust(), Duration.ofSeconds(5), 4);
            CoreGateway keyless = LoopbackStores.gateway(endpoint.address(), null, stores.trust(), Duration.ofSeconds(5), 4);
            try (MimeCoreClient client = new MimeCoreClient(g, LoopbackStores.tls(keyless), SECRETS)) {
                CoreCallException e = assertThrows(CoreCallException.class, () -> client.call(request()));
                assertEquals(CoreCallException.Kind.CREDENTIAL_REFUSED, e.kind(), e::getMessage);
                assertFalse(e.mayHaveReachedPayer());
                assertEquals("the CORE gateway at 127.0.0.1 refused our credential (HTTP 401, ErrorCode UnAuthorized)", e.getMessage());
            }
        }
    }

    @Test
    void aClientCertificateFromAnotherAuthorityIsNotAccepted() throws Exception {
        // the gateway names the authorities it trusts; the JDK then offers no certificate, and the gateway refuses
        try (CoreMimeEndpoint endpoint = CoreMimeEndpoint.withCertificate((r, user) -> SUCCESS, stores.serverKeys(), PW,
                stores.trust(), PW, CLOCK).start(0);
             MimeCoreClient client = client(endpoint.address(), stores.strangerClientKeys(), stores.trust(), Duration.ofSeconds(5), 4,
                     SECRETS)) {
            CoreCallException e = assertThrows(CoreCallException.class, () -> client.call(request()));
            assertEquals(CoreCallException.Kind.CREDENTIAL_REFUSED, e.kind(), e::getMessage);
            assertFalse(e.mayHaveReachedPayer());
        }
    }

    @Test
    void aServerCertificateFromAnotherAuthorityIsRefused() throws Exception {
        try (CoreMimeEndpoint endpoint = passwordEndpoint((r, user) -> SUCCESS);
             MimeCoreClient client = client(endpoint.address(), null, stores.otherTrust(), Duration.ofSeconds(5), 4, SECRETS)) {
            CoreCallException e = assertThrows(CoreCallException.class, () -> client.call(request()));
            assertEquals(CoreCallException.Kind.TLS_REFUSED, e.kind());
            assertEquals("the CORE gateway at 127.0.0.1 refused: its server certificate is not trusted by the configured trust store",
                    e.getMessage());
        }
    }

    @Test
    void aSlowAnswerIsATimeoutThatMayHaveReachedThePayer() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        try (CoreMimeEndpoint endpoint = passwordEndpoint((r, user) -> {
            try {
                released.await(10, TimeUnit.SECONDS); // the payer thinks longer than the client waits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return SUCCESS;
        }); MimeCoreClient client = client(endpoint.address(), null, stores.trust(), Duration.ofMillis(300), 4, SECRETS)) {
            long started = System.nanoTime();
            CoreCallException e = assertThrows(CoreCallException.class, () -> client.call(request()));
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            released.countDown(); // before the endpoint stops, so that it need not wait for the payer
            assertEquals(CoreCallException.Kind.TIMEOUT, e.kind(), e::getMessage);
            assertTrue(e.mayHaveReachedPayer());
            assertTrue(tookMs < 3000, "gave up at the answer budget, not later: " + tookMs + " ms");
            assertFalse(e.getMessage().contains(PAYLOAD) || e.getMessage().contains(SECRET));
        } finally {
            released.countDown();
        }
    }

    @Test
    void anEnvelopeErrorComesBackAsAnAnswer() throws Exception {
        try (CoreMimeEndpoint endpoint = passwordEndpoint((r, user) -> CoreEnvelopeErrors.answer(r.payloadId(), r.senderId(),
                r.receiverId(), r.ruleVersion(), CLOCK.instant(), CoreEnvelopeErrors.VERSION_MISMATCH, "this gateway speaks 2.2.0"));
             MimeCoreClient client = client(endpoint.address())) {
            CoreAnswer a = client.call(request());
            assertTrue(a.envelopeError());
            assertFalse(a.hasPayload());
            assertEquals("VersionMismatch", a.errorCode());
            assertEquals(CoreEnvelopeErrors.ENVELOPE_ERROR, a.payloadType());
            assertEquals(request().payloadId(), a.payloadId());
        }
    }

    @Test
    void noMoreCallsReachTheGatewayAtOnceThanMaxInFlight() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CoreResponder busy = (r, user) -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150); // the payer at work, so that calls overlap
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inside.decrementAndGet();
            }
            return SUCCESS;
        };
        try (CoreMimeEndpoint endpoint = passwordEndpoint(busy)) {
            ExecutorService callers = Executors.newFixedThreadPool(6);
            try (MimeCoreClient client = client(endpoint.address(), null, stores.trust(), Duration.ofSeconds(10), 2, SECRETS)) {
                List<Future<CoreAnswer>> calls = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    calls.add(callers.submit(() -> client.call(request())));
                }
                for (Future<CoreAnswer> f : calls) {
                    assertEquals(SUCCESS, f.get(30, TimeUnit.SECONDS));
                }
            } finally {
                callers.shutdownNow();
            }
            assertTrue(most.get() <= 2, "at most maxInFlight at once: " + most.get());
        }
    }

    @Test
    void aClosedPortIsUnreachableAndNothingWasSent() throws Exception {
        URI gone;
        try (CoreMimeEndpoint endpoint = passwordEndpoint((r, user) -> SUCCESS)) {
            gone = endpoint.address();
        }
        try (MimeCoreClient client = client(gone)) {
            CoreCallException e = assertThrows(CoreCallException.class, () -> client.call(request()));
            assertEquals(CoreCallException.Kind.UNREACHABLE, e.kind(), e::getMessage);
            assertFalse(e.mayHaveReachedPayer());
        }
    }
}
