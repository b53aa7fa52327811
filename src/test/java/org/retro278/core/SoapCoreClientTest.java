package org.retro278.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.config.CoreGateway;
import org.retro278.sftp.Secrets;
import org.retro278.sim.CoreResponder;
import org.retro278.sim.CoreSoapEndpoint;
import org.retro278.sim.LoopbackPki;

/** {@link SoapCoreClient} against the simulator's {@link CoreSoapEndpoint} over HTTPS on loopback. */
class SoapCoreClientTest {

    private static final char[] STORE_PASSWORD = "loopback-store-pw".toCharArray();
    private static final String PASSWORD = "core-fixture-pw-7Q";
    private static final String USER = "retro278-practice";
    private static final String PASSWORD_ENV = "CORE_TEST_PASSWORD";
    private static final Instant SENT = Instant.parse("2026-12-07T01:02:03Z");
    private static final Instant ANSWERED = Instant.parse("2026-12-07T01:02:04.250Z");

    @TempDir
    static Path dir;
    private static Path serverStore;
    private static Path clientStore;
    private static Path trustStore;
    private static Path otherTrustStore;
    private static String request278;
    private static String answer278;

    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void pki() throws Exception {
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        Instant to = Instant.parse("2100-01-01T00:00:00Z");
        LoopbackPki pki = LoopbackPki.create("payer", from, to);
        serverStore = pki.server("gateway").writeKeyStore(dir.resolve("server.p12"), STORE_PASSWORD);
        clientStore = pki.client("practice").writeKeyStore(dir.resolve("client.p12"), STORE_PASSWORD);
        trustStore = pki.writeTrustStore(dir.resolve("trust.p12"), STORE_PASSWORD);
        otherTrustStore = LoopbackPki.create("stranger", from, to).writeTrustStore(dir.resolve("other.p12"), STORE_PASSWORD);
        request278 = fixture("golden/convert/riverside-2026-11-15.PAYERA.000000001.x12");
        answer278 = fixture("golden/read/a6-modified-stay-cut-service-a1.x12");
    }

