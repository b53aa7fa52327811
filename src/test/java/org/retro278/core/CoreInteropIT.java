package org.retro278.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.xml.ws.transport.http.server.EndpointImpl;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.MimeHeaders;
import jakarta.xml.soap.SOAPBody;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.retro278.config.CoreGateway;
import org.retro278.interop.metro.COREEnvelopeRealTimeRequest;
import org.retro278.interop.metro.COREEnvelopeRealTimeResponse;
import org.retro278.sftp.Secrets;
import org.retro278.sim.LoopbackPki;

/**
 * Interoperability: our {@link SoapCoreClient} (Apache CXF) against a CORE gateway built from the same WSDL by a
 * second, independent SOAP toolkit, Eclipse Metro ({@link MetroCoreGateway}), over HTTPS on loopback. Metro reads
 * our envelope with its own JAXB binding and schema validation, checks our WS-Security UsernameToken with SAAJ, or
 * requires our client certificate; our client reads Metro's answers. docs/partners.md, "Interoperability".
 */
class CoreInteropIT {

    private static final char[] STORE_PASSWORD = "interop-store-pw".toCharArray();
    private static final String USER = "retro278-practice";
    private static final String PASSWORD = "metro-fixture-pw-3K";
    private static final String PASSWORD_ENV = "CORE_INTEROP_PASSWORD";
    private static final String CORE_NS = "http://www.caqh.org/SOAP/WSDL/CORERule2.2.0.xsd";
    private static final Instant SENT = Instant.parse("2026-12-07T01:02:03Z");
    private static final String ANSWERED = "2026-12-07T01:02:04.250Z";
    private static final String PAYLOAD_ID = "5b0f3c2e-8d4a-4e61-9a57-2f1c0d9e7b34";

