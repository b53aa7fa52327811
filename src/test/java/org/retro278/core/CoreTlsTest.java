package org.retro278.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.config.ConfigurationException;
import org.retro278.config.CoreGateway;
import org.retro278.sftp.Secrets;
import org.retro278.sim.LoopbackPki;

/** CoreTls against a real TLS server on loopback, made from LoopbackPki stores. */
class CoreTlsTest {

    private static final Instant FROM = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2100-01-01T00:00:00Z");
    private static final char[] PASSWORD = "store-pass-1".toCharArray();
    private static final Secrets SECRETS = Secrets.of(Map.of("KEYS_PW", "store-pass-1", "TRUST_PW", "store-pass-1"));

    @TempDir
    static Path dir;
    static Path serverKeys;
    static Path trust;
    static Path clientKeys;
    static Path otherTrust;

    private final ExecutorService server = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void pki() throws IOException {
        LoopbackPki payer = LoopbackPki.create("payer", FROM, TO);
        serverKeys = payer.server("core.payer").writeKeyStore(dir.resolve("server.p12"), PASSWORD);
        trust = payer.writeTrustStore(dir.resolve("trust.p12"), PASSWORD);
        clientKeys = payer.client("retro278 client").writeKeyStore(dir.resolve("client.p12"), PASSWORD);
        otherTrust = LoopbackPki.create("stranger", FROM, TO).writeTrustStore(dir.resolve("other-trust.p12"), PASSWORD);
    }

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    private static CoreGateway gateway(CoreAuth auth, Path keyStore, Path trustStore) {
        boolean cert = auth == CoreAuth.CERTIFICATE;
        return new CoreGateway(URI.create("https://127.0.0.1/core"), CoreEnvelope.SOAP, auth, cert ? null : "sub1",
                cert ? null : "CORE_PW", cert ? keyStore : null, cert ? "KEYS_PW" : null, trustStore, "TRUST_PW",
                "SUBMITTER", "PAYER", "2.2.0", Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(60),
                Duration.ofSeconds(90), 2, Duration.ofSeconds(90), 8);
    }

    private static CoreTls tls(CoreAuth auth, Path trustStore) throws ConfigurationException {
        return CoreTls.forGateway("PAYERX", gateway(auth, clientKeys, trustStore), SECRETS);
    }

    /** What the loopback server saw of one handshake. */
    private record Seen(String protocol, Principal client) {
    }

