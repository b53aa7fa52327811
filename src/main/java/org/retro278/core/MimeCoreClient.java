package org.retro278.core;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.ssl.TLS;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.jetty.io.content.InputStreamContentSource;
import org.retro278.config.CoreGateway;
import org.retro278.sftp.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real-time call in the CORE HTTP MIME envelope: one {@code multipart/form-data} POST per request (Apache
 * HttpClient 5), the answer read from the multipart body it brings ({@link CoreMimeForm}). TLS 1.2 or 1.3 only,
 * from the given context (its trust store decides whom we trust: never "trust all"), the host name verified
 * against the server's certificate. At most {@code maxInFlight} connections; connect within
 * {@code connectTimeout}, the answer within {@code answerTimeout} (a hard deadline from the moment the call
 * starts, besides the socket's read timeout), a connection kept no longer than {@code connectionHold}. Nothing is
 * ever sent again by this class: HttpClient's retries and redirects are off, retransmission is the caller's.
 */
public final class MimeCoreClient implements CoreClient {

    private static final Logger LOG = LoggerFactory.getLogger(MimeCoreClient.class);
    private static final TLS[] PROTOCOLS = {TLS.V_1_3, TLS.V_1_2};

    private final URI endpoint;
    private final String host;
    private final String user;
    private final String password;
    private final Duration answerTimeout;
    private final Duration deadline;
    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines;

    /**
     * @param ssl     the TLS context: the payer's trust store, and for {@link CoreAuth#CERTIFICATE} our client key
     * @param secrets where the password named by {@link CoreGateway#passwordEnv()} is read (password mode)
     * @throws IllegalArgumentException when the gateway is not an https MIME gateway, or the password is not set
     */
    public MimeCoreClient(CoreGateway gateway, SSLContext ssl, Secrets secrets) {
        this.endpoint = gateway.endpoint();
        this.host = endpoint.getHost();
        if (gateway.envelope() != CoreEnvelope.MIME || !"https".equalsIgnoreCase(endpoint.getScheme())) {
            throw new IllegalArgumentException("the CORE gateway at " + host + " is not an https MIME gateway");
        }
        if (gateway.auth() == CoreAuth.PASSWORD) {
            if (gateway.user() == null || gateway.passwordEnv() == null) {
                throw new IllegalArgumentException("the CORE gateway at " + host + " uses a password but names no user or password variable");
            }
            this.user = gateway.user();
            this.password = secrets.lookup(gateway.passwordEnv()).orElseThrow(() -> new IllegalArgumentException(
                    "the password for the CORE gateway at " + host + " is not set: set the environment variable "
                            + gateway.passwordEnv()));
        } else {
            this.user = null;
            this.password = null;
        }
        int connections = Math.max(1, gateway.maxInFlight());
        this.answerTimeout = gateway.answerTimeout();
        this.deadline = gateway.connectTimeout().plus(gateway.answerTimeout());
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(timeout(gateway.connectTimeout()))
                .setSocketTimeout(timeout(gateway.answerTimeout()))
                .setTimeToLive(TimeValue.ofMilliseconds(gateway.connectionHold().toMillis()))
                .setIdleTimeout(timeout(gateway.connectionHold()))
                .build();
        TlsConfig tls = TlsConfig.custom().setSupportedProtocols(PROTOCOLS).setHandshakeTimeout(timeout(gateway.connectTimeout())).build();
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        // the default host name verifier (and the JDK's endpoint identification) stay on
                        .setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(ssl).setTlsVersions(PROTOCOLS).buildClassic())
                        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.STRICT)
                        .setMaxConnTotal(connections).setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(connection).setDefaultTlsConfig(tls)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(timeout(gateway.answerTimeout()))
                        .setConnectionRequestTimeout(timeout(gateway.connectTimeout()))
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                // one client per payer and one identity per client: a pooled connection made with the client
                // certificate may serve every call (with connection state on, HttpClient ties such a connection to
                // the principal and never hands it back out, so each call would pay a new TLS handshake)
                .disableConnectionState()
                .disableContentCompression()
                .evictExpiredConnections()
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retro278-core-mime-deadline");
            t.setDaemon(true);
            return t;
        });
    }

    private static Timeout timeout(Duration d) {
        return Timeout.ofMilliseconds(Math.max(1, d.toMillis()));
    }

    @Override
    public CoreAnswer call(CoreRequest request) throws CoreCallException {
        HttpPost post = new HttpPost(endpoint);
        post.setEntity(CoreMimeForm.entity(CoreMimeForm.fields(request, user, password)));
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> cancel = deadlines.schedule(() -> {
            late.set(true);
            post.cancel();
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        try {
            CoreAnswer answer = http.execute(post, this::answer);
            LOG.debug("CORE MIME call {} to {}: {} in {} ms", request.payloadId(), host, answer.errorCode(),
                    (System.nanoTime() - started) / 1_000_000);
            return answer;
        } catch (CoreCallException e) {
            throw e;
        } catch (IOException e) {
            throw late.get() ? timedOut(e) : failure(e);
        } finally {
            cancel.cancel(false);
        }
    }

    /** The HTTP answer: a refusal, an HTTP error, or the answer envelope. */
    private CoreAnswer answer(ClassicHttpResponse response) throws IOException {
        int status = response.getCode();
        HttpEntity entity = response.getEntity();
        if (status == 401 || status == 403) {
            String code = entity == null ? null : errorCodeQuietly(entity);
            throw new CoreCallException(CoreCallException.Kind.CREDENTIAL_REFUSED, "the CORE gateway at " + host
                    + " refused our credential (HTTP " + status + (code == null ? "" : ", ErrorCode " + code) + ")", null);
        }
        if (status >= 500) {
            EntityUtils.consumeQuietly(entity);
            throw new CoreCallException(CoreCallException.Kind.FAILED_AFTER_SEND, "the CORE gateway at " + host
                    + " answered HTTP " + status + " after the request was sent", null);
        }
        Map<String, String> fields;
        try {
            fields = read(entity);
        } catch (CoreCallException e) {
            throw e;
        } catch (SocketTimeoutException e) {
            throw timedOut(e);
        } catch (SocketException | ConnectionClosedException e) { // not an EOFException: a form that ends early is unreadable
            throw new CoreCallException(CoreCallException.Kind.FAILED_AFTER_SEND, "the CORE gateway at " + host
                    + ": the connection dropped while its answer was read (" + e.getClass().getSimpleName() + ")", e);
        } catch (IOException e) {
            if (status >= 300) {
                throw new CoreCallException(CoreCallException.Kind.FAILED_AFTER_SEND, "the CORE gateway at " + host
                        + " answered HTTP " + status + " without a CORE envelope", e);
            }
            throw unreadable("its body is not a CORE MIME envelope", e);
        }
        CoreAnswer a = CoreMimeForm.answer(fields);
        if (!a.hasPayload() && (a.errorCode() == null || a.errorCode().isBlank())) {
            throw unreadable("it holds neither a Payload nor an ErrorCode", null);
        }
        return a;
    }

    private Map<String, String> read(HttpEntity entity) throws IOException {
        if (entity == null) {
            throw unreadable("it has no body", null);
        }
        return CoreMimeForm.read(new InputStreamContentSource(entity.getContent()), entity.getContentType());
    }

    /** The ErrorCode of a refusal's body, when it is a form and the code looks like one (it goes into our words). */
    private String errorCodeQuietly(HttpEntity entity) {
        try {
            String code = read(entity).get(CoreMimeForm.ERROR_CODE);
            return code != null && code.matches("[A-Za-z0-9_]{1,64}") ? code : null;
        } catch (IOException e) {
            return null;
        }
    }

    private CoreCallException unreadable(String why, Throwable cause) {
        return new CoreCallException(CoreCallException.Kind.UNREADABLE_ANSWER,
                "the answer of the CORE gateway at " + host + " could not be read: " + why, cause);
    }

    private CoreCallException timedOut(IOException e) {
        return new CoreCallException(CoreCallException.Kind.TIMEOUT, "the CORE gateway at " + host
                + " did not answer within the answer timeout of " + seconds(answerTimeout) + " (the request may have reached it)", e);
    }

    /** Why a call brought no answer, from what HttpClient or the JDK threw; never their words about the payload. */
    private CoreCallException failure(IOException e) {
        String at = "the CORE gateway at " + host;
        if (e instanceof ConnectTimeoutException) {
            return new CoreCallException(CoreCallException.Kind.UNREACHABLE, at + " could not be reached: no connection within the connect timeout", e);
        }
        if (e instanceof UnknownHostException) {
            return new CoreCallException(CoreCallException.Kind.UNREACHABLE, at + " could not be reached: the host name is not known", e);
        }
        if (e instanceof ConnectException) {
            return new CoreCallException(CoreCallException.Kind.UNREACHABLE, at + " could not be reached: the connection was refused", e);
        }
        if (e instanceof ConnectionRequestTimeoutException) {
            return new CoreCallException(CoreCallException.Kind.UNREACHABLE, at + " could not be reached: no free connection (at most "
                    + "the configured calls in flight)", e);
        }
        if (e instanceof SSLPeerUnverifiedException) {
            return new CoreCallException(CoreCallException.Kind.TLS_REFUSED, at + " refused: its certificate does not name the host "
                    + host, e);
        }
        if (e instanceof SSLException ssl) {
            return new CoreCallException(CoreCallException.Kind.TLS_REFUSED, causedBy(e, CertificateException.class)
                    ? at + " refused: its server certificate is not trusted by the configured trust store"
                    : at + ": the TLS handshake failed (" + alert(ssl) + ")", e);
        }
        if (e instanceof SocketTimeoutException) {
            return timedOut(e);
        }
        return new CoreCallException(CoreCallException.Kind.FAILED_AFTER_SEND, at + ": the connection failed after the request was sent ("
                + e.getClass().getSimpleName() + ")", e);
    }

    /** The TLS alert or failure in a few words: what the JDK says is about certificates and protocols, never data. */
    private static String alert(SSLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (m.contains("certificate_required") || m.contains("bad_certificate") || m.contains("certificate_unknown")) {
            return "the gateway wants a client certificate it trusts";
        }
        if (m.contains("protocol_version") || m.contains("no appropriate protocol")) {
            return "no common TLS version (we offer TLS 1.2 and 1.3 only)";
        }
        return e.getClass().getSimpleName();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        http.close(CloseMode.GRACEFUL);
    }
}
