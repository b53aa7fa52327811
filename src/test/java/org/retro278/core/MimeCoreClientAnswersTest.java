package org.retro278.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.config.CoreGateway;
import org.retro278.sftp.Secrets;

/**
 * What the MIME client makes of answers a CORE gateway should not give: an HTTP error, a body that is no form, a
 * form with neither Payload nor ErrorCode. The gateway here is the JDK's own HTTPS server, answering fixed bytes.
 */
class MimeCoreClientAnswersTest {

    private static final char[] PW = LoopbackStores.PASSWORD;

    @TempDir
    Path dir;

    private CoreCallException callAgainst(int status, String contentType, String body) throws Exception {
        LoopbackStores stores = LoopbackStores.in(dir);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(stores.serverKeys())) {
            ks.load(in, PW);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PW);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/core", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            URI endpoint = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/core");
            CoreGateway g = LoopbackStores.gateway(endpoint, null, stores.trust(), Duration.ofSeconds(5), 1);
            try (MimeCoreClient client = new MimeCoreClient(g, LoopbackStores.tls(g), Secrets.of(Map.of("CORE_PW", "pw")))) {
                return assertThrows(CoreCallException.class, () -> client.call(CoreRequest.realTime278("id-1", Instant.EPOCH,
                        "SUBMITTER01", "PAYERCORE", "2.2.0", "ISA*...~")));
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anHttpServerErrorFailedAfterTheRequestWasSent() throws Exception {
        CoreCallException e = callAgainst(503, "text/plain", "busy");
        assertEquals(CoreCallException.Kind.FAILED_AFTER_SEND, e.kind());
        assertTrue(e.mayHaveReachedPayer());
        assertEquals("the CORE gateway at 127.0.0.1 answered HTTP 503 after the request was sent", e.getMessage());
    }

    /** Why an HTTP 200 answer with this body could not be read, asserting it is an unreadable answer. */
    private String unreadable(String contentType, String body) throws Exception {
        CoreCallException e = callAgainst(200, contentType, body);
        assertEquals(CoreCallException.Kind.UNREADABLE_ANSWER, e.kind(), e::getMessage);
        assertTrue(e.mayHaveReachedPayer());
        return e.getMessage().replace("the answer of the CORE gateway at 127.0.0.1 could not be read: ", "");
    }

    @Test
    void aBodyThatIsNoFormIsAnUnreadableAnswer() throws Exception {
        assertEquals("its body is not a CORE MIME envelope", unreadable("text/html", "<html>maintenance</html>"));
    }

    @Test
    void aFormWithoutPayloadOrErrorCodeIsAnUnreadableAnswer() throws Exception {
        assertEquals("it holds neither a Payload nor an ErrorCode", unreadable("multipart/form-data; boundary=b1",
                "--b1\r\nContent-Disposition: form-data; name=\"PayloadID\"\r\n\r\nid-1\r\n--b1--\r\n"));
    }

    @Test
    void aFormThatEndsEarlyIsAnUnreadableAnswer() throws Exception {
        assertEquals("its body is not a CORE MIME envelope", unreadable("multipart/form-data; boundary=b1",
                "--b1\r\nContent-Disposition: form-data; name=\"Payload\"\r\n\r\nISA*..."));
    }
}