    /** The 278 sent (what the converter makes for a fictional claim) and the 278 response Metro answers. */
    private static String request278;
    private static String answer278;
    /** Where the gateway settings say the stores are; the TLS contexts below hold the same keys. */
    private static Path clientStore;
    private static Path trustStore;
    private static SSLContext serverTls;
    private static SSLContext clientWithCertificate;
    private static SSLContext clientWithoutCertificate;

    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void pki(@TempDir Path dir) throws Exception {
        request278 = fixture("golden/convert/riverside-2026-11-15.PAYERA.000000001.x12");
        answer278 = fixture("golden/read/a6-modified-stay-cut-service-a1.x12");
        LoopbackPki pki = LoopbackPki.create("metro", Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"));
        LoopbackPki.Issued practice = pki.client("practice");
        clientStore = practice.writeKeyStore(dir.resolve("client.p12"), STORE_PASSWORD);
        trustStore = pki.writeTrustStore(dir.resolve("trust.p12"), STORE_PASSWORD);
        serverTls = tls(pki.server("metro-gateway"), pki.authority());
        clientWithCertificate = tls(practice, pki.authority());
        clientWithoutCertificate = tls(null, pki.authority());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void metroReadsEveryEnvelopeFieldAndOurClientReadsMetrosAnswer() throws Exception {
        MetroCoreGateway metro = metro(CoreAuth.PASSWORD, CoreInteropIT::success);
        CoreAnswer answer = client(metro, CoreAuth.PASSWORD, PASSWORD, clientWithoutCertificate).call(request());

        assertInstanceOf(EndpointImpl.class, metro.endpoint(), "published by Metro, not by CXF's provider");
        assertEquals(1, metro.received().size());
        MetroCoreGateway.Received received = metro.received().get(0);
        assertTrue(received.messageContextClass().startsWith("com.sun.xml.ws."), received.messageContextClass());
        assertEquals(USER, received.user());
        COREEnvelopeRealTimeRequest got = received.envelope();
        assertEquals("X12_278_Request_005010X217E1_2", got.getPayloadType());
        assertEquals("RealTime", got.getProcessingMode());
        assertEquals(PAYLOAD_ID, UUID.fromString(got.getPayloadID()).toString());
        XMLGregorianCalendar time = got.getTimeStamp();
        assertEquals(0, time.getTimezone(), "TimeStamp in UTC");
        assertEquals(SENT, time.toGregorianCalendar().toInstant());
        assertEquals("2026-12-07T01:02:03Z", time.toXMLFormat());
        assertEquals("PRACTICE01", got.getSenderID());
        assertEquals("PAYERA", got.getReceiverID());
        assertEquals("2.2.0", got.getCORERuleVersion());
        assertArrayEquals(request278.getBytes(StandardCharsets.ISO_8859_1), got.getPayload().getBytes(StandardCharsets.ISO_8859_1));

        // the record holds every field of Metro's answer; its equality compares them all, the payload byte for byte
        assertEquals(new CoreAnswer(CorePayloadTypes.RESPONSE_278, CorePayloadTypes.REAL_TIME, PAYLOAD_ID, ANSWERED,
                "PAYERA", "PRACTICE01", "2.2.0", answer278, CorePayloadTypes.SUCCESS, "None"), answer);
        assertFalse(answer.envelopeError());
    }

    @Test
    void metrosEnvelopeErrorReadsAsEnvelopeError() throws Exception {
        MetroCoreGateway metro = metro(CoreAuth.PASSWORD, request -> {
            COREEnvelopeRealTimeResponse r = success(request);
            r.setPayload(null);
            r.setErrorCode("SenderIDNotAuthorized");
            r.setErrorMessage("The sender is not authorized for this receiver");
            return r;
        });
        CoreAnswer answer = client(metro, CoreAuth.PASSWORD, PASSWORD, clientWithoutCertificate).call(request());
        assertTrue(answer.envelopeError());
        assertFalse(answer.hasPayload());
        assertNull(answer.payload());
        assertEquals("SenderIDNotAuthorized", answer.errorCode());
        assertEquals("The sender is not authorized for this receiver", answer.errorMessage());
        assertEquals(PAYLOAD_ID, answer.payloadId());
    }

    @Test
    void wrongPasswordIsRefusedByMetrosHandlerAsCredentialRefused() throws Exception {
        MetroCoreGateway metro = metro(CoreAuth.PASSWORD, CoreInteropIT::success);
        SoapCoreClient client = client(metro, CoreAuth.PASSWORD, "not-the-password", clientWithoutCertificate);
        CoreCallException e = assertThrows(CoreCallException.class, () -> client.call(request()));
        assertEquals(CoreCallException.Kind.CREDENTIAL_REFUSED, e.kind(), e.getMessage());
        assertFalse(e.mayHaveReachedPayer());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
        assertTrue(metro.received().isEmpty(), "the service never saw the request");
    }

    @Test
    void certificateModeMetroRequiresAndSeesOurClientCertificate() throws Exception {
        MetroCoreGateway metro = metro(CoreAuth.CERTIFICATE, CoreInteropIT::success);
        CoreAnswer answer = client(metro, CoreAuth.CERTIFICATE, null, clientWithCertificate).call(request());
        assertEquals(PAYLOAD_ID, answer.payloadId());
        assertEquals(answer278, answer.payload());
        String peer = metro.received().get(0).clientCertificate();
        assertTrue(peer != null && peer.contains("CN=practice"), String.valueOf(peer));
        assertNull(metro.received().get(0).user(), "no UsernameToken check in certificate mode");

    }

    @Test
    void withoutOurClientCertificateMetrosServerRefusesTheHandshake() throws Exception {
        MetroCoreGateway tls12 = track(new MetroCoreGateway(serverTls, CoreAuth.CERTIFICATE, USER, PASSWORD,
                CoreInteropIT::success, "TLSv1.2"));
        SoapCoreClient client = client(tls12, CoreAuth.CERTIFICATE, null, clientWithoutCertificate);
        CoreCallException e = assertThrows(CoreCallException.class, () -> client.call(request()));
        assertEquals(CoreCallException.Kind.TLS_REFUSED, e.kind(), e.getMessage());
        assertFalse(e.mayHaveReachedPayer());
        assertTrue(tls12.received().isEmpty());
    }

    /**
     * Under TLS 1.3 our side of the handshake is over before the server checks our certificate, and the JDK server
     * then closes the connection without a TLS alert: from here that looks like a drop after the request was sent,
     * so the call is reported as one that may have reached the payer (the 90 s rule holds a retry back).
     */
    @Test
    void withoutOurClientCertificateUnderTls13MetroNeverSeesTheRequest() throws Exception {
        MetroCoreGateway metro = metro(CoreAuth.CERTIFICATE, CoreInteropIT::success);
        SoapCoreClient client = client(metro, CoreAuth.CERTIFICATE, null, clientWithoutCertificate);
        CoreCallException e = assertThrows(CoreCallException.class, () -> client.call(request()));
        assertTrue(e.kind() == CoreCallException.Kind.TLS_REFUSED || e.kind() == CoreCallException.Kind.FAILED_AFTER_SEND,
                e.kind() + ": " + e.getMessage());
        assertTrue(metro.received().isEmpty());
    }

    /** The control for the test below: the same SAAJ-built envelope, unbroken, is accepted. */
    @Test
    void envelopeBuiltWithSaajIsAcceptedWhenItFollowsTheSchema() throws Exception {
        MetroCoreGateway metro = metro(CoreAuth.CERTIFICATE, CoreInteropIT::success);
        SOAPBody reply = post(metro, envelope(Breakage.NONE)).getSOAPBody();
        assertFalse(reply.hasFault(), () -> reply.getFault().getFaultString());
        assertEquals(1, metro.received().size());
        assertEquals(PAYLOAD_ID, metro.received().get(0).envelope().getPayloadID());
    }

    /** Proves the checks above can fail: Metro's schema validation refuses an envelope that breaks the CORE schema. */
    @ParameterizedTest
    @EnumSource(value = Breakage.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void envelopeThatBreaksTheSchemaIsRefusedByMetro(Breakage breakage) throws Exception {
        MetroCoreGateway metro = metro(CoreAuth.CERTIFICATE, CoreInteropIT::success);
        SOAPMessage reply = post(metro, envelope(breakage));
        assertTrue(reply.getSOAPBody().hasFault(), breakage + " was accepted");
        assertTrue(metro.received().isEmpty(), "the service never saw the request");
        String reason = reply.getSOAPBody().getFault().getFaultString();
        assertTrue(reason.contains("cvc-"), reason);
    }

    /** Ways a request envelope can break the CORE schema. */
    enum Breakage { NONE, WRONG_NAMESPACE, FIELDS_OUT_OF_ORDER, MISSING_ELEMENT, TIMESTAMP_NOT_A_DATETIME }

    /** A COREEnvelopeRealTimeRequest built with SAAJ (no XML text), broken as asked. */
    private static SOAPMessage envelope(Breakage breakage) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("PayloadType", CorePayloadTypes.REQUEST_278);
        fields.put("ProcessingMode", CorePayloadTypes.REAL_TIME);
        fields.put("PayloadID", PAYLOAD_ID);
        fields.put("TimeStamp", breakage == Breakage.TIMESTAMP_NOT_A_DATETIME ? "2026-12-07 01:02:03" : "2026-12-07T01:02:03Z");
        fields.put("SenderID", "PRACTICE01");
        fields.put("ReceiverID", "PAYERA");
        fields.put("CORERuleVersion", "2.2.0");
        fields.put("Payload", request278);
        if (breakage == Breakage.MISSING_ELEMENT) {
            fields.remove("CORERuleVersion");
        }
        List<String> order = new ArrayList<>(fields.keySet());
        if (breakage == Breakage.FIELDS_OUT_OF_ORDER) {
            order.add(0, order.remove(order.indexOf("SenderID")));
        }
        String ns = breakage == Breakage.WRONG_NAMESPACE ? "http://www.caqh.org/SOAP/WSDL/CORERule2.1.0.xsd" : CORE_NS;
        SOAPMessage message = MessageFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL).createMessage();
        SOAPBody body = message.getSOAPBody();
        SOAPElement request = body.addChildElement(new QName(ns, "COREEnvelopeRealTimeRequest", "core"));
        for (String name : order) {
            request.addChildElement(new QName(ns, name, "core")).addTextNode(fields.get(name));
        }
        message.saveChanges();
        return message;
    }

    /** Posts a SAAJ message to the Metro gateway with our client certificate and reads the answer with SAAJ. */
    private static SOAPMessage post(MetroCoreGateway metro, SOAPMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        HttpClient http = HttpClient.newBuilder().sslContext(clientWithCertificate).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(metro.address()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", SOAPConstants.SOAP_1_2_CONTENT_TYPE + "; charset=utf-8; action=\"RealTimeTransaction\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(), HttpResponse.BodyHandlers.ofByteArray());
        MimeHeaders headers = new MimeHeaders();
        headers.addHeader("Content-Type", response.headers().firstValue("Content-Type").orElseThrow());
        return MessageFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL)
                .createMessage(headers, new ByteArrayInputStream(response.body()));
    }

    private static CoreRequest request() {
        return CoreRequest.realTime278(PAYLOAD_ID, SENT, "PRACTICE01", "PAYERA", "2.2.0", request278);
    }

    private static COREEnvelopeRealTimeResponse success(COREEnvelopeRealTimeRequest request) {
        COREEnvelopeRealTimeResponse r = new COREEnvelopeRealTimeResponse();
        r.setPayloadType(CorePayloadTypes.RESPONSE_278);
        r.setProcessingMode(request.getProcessingMode());
        r.setPayloadID(request.getPayloadID());
        r.setTimeStamp(DatatypeFactory.newDefaultInstance().newXMLGregorianCalendar(ANSWERED));
        r.setSenderID(request.getReceiverID());
        r.setReceiverID(request.getSenderID());
        r.setCORERuleVersion(request.getCORERuleVersion());
        r.setPayload(answer278);
        r.setErrorCode(CorePayloadTypes.SUCCESS);
        r.setErrorMessage("None");
        return r;
    }

    private MetroCoreGateway metro(CoreAuth auth, MetroCoreGateway.Responder responder) throws Exception {
        return track(new MetroCoreGateway(serverTls, auth, USER, PASSWORD, responder));
    }

    private SoapCoreClient client(MetroCoreGateway metro, CoreAuth auth, String password, SSLContext tls) {
        boolean passwordMode = auth == CoreAuth.PASSWORD;
        CoreGateway gateway = new CoreGateway(URI.create(metro.address()), CoreEnvelope.SOAP, auth,
                passwordMode ? USER : null, passwordMode ? PASSWORD_ENV : null, passwordMode ? null : clientStore,
                passwordMode ? null : "CORE_INTEROP_STORE_PASSWORD", trustStore, "CORE_INTEROP_STORE_PASSWORD",
                "PRACTICE01", "PAYERA", "2.2.0", Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofSeconds(90), 2, Duration.ofSeconds(90), 8);
        Map<String, String> env = passwordMode ? Map.of(PASSWORD_ENV, password) : Map.of();
        return track(new SoapCoreClient(gateway, tls, Secrets.of(env)));
    }

    /** A TLS context with the key (if any) and trust in the CA, as CoreTls makes one from a gateway's stores. */
    private static SSLContext tls(LoopbackPki.Issued key, X509Certificate authority) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", authority);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        KeyManager[] keyManagers = null;
        if (key != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("key", key.key(), STORE_PASSWORD, new Certificate[] {key.certificate(), key.issuer()});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, STORE_PASSWORD);
            keyManagers = factory.getKeyManagers();
        }
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers, trustManagers.getTrustManagers(), null);
        return tls;
    }

    private static String fixture(String name) throws Exception {
        try (InputStream in = CoreInteropIT.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        open.add(0, closeable);
        return closeable;
    }
}
