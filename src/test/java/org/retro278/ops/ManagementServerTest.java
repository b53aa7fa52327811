package org.retro278.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.config.ConfigurationException;
import org.retro278.config.RuntimeSettings;
import org.retro278.ops.console.Console;
import org.retro278.sftp.Secrets;
import org.retro278.store.TransactionStore;
import org.retro278.testing.TestClock;

/** The management port over HTTP and HTTPS: the token, the paths, the methods, the health bodies, the console's door. */
class ManagementServerTest {

    private static final String TOKEN = "a-long-enough-token-1234";
    private static final String KEYSTORE_PASSWORD = "keystore-pass-5678";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private TransactionStore store;
    private StoreProbe probe;
    private CamelContext camel;
    private AdapterMetrics metrics;
    private HealthChecks health;

    @BeforeEach
    void start() throws Exception {
        TestClock clock = TestClock.stoppedAt(TestClock.SAMPLES_AS_OF.atZone(TestClock.ZONE).toInstant());
        store = TransactionStore.openH2(dir, "", clock);
        probe = new StoreProbe(Duration.ofSeconds(5));
        metrics = new AdapterMetrics(store.census(), probe, Duration.ZERO, List.of("P1"), List.of("PAYERA"));
        camel = new DefaultCamelContext();
        camel.start();
        health = new HealthChecks(camel, store.census(), probe, route -> false);
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        probe.close();
        store.close();
    }

