package org.retro278.sftp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.remote.RemoteFilePollingConsumerPollStrategy;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.RouteIdAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll strategy and exception handler of the SFTP consumers that read partners' folders
 * ({@code pollStrategy=#sftpPollFailures}, {@code exceptionHandler=#sftpPollFailures},
 * {@code throwExceptionOnConnectFailed=true}): when a poll cannot connect or list the folder, it says why in
 * words an operator can act on ({@link SftpFailure}: a host key that does not match the pinned one, a refused
 * login, an unreachable server), PHI-free, in one line, once per route and cause and again every five minutes
 * while it lasts, and says when reading works again; the exception itself goes to DEBUG, not a stack trace
 * at every poll. Otherwise it behaves as camel-sftp's own strategy (the connection is dropped and the next
 * poll connects afresh).
 */
public final class SftpPollFailures extends RemoteFilePollingConsumerPollStrategy implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SftpPollFailures.class);
    static final Duration REPEAT = Duration.ofMinutes(5);

    private record Last(String words, long atNanos) {
    }

    private final Map<String, Last> failing = new ConcurrentHashMap<>();

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) throws Exception {
        boolean retry = super.rollback(consumer, endpoint, retryCounter, cause);
        String where = where(consumer, endpoint);
        String words = SftpFailure.of(cause).message();
        long now = System.nanoTime();
        Last before = failing.get(where);
        if (before == null || !before.words().equals(words) || now - before.atNanos() >= REPEAT.toNanos()) {
            failing.put(where, new Last(words, now));
            LOG.warn("{}: the folder cannot be read, trying again at the next poll: {}", where, words);
        }
        return retry;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        super.commit(consumer, endpoint, polledMessages);
        String where = where(consumer, endpoint);
        if (failing.remove(where) != null) {
            LOG.info("{}: the folder can be read again", where);
        }
    }

    /** Whether the last poll of this route's folder failed (false before its first poll): the health checks and metrics. */
    public boolean failing(String routeId) {
        return failing.containsKey("route " + routeId);
    }

    /** What Camel hands its consumers' exception handler: a failed poll (already said by rollback) or a file that could not be moved. */
    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (exchange == null && message != null && message.startsWith("Failed polling endpoint")) {
            LOG.debug("poll failed (said above in words): {}", exception == null ? "" : exception.toString());
            return;
        }
        LOG.warn("an SFTP consumer failed after reading a file (it is tried again at the next poll): {}",
                exception == null ? "no detail" : SftpFailure.of(exception).message());
        LOG.debug("detail", exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    private static String where(Consumer consumer, Endpoint endpoint) {
        if (consumer instanceof RouteIdAware r && r.getRouteId() != null) {
            return "route " + r.getRouteId();
        }
        String uri = endpoint.getEndpointBaseUri();
        return uri == null ? "sftp" : uri.replaceAll("\\?.*$", "");
    }
}
