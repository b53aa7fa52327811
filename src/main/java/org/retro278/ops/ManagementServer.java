package org.retro278.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.retro278.ops.console.Console;
import org.retro278.ops.console.ConsoleReply;
import org.retro278.ops.console.ConsoleRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management port's HTTP server (the JDK's own, no dependency): {@code GET /metrics} (Prometheus text),
 * {@code GET /health/live} and {@code GET /health/ready} (JSON, 200 when up, 503 when not). With a token, every
 * request must carry it ({@link BearerToken}; 401 otherwise), except the operator's {@link Console} under
 * {@code /console/}, which logs in with the same token and then goes by its session cookie. HTTPS when given a
 * certificate. Nothing is cached by a client ({@code no-store}), and no answer carries anything about a patient,
 * except the one claim page on which an operator asked for it.
 */
final class ManagementServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest form the console reads (a login, a search, an action with a reason). */
    static final int MAX_FORM = 16 * 1024;

    private final HttpServer server;
    private final ExecutorService threads;
    private final BearerToken token;
    private final AdapterMetrics metrics;
    private final HealthChecks health;
    private final Console console;

    private ManagementServer(HttpServer server, ExecutorService threads, BearerToken token, AdapterMetrics metrics,
                             HealthChecks health, Console console) {
        this.server = server;
        this.threads = threads;
        this.token = token;
        this.metrics = metrics;
        this.health = health;
        this.console = console;
    }

    /**
     * Listens on {@code at} (port 0: any free port) and serves until {@link #close()}.
     *
     * @param tls     the certificate's context for HTTPS, or {@code null} for plain HTTP
     * @param token   the credential every request must carry, or {@code null} for none
     * @param console the console, or {@code null} for none
     * @throws IOException when the address cannot be bound (a port in use)
     */
    static ManagementServer start(InetSocketAddress at, SSLContext tls, BearerToken token, AdapterMetrics metrics,
                                  HealthChecks health, Console console) throws IOException {
        HttpServer server;
        if (tls == null) {
            server = HttpServer.create(at, 16);
        } else {
            HttpsServer https = HttpsServer.create(at, 16);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "retro278-management-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ManagementServer m = new ManagementServer(server, threads, token, metrics, health, console);
        server.createContext("/", m::handle);
        server.setExecutor(threads);
        server.start();
        return m;
    }

    /** Where it listens (the port it was given when asked for any). */
    InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            try {
                answer(x);
            } catch (RuntimeException e) {
                LOG.warn("management port: {} failed: {}", x.getRequestURI().getPath(), e.getClass().getSimpleName());
                LOG.debug("detail", e);
                if (x.getResponseCode() < 0) {
                    send(x, 500, "text/plain; charset=utf-8", "failed (the adapter's log says why)\n");
                }
            }
        }
    }

    /** Whether it serves HTTPS. */
    boolean https() {
        return server instanceof HttpsServer;
    }

    private void answer(HttpExchange x) throws IOException {
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (console != null && Console.serves(x.getRequestURI().getPath())) {
            toConsole(x);
            return;
        }
        String method = x.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            x.getResponseHeaders().set("Allow", "GET, HEAD");
            send(x, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
            return;
        }
        if (token != null && !token.admits(x.getRequestHeaders().getFirst("Authorization"))) {
            x.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"retro278\"");
            send(x, 401, "text/plain; charset=utf-8", "a bearer token is required\n");
            return;
        }
        switch (x.getRequestURI().getPath()) {
            case "/metrics" -> send(x, 200, AdapterMetrics.contentType(), metrics.scrape());
            case "/health/live" -> report(x, health.live());
            case "/health/ready" -> report(x, health.ready());
            default -> send(x, 404, "text/plain; charset=utf-8", "not found: /metrics, /health/live, /health/ready"
                    + (console == null ? "" : ", /console/") + "\n");
        }
    }

    /** Hands a request to the console: GET, HEAD or a POSTed form of at most {@value #MAX_FORM} bytes. */
    private void toConsole(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method) && !"POST".equals(method)) {
            x.getResponseHeaders().set("Allow", "GET, HEAD, POST");
            send(x, 405, "text/plain; charset=utf-8", "only GET, HEAD and POST\n");
            return;
        }
        String form = null;
        if ("POST".equals(method)) {
            byte[] body;
            try (InputStream in = x.getRequestBody()) {
                body = in.readNBytes(MAX_FORM + 1);
            }
            if (body.length > MAX_FORM) {
                send(x, 413, "text/plain; charset=utf-8", "a form of at most " + MAX_FORM + " bytes\n");
                return;
            }
            form = new String(body, StandardCharsets.UTF_8);
        }
        ConsoleReply reply = console.answer(ConsoleRequest.of("HEAD".equals(method) ? "GET" : method,
                x.getRequestURI().getPath(), x.getRequestURI().getRawQuery(), form, x.getRequestHeaders().getFirst("Cookie")));
        reply.headers().forEach(x.getResponseHeaders()::set);
        send(x, reply.status(), reply.contentType(), reply.body());
    }

    private static void report(HttpExchange x, HealthChecks.Report r) throws IOException {
        send(x, r.up() ? 200 : 503, "application/json", JSON.writeValueAsString(r.body()) + "\n");
    }

    private static void send(HttpExchange x, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(x.getRequestMethod());
        x.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