    private static String fixture(String name) throws Exception {
        try (InputStream in = SoapCoreClientTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void roundTripCarriesEveryEnvelopeFieldBothWays() throws Exception {
        AtomicReference<CoreRequest> seen = new AtomicReference<>();
        AtomicReference<String> caller = new AtomicReference<>();
        CoreSoapEndpoint endpoint = endpoint(CoreAuth.PASSWORD, (request, user) -> {
            seen.set(request);
            caller.set(user);
            return success(request);
        });
        CoreAnswer answer = client(gateway(endpoint, CoreAuth.PASSWORD, Duration.ofSeconds(20)), clientStore, trustStore)
                .call(request("payload-0001"));

        CoreRequest got = seen.get();
        assertEquals(CorePayloadTypes.REQUEST_278, got.payloadType());
        assertEquals(CorePayloadTypes.REAL_TIME, got.processingMode());
        assertEquals("payload-0001", got.payloadId());
        assertEquals(SENT, got.timeStamp());
        assertEquals("PRACTICE01", got.senderId());
        assertEquals("PAYERA", got.receiverId());
        assertEquals("2.2.0", got.ruleVersion());
        assertEquals(request278, got.payload());
        assertEquals(USER, caller.get());

        assertEquals(CorePayloadTypes.RESPONSE_278, answer.payloadType());
        assertEquals(CorePayloadTypes.REAL_TIME, answer.processingMode());
        assertEquals("payload-0001", answer.payloadId());
        assertEquals("2026-12-07T01:02:04.250Z", answer.timeStamp());
        assertEquals("PAYERA", answer.senderId());
        assertEquals("PRACTICE01", answer.receiverId());
        assertEquals("2.2.0", answer.ruleVersion());
        assertEquals(answer278, answer.payload());
        assertEquals(CorePayloadTypes.SUCCESS, answer.errorCode());
        assertEquals("None", answer.errorMessage());
        assertFalse(answer.envelopeError());
    }

    @Test
    void timeStampIsSentAsUtcDateTime() {
        assertEquals("2026-12-07T01:02:03Z", SoapCoreClient.envelope(request("p")).getTimeStamp().toXMLFormat());
    }

    @Test
    void wrongPasswordIsCredentialRefusedInPlainWords() throws Exception {
        CoreSoapEndpoint endpoint = endpoint(CoreAuth.PASSWORD, (request, user) -> success(request));
        CoreGateway gateway = gateway(endpoint, CoreAuth.PASSWORD, Duration.ofSeconds(20));
        SoapCoreClient client = track(new SoapCoreClient(gateway, tls(null, trustStore),
                Secrets.of(Map.of(PASSWORD_ENV, "not-the-password"))));
        CoreCallException e = assertThrows(CoreCallException.class, () -> client.call(request("payload-0002")));
        assertEquals(CoreCallException.Kind.CREDENTIAL_REFUSED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        assertTrue(e.getMessage().contains("FailedAuthentication"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
    }

    @Test
    void noUsernameTokenIsCredentialRefused() throws Exception {
        CoreSoapEndpoint endpoint = endpoint(CoreAuth.PASSWORD, (request, user) -> success(request));
        SoapCoreClient client = client(gateway(endpoint, CoreAuth.CERTIFICATE, Duration.ofSeconds(20)), null, trustStore);
        CoreCallException e = assertThrows(CoreCallException.class, () -> client.call(request("payload-0010")));
        assertEquals(CoreCallException.Kind.CREDENTIAL_REFUSED, e.kind(), e.getMessage());
    }

    @Test
    void missingPasswordSecretIsRefusedBeforeAnyCall() throws Exception {
        CoreSoapEndpoint endpoint = endpoint(CoreAuth.PASSWORD, (request, user) -> success(request));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SoapCoreClient(
                gateway(endpoint, CoreAuth.PASSWORD, Duration.ofSeconds(20)), tls(null, trustStore), Secrets.of(Map.of())));
        assertTrue(e.getMessage().contains(PASSWORD_ENV), e.getMessage());
    }

    @Test
    void certificateAuthIsAcceptedWithoutToken() throws Exception {
        AtomicReference<String> caller = new AtomicReference<>();
        CoreSoapEndpoint endpoint = endpoint(CoreAuth.CERTIFICATE, (request, user) -> {
            caller.set(user);
            return success(request);
        });
        CoreGateway gateway = gateway(endpoint, CoreAuth.CERTIFICATE, Duration.ofSeconds(20));
        Secrets secrets = Secrets.of(Map.of("CORE_TEST_STORE_PASSWORD", new String(STORE_PASSWORD)));
        CoreAnswer answer = track(new SoapCoreClient(gateway, CoreTls.forGateway("PAYERA", gateway, secrets).context(), secrets))
                .call(request("payload-0003"));
        assertEquals("payload-0003", answer.payloadId());
        assertTrue(caller.get().contains("CN=practice"), caller.get());
    }

    @Test
    void noClientCertificateIsRefusedByTheHandshake() throws Exception {
        CoreCallException e = failure(CoreAuth.CERTIFICATE, (request, user) -> success(request), trustStore);
        assertEquals(CoreCallException.Kind.TLS_REFUSED, e.kind(), e.getMessage());
    }

    @Test
    void serverCertificateFromAnotherCaIsTlsRefused() throws Exception {
        CoreCallException e = failure(CoreAuth.PASSWORD, (request, user) -> success(request), otherTrustStore);
        assertEquals(CoreCallException.Kind.TLS_REFUSED, e.kind(), e.getMessage());
        assertFalse(e.mayHaveReachedPayer());
    }

    @Test
    void slowAnswerBeyondTheAnswerTimeoutIsTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CoreSoapEndpoint endpoint = endpoint(CoreAuth.PASSWORD, (request, user) -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return success(request);
        });
        SoapCoreClient client = client(gateway(endpoint, CoreAuth.PASSWORD, Duration.ofSeconds(1)), null, trustStore);
        try {
            long start = System.nanoTime();
            CoreCallException e = assertThrows(CoreCallException.class, () -> client.call(request("payload-0006")));
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(CoreCallException.Kind.TIMEOUT, e.kind(), e.getMessage());
            assertTrue(e.mayHaveReachedPayer());
            assertTrue(took >= 900 && took < 8000, took + " ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void envelopeErrorComesBackAsAnAnswer() throws Exception {
        CoreSoapEndpoint endpoint = endpoint(CoreAuth.PASSWORD, (request, user) -> new CoreAnswer(request.payloadType(),
                request.processingMode(), request.payloadId(), CoreSoapEndpoint.timeStamp(ANSWERED), request.receiverId(),
                request.senderId(), request.ruleVersion(), null, "SenderIDNotAuthorized", "The sender is not authorized"));
        CoreAnswer answer = client(gateway(endpoint, CoreAuth.PASSWORD, Duration.ofSeconds(20)), null, trustStore)
                .call(request("payload-0007"));
        assertTrue(answer.envelopeError());
        assertFalse(answer.hasPayload());
        assertNull(answer.payload());
        assertEquals("SenderIDNotAuthorized", answer.errorCode());
        assertEquals("The sender is not authorized", answer.errorMessage());
    }

    @Test
    void responderFailureIsFailedAfterSend() throws Exception {
        CoreCallException e = failure(CoreAuth.PASSWORD, (request, user) -> {
            throw new IllegalStateException("simulated gateway failure");
        }, trustStore);
        assertEquals(CoreCallException.Kind.FAILED_AFTER_SEND, e.kind(), e.getMessage());
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        CoreSoapEndpoint endpoint = endpoint(CoreAuth.PASSWORD, (request, user) -> success(request));
        CoreGateway gateway = gateway(endpoint, CoreAuth.PASSWORD, Duration.ofSeconds(20));
        endpoint.close();
        SoapCoreClient client = client(gateway, null, trustStore);
        CoreCallException e = assertThrows(CoreCallException.class, () -> client.call(request("payload-0009")));
        assertEquals(CoreCallException.Kind.UNREACHABLE, e.kind(), e.getMessage());
        assertFalse(e.mayHaveReachedPayer());
    }

    @Test
    void manyConcurrentCallsEachGetTheirOwnAnswer() throws Exception {
        CoreSoapEndpoint endpoint = endpoint(CoreAuth.PASSWORD, (request, user) -> success(request));
        SoapCoreClient client = client(gateway(endpoint, CoreAuth.PASSWORD, Duration.ofSeconds(10)), null, trustStore);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<CoreAnswer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = "payload-c" + i;
                answers.add(pool.submit(() -> client.call(request(id))));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals("payload-c" + i, answers.get(i).get(30, TimeUnit.SECONDS).payloadId());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The failure of one call, without a client certificate, to an endpoint answering with {@code responder}. */
    private CoreCallException failure(CoreAuth auth, CoreResponder responder, Path trust) throws Exception {
        SoapCoreClient client = client(gateway(endpoint(auth, responder), auth, Duration.ofSeconds(20)), null, trust);
        return assertThrows(CoreCallException.class, () -> client.call(request("payload-failing")));
    }

    private static CoreRequest request(String payloadId) {
        return CoreRequest.realTime278(payloadId, SENT, "PRACTICE01", "PAYERA", "2.2.0", request278);
    }

    private static CoreAnswer success(CoreRequest request) {
        return new CoreAnswer(CorePayloadTypes.RESPONSE_278, request.processingMode(), request.payloadId(),
                CoreSoapEndpoint.timeStamp(ANSWERED), request.receiverId(), request.senderId(), request.ruleVersion(),
                answer278, CorePayloadTypes.SUCCESS, "None");
    }

    private CoreSoapEndpoint endpoint(CoreAuth auth, CoreResponder responder) throws Exception {
        CoreSoapEndpoint endpoint = CoreSoapEndpoint.fromStores(responder, auth, USER, PASSWORD, serverStore, STORE_PASSWORD,
                trustStore, STORE_PASSWORD);
        endpoint.start(0);
        return track(endpoint);
    }

    private static CoreGateway gateway(CoreSoapEndpoint endpoint, CoreAuth auth, Duration answerTimeout) {
        boolean password = auth == CoreAuth.PASSWORD;
        return new CoreGateway(URI.create(endpoint.address()), CoreEnvelope.SOAP, auth, password ? USER : null,
                password ? PASSWORD_ENV : null, password ? null : clientStore, password ? null : "CORE_TEST_STORE_PASSWORD",
                trustStore, "CORE_TEST_STORE_PASSWORD", "PRACTICE01", "PAYERA", "2.2.0", Duration.ofSeconds(2),
                answerTimeout, Duration.ofSeconds(60), Duration.ofSeconds(90), 2, Duration.ofSeconds(90), 8);
    }

    private SoapCoreClient client(CoreGateway gateway, Path keyStore, Path trust) throws Exception {
        return track(new SoapCoreClient(gateway, tls(keyStore, trust), Secrets.of(Map.of(PASSWORD_ENV, PASSWORD))));
    }

    /** What CoreTls makes from a gateway's stores: the client key (if any) and the payer's trust store. */
    private static SSLContext tls(Path keyStore, Path trust) throws Exception {
        KeyManager[] keys = null;
        if (keyStore != null) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keyStore), STORE_PASSWORD);
            keys = kmf.getKeyManagers();
        }
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys, trustManagers(trust), null);
        return tls;
    }

    private static TrustManager[] trustManagers(Path trust) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(trust));
        return tmf.getTrustManagers();
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, STORE_PASSWORD);
        }
        return ks;
    }

    private <T extends AutoCloseable> T track(T closeable) {
        open.add(0, closeable);
        return closeable;
    }
}