    /** A PKCS12 keystore with a key and a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    private Path keystore() throws Exception {
        Path p12 = dir.resolve("management.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "management", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "30", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD).redirectErrorStream(true).start();
        String said = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), said);
        return p12;
    }

    @Test
    void withACertificateItServesHttpsAndTheConsolesCookieIsSecure() throws Exception {
        RuntimeSettings.Tls tls = new RuntimeSettings.Tls(keystore(), "KEYSTORE_PW");
        SSLContext server = ManagementTls.context(tls, Secrets.of(Map.of("KEYSTORE_PW", KEYSTORE_PASSWORD)));
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            trusted.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trust.getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(client).build();
        BearerToken token = BearerToken.of(TOKEN);
        Console console = new Console(store.operatorView(), token::matches, true, TestClock.forSamples(), null);
        try (ManagementServer s = ManagementServer.start(new InetSocketAddress("127.0.0.1", 0), server, token, metrics, health,
                console)) {
            assertTrue(s.https());
            URI base = URI.create("https://127.0.0.1:" + s.address().getPort());
            HttpResponse<String> m = https.send(HttpRequest.newBuilder(base.resolve("/metrics"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, m.statusCode());
            HttpResponse<String> login = https.send(HttpRequest.newBuilder(base.resolve("/console/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(303, login.statusCode(), login.body());
            assertTrue(login.headers().firstValue("Set-Cookie").orElse("").endsWith("; HttpOnly; SameSite=Strict; Secure"));
            assertEquals("no-store", login.headers().firstValue("Cache-Control").orElse(""));
        }
    }

    @Test
    void aKeystoreThatCannotBeOpenedStopsTheStartWithoutItsPassword() throws Exception {
        RuntimeSettings.Tls tls = new RuntimeSettings.Tls(keystore(), "KEYSTORE_PW");
        ConfigurationException wrong = assertThrows(ConfigurationException.class,
                () -> ManagementTls.context(tls, Secrets.of(Map.of("KEYSTORE_PW", "another-password-99"))));
        assertTrue(wrong.getMessage().contains("retro278.management.tls.keystore"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("another-password-99"), wrong.getMessage());
        ConfigurationException unset = assertThrows(ConfigurationException.class,
                () -> ManagementTls.context(tls, Secrets.of(Map.of())));
        assertTrue(unset.getMessage().contains("KEYSTORE_PW is not set"), unset.getMessage());
    }

    @Test
    void theConsoleGoesByItsSessionNotByTheBearerToken() throws Exception {
        BearerToken token = BearerToken.of(TOKEN);
        Console console = new Console(store.operatorView(), token::matches, false, TestClock.forSamples(), null);
        try (ManagementServer s = ManagementServer.start(new InetSocketAddress("127.0.0.1", 0), null, token, metrics, health,
                console)) {
            HttpResponse<String> page = send(s, "GET", "/console/", null);
            assertEquals(303, page.statusCode(), "sent to the login, not 401");
            assertEquals("/console/login", page.headers().firstValue("Location").orElse(""));
            assertEquals(303, send(s, "GET", "/", null).statusCode());
            assertEquals(405, send(s, "PUT", "/console/", null).statusCode());
            assertEquals(401, send(s, "GET", "/metrics", null).statusCode());
        }
    }

    private ManagementServer serve(BearerToken token) throws Exception {
        return ManagementServer.start(new InetSocketAddress("127.0.0.1", 0), null, token, metrics, health, null);
    }

    private static HttpResponse<String> send(ManagementServer s, String method, String path, String authorization)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.address().getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withATokenEveryPathAsksForIt() throws Exception {
        try (ManagementServer s = serve(BearerToken.of(TOKEN))) {
            for (String path : List.of("/metrics", "/health/live", "/health/ready", "/nowhere")) {
                HttpResponse<String> r = send(s, "GET", path, null);
                assertEquals(401, r.statusCode(), path);
                assertEquals("Bearer realm=\"retro278\"", r.headers().firstValue("WWW-Authenticate").orElse(""), path);
                assertEquals(401, send(s, "GET", path, "Bearer wrong-token-of-some-length").statusCode(), path);
            }
            HttpResponse<String> ok = send(s, "GET", "/metrics", "Bearer " + TOKEN);
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().contains("retro278_claims{state=\"READY\"} 0.0"), ok.body());
        }
    }

    @Test
    void withoutATokenTheThreePathsAnswerAndNothingElse() throws Exception {
        try (ManagementServer s = serve(null)) {
            HttpResponse<String> m = send(s, "GET", "/metrics", null);
            assertEquals(200, m.statusCode());
            assertEquals(AdapterMetrics.contentType(), m.headers().firstValue("Content-Type").orElse(""));
            assertEquals("no-store", m.headers().firstValue("Cache-Control").orElse(""));
            assertEquals(404, send(s, "GET", "/", null).statusCode());
            assertEquals(404, send(s, "GET", "/metrics/extra", null).statusCode());
            HttpResponse<String> post = send(s, "POST", "/metrics", null);
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
            HttpResponse<String> head = send(s, "HEAD", "/health/live", null);
            assertEquals(200, head.statusCode());
            assertEquals("", head.body());
        }
    }

    @Test
    void readinessNamesEachCheckAndFailsWithTheStore() throws Exception {
        try (ManagementServer s = serve(null)) {
            HttpResponse<String> up = send(s, "GET", "/health/ready", null);
            assertEquals(200, up.statusCode(), up.body());
            assertEquals("application/json", up.headers().firstValue("Content-Type").orElse(""));
            JsonNode body = JSON.readTree(up.body());
            assertEquals("UP", body.path("status").asText());
            for (String check : List.of("store", "routes", "partners")) {
                assertEquals("UP", body.path("checks").path(check).path("status").asText(), check);
            }
            assertEquals("UP", JSON.readTree(send(s, "GET", "/health/live", null).body()).path("status").asText());

            store.close();
            HttpResponse<String> down = send(s, "GET", "/health/ready", null);
            assertEquals(503, down.statusCode());
            JsonNode d = JSON.readTree(down.body());
            assertEquals("DOWN", d.path("status").asText());
            assertEquals("DOWN", d.path("checks").path("store").path("status").asText());
            assertEquals("UP", d.path("checks").path("routes").path("status").asText());
            store = TransactionStore.openH2(dir.resolve("again"), "", TestClock.stoppedAt(TestClock.SAMPLES_AS_OF
                    .atZone(TestClock.ZONE).toInstant()));
        }
    }

    @Test
    void aStoppedContextIsNotAlive() throws Exception {
        try (ManagementServer s = serve(null)) {
            camel.stop();
            assertEquals(503, send(s, "GET", "/health/live", null).statusCode());
            assertEquals(503, send(s, "GET", "/health/ready", null).statusCode());
        }
    }
}
