package org.retro278.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.hc.core5.http.HttpEntity;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.retro278.core.CoreAnswer;
import org.retro278.core.CoreAuth;
import org.retro278.core.CoreMimeForm;
import org.retro278.core.CoreRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's CORE gateway in the HTTP MIME envelope: an HTTPS server on 127.0.0.1 (Jetty 12, TLS 1.2 or
 * 1.3) that reads each POSTed {@code multipart/form-data} request ({@link CoreMimeForm}), checks the credential
 * (password mode: the UserName and Password fields; certificate mode: a client certificate, which the trust
 * store verifies in the handshake), asks its {@link CoreResponder} and answers with a multipart body. A wrong
 * user name or password, or no client certificate, is HTTP 401 with ErrorCode {@value CoreEnvelopeErrors#UNAUTHORIZED}; a body that is not
 * a form, or a TimeStamp that is missing or not an xsd:dateTime, is HTTP 400 with the rule's ErrorCode. Logs
 * payload ids and error codes only.
 */
public final class CoreMimeEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoreMimeEndpoint.class);

    private final CoreResponder responder;
    private final CoreAuth auth;
    private final String user;
    private final byte[] password;
    private final SslContextFactory.Server tls;
    private final Clock clock;
    private Server server;
    private int port;

    private CoreMimeEndpoint(CoreResponder responder, CoreAuth auth, String user, String password, SslContextFactory.Server tls,
                             Clock clock) {
        this.responder = responder;
        this.auth = auth;
        this.user = user;
        this.password = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
        this.tls = tls;
        this.clock = clock;
    }

    /** An endpoint that takes the UserName and Password fields {@code user} and {@code password}. */
    public static CoreMimeEndpoint withPassword(CoreResponder responder, Path keyStore, char[] keyStorePassword, String user,
                                                String password, Clock clock) {
        return new CoreMimeEndpoint(responder, CoreAuth.PASSWORD, user, password, tls(keyStore, keyStorePassword), clock);
    }

    /** An endpoint that wants a client certificate the trust store verifies; the responder's user is its subject. */
    public static CoreMimeEndpoint withCertificate(CoreResponder responder, Path keyStore, char[] keyStorePassword,
                                                   Path trustStore, char[] trustStorePassword, Clock clock) {
        SslContextFactory.Server tls = tls(keyStore, keyStorePassword);
        // asked for, and verified against the trust store in the handshake when presented (an untrusted one fails
        // it); one not presented is refused with HTTP 401 rather than a TLS alert, which under TLS 1.3 reaches the
        // client only after it has written its request and so reads as a dropped connection
        tls.setWantClientAuth(true);
        tls.setTrustStorePath(trustStore.toString());
        tls.setTrustStoreType("PKCS12");
        tls.setTrustStorePassword(new String(trustStorePassword));
        return new CoreMimeEndpoint(responder, CoreAuth.CERTIFICATE, null, null, tls, clock);
    }

    private static SslContextFactory.Server tls(Path keyStore, char[] password) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(keyStore.toString());
        tls.setKeyStoreType("PKCS12");
        tls.setKeyStorePassword(new String(password));
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        tls.setSniRequired(false);
        return tls;
    }

    /** Starts listening on 127.0.0.1:{@code port} (0: a free port, see {@link #address()}). */
    public synchronized CoreMimeEndpoint start(int port) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("retro278-core-mime");
        threads.setDaemon(true);
        threads.setStopTimeout(1000); // a slow-payer request still in the responder must not hold up the stop
        Server s = new Server(threads);
        s.setStopTimeout(1000);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // clients reach us by 127.0.0.1, a name SNI cannot carry
        http.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(s, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        s.addConnector(connector);
        s.setHandler(new FormHandler());
        try {
            s.start();
        } catch (Exception e) {
            try {
                s.stop();
            } catch (Exception ignored) {
                // the start failure is what matters
            }
            throw new IOException("the simulated CORE MIME endpoint could not start on port " + port, e);
        }
        this.server = s;
        this.port = connector.getLocalPort();
        LOG.info("simulated CORE MIME gateway on {} ({} credential)", address(), auth);
        return this;
    }

    /** Where the endpoint listens: {@code https://127.0.0.1:PORT/core}. */
    public URI address() {
        return URI.create("https://127.0.0.1:" + port + "/core");
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("the simulated CORE MIME endpoint did not stop cleanly: {}", e.getClass().getSimpleName());
            }
            server = null;
        }
    }

    /** One real-time request: the form, the credential, the responder's answer. */
    private final class FormHandler extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!"POST".equals(request.getMethod())) {
                Response.writeError(request, response, callback, 405);
                return true;
            }
            Map<String, String> f;
            try {
                f = CoreMimeForm.read(request, request.getHeaders().get(HttpHeader.CONTENT_TYPE));
            } catch (IOException e) {
                reply(response, callback, 400, CoreEnvelopeErrors.answer(null, null, null, null, clock.instant(),
                        CoreEnvelopeErrors.PAYLOAD_ILLEGAL, "the request is not a CORE MIME form"));
                return true;
            }
            String who = authenticated(request, f);
            if (who == null) {
                reply(response, callback, 401, error(f, CoreEnvelopeErrors.UNAUTHORIZED, auth == CoreAuth.CERTIFICATE
                        ? "a client certificate is required" : "the user name or password is not accepted"));
                return true;
            }
            String stamp = f.get(CoreMimeForm.TIME_STAMP);
            if (stamp == null || stamp.isBlank()) {
                reply(response, callback, 400, error(f, CoreEnvelopeErrors.TIME_STAMP_REQUIRED, "the TimeStamp field is missing"));
                return true;
            }
            Instant at;
            try {
                at = Instant.parse(stamp.trim());
            } catch (DateTimeParseException e) {
                reply(response, callback, 400, error(f, CoreEnvelopeErrors.TIME_STAMP_ILLEGAL, "the TimeStamp is not an xsd:dateTime in UTC"));
                return true;
            }
            CoreRequest r = new CoreRequest(field(f, CoreMimeForm.PAYLOAD_TYPE), field(f, CoreMimeForm.PROCESSING_MODE),
                    field(f, CoreMimeForm.PAYLOAD_ID), at, field(f, CoreMimeForm.SENDER_ID), field(f, CoreMimeForm.RECEIVER_ID),
                    field(f, CoreMimeForm.RULE_VERSION), field(f, CoreMimeForm.PAYLOAD));
            CoreAnswer a = responder.answer(r, who);
            LOG.debug("simulated CORE MIME gateway: {} answered {}", r.payloadId(), a.errorCode());
            reply(response, callback, 200, a);
            return true;
        }

        /** The authenticated user (the certificate's subject in certificate mode), or {@code null}. */
        private String authenticated(Request request, Map<String, String> f) {
            if (auth == CoreAuth.CERTIFICATE) {
                EndPoint.SslSessionData tlsData = (EndPoint.SslSessionData) request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
                X509Certificate[] chain = tlsData == null ? null : tlsData.peerCertificates();
                return chain == null || chain.length == 0 ? null : chain[0].getSubjectX500Principal().getName();
            }
            String u = f.get(CoreMimeForm.USER_NAME);
            String p = f.get(CoreMimeForm.PASSWORD);
            boolean ok = u != null && p != null && u.equals(user)
                    && MessageDigest.isEqual(p.getBytes(StandardCharsets.UTF_8), password);
            return ok ? u : null;
        }

        private CoreAnswer error(Map<String, String> f, String code, String words) {
            return CoreEnvelopeErrors.answer(f.get(CoreMimeForm.PAYLOAD_ID), f.get(CoreMimeForm.SENDER_ID),
                    f.get(CoreMimeForm.RECEIVER_ID), f.get(CoreMimeForm.RULE_VERSION), clock.instant(), code, words);
        }

        private static String field(Map<String, String> f, String name) {
            String v = f.get(name);
            return v == null ? "" : v;
        }

        private static void reply(Response response, Callback callback, int status, CoreAnswer answer) {
            HttpEntity body = CoreMimeForm.entity(CoreMimeForm.fields(answer));
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, body.getContentType());
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                body.writeTo(out);
                out.close();
                callback.succeeded();
            } catch (IOException | RuntimeException e) {
                callback.failed(e);
            }
        }
    }
}