    /** A one-connection TLS server with the payer's server certificate, asking for (or requiring) a client certificate. */
    private SSLServerSocket listen(String address, boolean needClientAuth, String... protocols) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverKeys)) {
            keys.load(in, PASSWORD);
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trust)) {
            trusted.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getByName(address));
        if (needClientAuth) {
            s.setNeedClientAuth(true);
        } else {
            s.setWantClientAuth(true);
        }
        if (protocols.length > 0) {
            s.setEnabledProtocols(protocols);
        }
        return s;
    }

    private CompletableFuture<Seen> serveOnce(SSLServerSocket s) {
        return CompletableFuture.supplyAsync(() -> {
            try (s; SSLSocket c = (SSLSocket) s.accept()) {
                c.setSoTimeout(5_000);
                c.startHandshake();
                Principal client = peer(c);
                OutputStream out = c.getOutputStream();
                out.write('k');
                out.flush();
                return new Seen(c.getSession().getProtocol(), client);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, server);
    }

    private static Principal peer(SSLSocket c) {
        try {
            return c.getSession().getPeerPrincipal();
        } catch (IOException e) {
            return null;
        }
    }

    /** Connects as the CORE clients do: the context's sockets with the parameters applied, then one byte read. */
    private static String connect(CoreTls tls, String host, int port) throws IOException {
        try (SSLSocket c = (SSLSocket) tls.context().getSocketFactory().createSocket(host, port)) {
            c.setSoTimeout(5_000);
            c.setSSLParameters(tls.parameters());
            c.startHandshake();
            if (c.getInputStream().read() != 'k') {
                throw new IOException("the server closed the connection without its byte");
            }
            return c.getSession().getProtocol();
        }
    }

    @Test
    void aServerCertifiedByTheTrustedCaIsAcceptedOverTls13Or12() throws Exception {
        SSLServerSocket s = listen("127.0.0.1", false);
        CompletableFuture<Seen> seen = serveOnce(s);
        String protocol = connect(tls(CoreAuth.PASSWORD, trust), "127.0.0.1", s.getLocalPort());
        assertTrue(CoreTls.PROTOCOLS.contains(protocol), protocol);
        Seen server = seen.get(10, TimeUnit.SECONDS);
        assertEquals(null, server.client(), "password auth presents no client certificate");
    }

    @Test
    void aServerCertifiedByAnotherCaIsRefused() throws Exception {
        SSLServerSocket s = listen("127.0.0.1", false);
        serveOnce(s);
        assertThrows(SSLException.class, () -> connect(tls(CoreAuth.PASSWORD, otherTrust), "127.0.0.1", s.getLocalPort()));
    }

    @Test
    void aServerWhoseCertificateDoesNotNameTheHostIsRefused() throws Exception {
        // the server certificate names 127.0.0.1 and localhost, not 127.0.0.2 (also loopback on Linux)
        SSLServerSocket s = listen("127.0.0.2", false);
        serveOnce(s);
        SSLException e = assertThrows(SSLException.class, () -> connect(tls(CoreAuth.PASSWORD, trust), "127.0.0.2", s.getLocalPort()));
        assertTrue(String.valueOf(e.getMessage()).contains("127.0.0.2"), e.getMessage());
    }

    @Test
    void certificateAuthPresentsTheClientCertificateAndTheServerVerifiesIt() throws Exception {
        SSLServerSocket s = listen("127.0.0.1", true);
        CompletableFuture<Seen> seen = serveOnce(s);
        CoreTls tls = tls(CoreAuth.CERTIFICATE, trust);
        assertTrue(tls.presentsClientCertificate());
        connect(tls, "localhost", s.getLocalPort());
        assertTrue(seen.get(10, TimeUnit.SECONDS).client().getName().contains("CN=retro278 client"));
    }

    @Test
    void withoutAClientCertificateAServerThatNeedsOneRefuses() throws Exception {
        SSLServerSocket s = listen("127.0.0.1", true);
        serveOnce(s);
        assertThrows(IOException.class, () -> connect(tls(CoreAuth.PASSWORD, trust), "127.0.0.1", s.getLocalPort()));
    }

    @Test
    void onlyTls13And12AreOfferedAndHostNamesAreVerified() throws Exception {
        CoreTls tls = tls(CoreAuth.CERTIFICATE, trust);
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), Arrays.asList(tls.protocols()));
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), Arrays.asList(tls.parameters().getProtocols()));
        assertEquals("HTTPS", tls.parameters().getEndpointIdentificationAlgorithm());
        try (SSLSocket c = (SSLSocket) tls.context().getSocketFactory().createSocket()) {
            c.setSSLParameters(tls.parameters());
            List<String> enabled = Arrays.asList(c.getEnabledProtocols());
            assertFalse(enabled.contains("TLSv1.1") || enabled.contains("TLSv1") || enabled.contains("SSLv3"), enabled.toString());
        }
        SSLServerSocket s = listen("127.0.0.1", false, "TLSv1.2");
        serveOnce(s);
        assertEquals("TLSv1.2", connect(tls, "127.0.0.1", s.getLocalPort()), "a TLS 1.2 gateway is still reached");
        SSLServerSocket old = listen("127.0.0.1", false, "TLSv1.1", "TLSv1");
        serveOnce(old);
        assertThrows(SSLException.class, () -> connect(tls, "127.0.0.1", old.getLocalPort()));
    }

    @Test
    void theDaysUntilTheClientCertificateExpiresFollowThePinnedClock() throws Exception {
        CoreTls tls = tls(CoreAuth.CERTIFICATE, trust);
        assertEquals(OptionalLong.of(30), tls.daysUntilClientCertificateExpires(Clock.fixed(Instant.parse("2099-12-02T00:00:00Z"), ZoneOffset.UTC)));
        assertEquals(OptionalLong.of(-1), tls.daysUntilClientCertificateExpires(Clock.fixed(Instant.parse("2100-01-02T00:00:00Z"), ZoneOffset.UTC)));
        assertEquals(OptionalLong.empty(), tls(CoreAuth.PASSWORD, trust)
                .daysUntilClientCertificateExpires(Clock.fixed(Instant.parse("2099-12-02T00:00:00Z"), ZoneOffset.UTC)));
    }

    private static void refused(CoreGateway g, Secrets secrets, String expected) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> CoreTls.forGateway("PAYERX", g, secrets));
        assertTrue(e.getMessage().startsWith("payer PAYERX: gateway.core."), e.getMessage());
        assertTrue(e.getMessage().contains(expected), expected + " <- " + e.getMessage());
        assertFalse(e.getMessage().contains("store-pass") || e.getMessage().contains("wrong-pass"), e.getMessage());
    }

    @Test
    void storesThatCannotServeAreRefusedInPlainWords() throws Exception {
        CoreGateway cert = gateway(CoreAuth.CERTIFICATE, clientKeys, trust);
        refused(cert, Secrets.of(Map.of("TRUST_PW", "store-pass-1")),
                "keyStorePasswordEnv: the environment variable KEYS_PW is not set");
        refused(cert, Secrets.of(Map.of("KEYS_PW", "store-pass-1")),
                "trustStorePasswordEnv: the environment variable TRUST_PW is not set");
        refused(cert, Secrets.of(Map.of("KEYS_PW", "wrong-pass", "TRUST_PW", "store-pass-1")),
                "keyStore: the password does not open " + clientKeys);
        refused(cert, Secrets.of(Map.of("KEYS_PW", "store-pass-1", "TRUST_PW", "wrong-pass")),
                "trustStore: the password does not open " + trust);
        refused(gateway(CoreAuth.CERTIFICATE, dir.resolve("gone.p12"), trust), SECRETS,
                "keyStore: " + dir.resolve("gone.p12") + " is not there or cannot be read");
        Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a key store");
        refused(gateway(CoreAuth.CERTIFICATE, garbage, trust), SECRETS,
                "keyStore: " + garbage + " cannot be read as a PKCS#12 store");
        refused(gateway(CoreAuth.CERTIFICATE, trust, trust), SECRETS,
                "keyStore: " + trust + " holds no private key with its certificate");
        KeyStore none = KeyStore.getInstance("PKCS12");
        none.load(null, null);
        Path empty = dir.resolve("empty.p12");
        try (OutputStream out = Files.newOutputStream(empty)) {
            none.store(out, PASSWORD);
        }
        refused(gateway(CoreAuth.PASSWORD, null, empty), SECRETS, "trustStore: " + empty + " holds no trusted certificate");
        refused(gateway(CoreAuth.PASSWORD, null, clientKeys), SECRETS, "trustStore: " + clientKeys + " holds no trusted certificate");
        CoreGateway noPassword = new CoreGateway(cert.endpoint(), cert.envelope(), CoreAuth.PASSWORD, "sub1", "CORE_PW",
                null, null, trust, null, "SUBMITTER", "PAYER", "2.2.0", cert.connectTimeout(), cert.answerTimeout(),
                cert.connectionHold(), cert.retransmitAfter(), 2, cert.retrySpacing(), 8);
        refused(noPassword, SECRETS, "needs trustStorePasswordEnv");
    }
}
