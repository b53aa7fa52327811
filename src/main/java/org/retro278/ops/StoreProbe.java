package org.retro278.ops;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the store on a thread of its own and waits a bounded time: a store that does not answer (a database
 * host gone, where the pool waits 30 s for a connection) makes a scrape or a health check say so within
 * {@code timeout}, never hang. While one question is still unanswered, the next is not queued behind it: it
 * fails at once, as the store is not answering.
 */
final class StoreProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreProbe.class);

    private final Duration timeout;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "retro278-store-probe");
        t.setDaemon(true);
        return t;
    });
    private Future<?> pending;

    StoreProbe(Duration timeout) {
        this.timeout = timeout;
    }

    /** The answer, or empty when the store failed, did not answer in time, or is still busy with the last question. */
    synchronized <T> Optional<T> ask(String what, Callable<T> question) {
        if (pending != null && !pending.isDone()) {
            LOG.debug("{}: the store has not answered the last question yet", what);
            return Optional.empty();
        }
        Future<T> f;
        try {
            f = thread.submit(question);
        } catch (RuntimeException e) {
            return Optional.empty(); // closed
        }
        pending = f;
        try {
            return Optional.ofNullable(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            LOG.debug("{}: no answer from the store within {} ms", what, timeout.toMillis());
            f.cancel(true);
            return Optional.empty();
        } catch (ExecutionException e) {
            LOG.debug("{}: the store failed: {}", what, e.getCause() == null ? e : e.getCause().getClass().getSimpleName());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
