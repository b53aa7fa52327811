package org.retro278.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a claim file's status files may be written again. Every publication rewrites the whole pair, so a
 * file whose claims keep changing is written at most once per {@code size / bytesPerSecond} after its last
 * publication (and, through the route's timer, at most once per status poll): a 1-claim file follows every
 * change within a poll, a 50,000-claim file is rewritten every few minutes while its claims move, and
 * the bytes written for a file stay within its final size plus {@code bytesPerSecond} times the time its
 * claims kept changing (docs/operations.md, "Status files"). Changes in between are not lost: the store
 * keeps the file marked changed until a publication made after them is uploaded.
 *
 * <p>Kept in memory: after a restart every changed file is published at the first tick, once.
 */
final class PublicationPace {

    private final long bytesPerSecond;
    private final Map<Long, Instant> notBefore = new ConcurrentHashMap<>();

    PublicationPace(long bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bytesPerSecond must be positive");
        }
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Whether the file's status may be written now. */
    boolean due(long fileId, Instant now) {
        Instant next = notBefore.get(fileId);
        return next == null || !now.isBefore(next);
    }

    /** The file's status files, {@code bytes} together, were written at {@code now}. */
    void written(long fileId, Instant now, long bytes) {
        notBefore.put(fileId, now.plus(pause(bytes)));
    }

    /** What was written could not be delivered: the next tick writes it again, without waiting out the pause. */
    void undelivered(long fileId) {
        notBefore.remove(fileId);
    }

    /** How long a publication of {@code bytes} holds back the next one of the same file. */
    Duration pause(long bytes) {
        return Duration.ofMillis(Math.multiplyExact(bytes, 1000L) / bytesPerSecond);
    }
}
