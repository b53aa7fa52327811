package org.retro278.ops;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.retro278.config.ConfigurationException;
import org.retro278.config.RuntimeSettings;
import org.retro278.ops.console.Console;
import org.retro278.ops.console.Resubmission;
import org.retro278.sftp.Secrets;
import org.retro278.store.TransactionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's management port, wired in steps around the start of the routes: {@link #prepare} and
 * {@link #countFailuresOf} before (the metrics the beans count into, {@link #activity()}, and the route policy
 * that counts failures), then
 * {@link #open} once the routes run (the health checks, the partners' reachability, the HTTP server and, with a
 * token, the operator's console). Off ({@code retro278.management.port=off}): nothing is counted or served.
 */
public final class ManagementPort implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementPort.class);
    /** How long a scrape or a health check waits for the store. */
    static final Duration STORE_TIMEOUT = Duration.ofSeconds(3);
    /** How long the store's figures (claims per state, answers) are reused between scrapes. */
    static final Duration CACHE_FOR = Duration.ofSeconds(5);

    private final RuntimeSettings.Management settings;
    private final TransactionStore store;
    private final StoreProbe probe;
    private final AdapterMetrics metrics;
    private ManagementServer server;

    private ManagementPort(RuntimeSettings.Management settings, TransactionStore store, StoreProbe probe, AdapterMetrics metrics) {
        this.settings = settings;
        this.store = store;
        this.probe = probe;
        this.metrics = metrics;
    }

    /**
     * The metrics, before the beans and routes are made.
     *
     * @param practiceIds and {@code payerIds}: the partners whose counters show from the start
     */
    public static ManagementPort prepare(RuntimeSettings.Management settings, TransactionStore store,
                                         Collection<String> practiceIds, Collection<String> payerIds) {
        if (!settings.enabled()) {
            return new ManagementPort(settings, store, null, null);
        }
        StoreProbe probe = new StoreProbe(STORE_TIMEOUT);
        return new ManagementPort(settings, store, probe, new AdapterMetrics(store.census(), probe, CACHE_FOR, practiceIds,
                payerIds));
    }

    /** Counts the failed exchanges of every route of {@code camel}: before its routes start. */
    public void countFailuresOf(CamelContext camel) {
        if (metrics != null) {
            camel.addRoutePolicyFactory(metrics.routeFailures());
        }
    }

    /** What the beans count into: the metrics, or {@link Activity#NONE} when the port is off. */
    public Activity activity() {
        return metrics == null ? Activity.NONE : metrics;
    }

    /**
     * Serves the metrics and health checks, once the routes have started.
     *
     * @param pollFailing  whether the last poll of the route with this id failed (sftp.SftpPollFailures)
     * @param resubmission the console's resubmit of one claim, or {@code null} for a console without it
     * @throws ConfigurationException when the token's variable is unset or the token too weak, or when a configured
     *                                port cannot be bound (the default port, taken, is warned about and left)
     */
    public void open(CamelContext camel, Predicate<String> pollFailing, Secrets secrets, Resubmission resubmission)
            throws ConfigurationException {
        if (metrics == null) {
            return;
        }
        BearerToken token = token(secrets);
        SSLContext tls = settings.tls() == null ? null : ManagementTls.context(settings.tls(), secrets);
        // the console needs a credential: without a token it is not served at all
        Console console = token == null ? null : new Console(store.operatorView(), token::matches, tls != null,
                Clock.systemUTC(), resubmission);
        HealthChecks health = new HealthChecks(camel, store.census(), probe, pollFailing);
        for (HealthChecks.PolledRoute r : HealthChecks.polledRoutes(camel)) {
            metrics.watchReachability(r.routeId(), r.partnerId(), () -> health.reachable(r.routeId()));
        }
        InetSocketAddress at = new InetSocketAddress(settings.bind(), settings.port());
        try {
            server = ManagementServer.start(at, tls, token, metrics, health, console);
        } catch (IOException e) {
            String why = settings.bind() + ":" + settings.port() + " cannot be listened on (" + e.getMessage() + ")";
            if (settings.portSet()) {
                throw new ConfigurationException("retro278.management.port: " + why, e);
            }
            LOG.warn("management port: {}; metrics and health are not served (set retro278.management.port to another"
                    + " port, 0 for any, or off)", why);
            return;
        }
        InetSocketAddress a = server.address();
        LOG.info("management port on {}://{}:{}: /metrics, /health/live, /health/ready{}", tls == null ? "http" : "https",
                a.getHostString(), a.getPort(), token == null ? " (no console without a token: retro278.management.tokenEnv)"
                        : " (bearer token required), the console on " + Console.PATH + "/ (log in with the token)");
        if (token == null && !isLoopback(a.getAddress())) {
            LOG.warn("management port on {} without a token (retro278.management.tokenEnv): anyone who reaches it reads the"
                    + " metrics and health (ids and counts, no PHI)", a.getHostString());
        }
    }

    private BearerToken token(Secrets secrets) throws ConfigurationException {
        if (settings.tokenEnv() == null) {
            return null;
        }
        String value = secrets.lookup(settings.tokenEnv()).orElseThrow(() -> new ConfigurationException(
                "retro278.management.tokenEnv: the environment variable " + settings.tokenEnv() + " is not set"));
        try {
            return BearerToken.of(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("retro278.management.tokenEnv: " + settings.tokenEnv() + ": " + e.getMessage(), e);
        }
    }

    private static boolean isLoopback(InetAddress a) {
        return a != null && a.isLoopbackAddress();
    }

    /** Where the port listens, when it does. */
    public Optional<InetSocketAddress> address() {
        return Optional.ofNullable(server).map(ManagementServer::address);
    }

    /** The console's address, when the port listens and has a token (the console's login). */
    public Optional<URI> consoleAddress() {
        if (server == null || settings.tokenEnv() == null) {
            return Optional.empty();
        }
        InetSocketAddress a = server.address();
        String host = a.getAddress() != null && a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getHostString();
        return Optional.of(URI.create((server.https() ? "https" : "http") + "://" + host + ":" + a.getPort() + Console.PATH + "/"));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (probe != null) {
            probe.close();
        }
    }
}
