package org.retro278.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dot-files of the drop folders, which SFTP clients write while an upload is under way (a temporary name,
 * renamed when complete): one is taken for abandoned once its size and modification time have stayed the same,
 * poll after poll, for {@code quietFor} as this adapter's own clock measures it (the partner's clock is never
 * compared with ours). Only then is it handed on, to be refused with a report; a live upload is never touched.
 */
final class AbandonedUploads {

    /** An entry not seen in a listing for this long (the file was renamed or removed) is forgotten. */
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    private record Seen(long size, long modified, Instant since, Instant last) {
    }

    private final Clock clock;
    private final Duration quietFor;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    AbandonedUploads(Clock clock, Duration quietFor) {
        this.clock = clock;
        this.quietFor = quietFor;
    }

    /** Whether the dot-file at {@code path}, as listed now, has been unchanged for the quiet period. */
    boolean abandoned(String path, long size, long modified) {
        Instant now = clock.instant();
        seen.values().removeIf(s -> s.last().plus(FORGET_AFTER).isBefore(now));
        Seen s = seen.merge(path, new Seen(size, modified, now, now), (old, fresh) ->
                old.size() == size && old.modified() == modified ? new Seen(size, modified, old.since(), now) : fresh);
        return !s.since().plus(quietFor).isAfter(now);
    }
}
