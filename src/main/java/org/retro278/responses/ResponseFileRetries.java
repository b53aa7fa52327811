package org.retro278.responses;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.retro278.submit.RetryBackoff;

/**
 * The response files whose last attempt did not go through for a passing reason (the store unreachable, an
 * SFTP failure after the file was read), each with its failures and the outcome already decided for it, if
 * any: such a file is left alone until its back-off has passed, and an outcome once decided is delivered
 * again (its report, its folder) rather than decided anew. In memory: after a restart every file is simply
 * tried again. Keys name a file on the payer's server (path, size, modification time); thread-safe.
 */
final class ResponseFileRetries {

    /** How many files are remembered at most (the oldest is forgotten first: it is then just tried again). */
    private static final int MAX_FILES = 10_000;

    private record Entry(int failures, Instant lastFailure, ResponseFileOutcome decided) {
    }

    private final RetryBackoff backoff;
    private final Map<String, Entry> files = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_FILES;
        }
    };

    ResponseFileRetries(RetryBackoff backoff) {
        this.backoff = backoff;
    }

    /** Whether the file may be tried now: never failed, or its back-off has passed. */
    synchronized boolean due(String key, Instant now) {
        Entry e = files.get(key);
        return e == null || backoff.passed(e.failures(), e.lastFailure(), now);
    }

    /** The outcome decided for the file at an earlier attempt whose delivery failed. */
    synchronized Optional<ResponseFileOutcome> decided(String key) {
        Entry e = files.get(key);
        return e == null ? Optional.empty() : Optional.ofNullable(e.decided());
    }

    /**
     * An attempt failed for a passing reason; {@code decided} is the outcome it had reached, or {@code null}.
     *
     * @return how many attempts of the file have failed so far
     */
    synchronized int failed(String key, Instant now, ResponseFileOutcome decided) {
        Entry e = files.get(key);
        int failures = e == null ? 1 : e.failures() + 1;
        files.put(key, new Entry(failures, now, decided != null ? decided : e == null ? null : e.decided()));
        return failures;
    }

    /** The wait after {@code failures} failed attempts. */
    Duration wait(int failures) {
        Duration wait = backoff.first().multipliedBy(1L << Math.min(20, Math.max(0, failures - 1)));
        return wait.compareTo(backoff.max()) > 0 ? backoff.max() : wait;
    }

    /** The file went through (or was moved aside for good): nothing more to remember. */
    synchronized void done(String key) {
        files.remove(key);
    }
}
