package org.retro278.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.retro278.status.StatusFiles;
import org.retro278.store.OperatorActions.PurgedFile;
import org.retro278.store.TransactionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention: what is final and older than the retention period goes, with retro278's local copies of it
 * ({@code retro278 purge}, and run's schedule, routes/retention.yaml). In the store the claim files whose every claim
 * is final are reduced to PHI-free tombstones, so duplicates are still caught (TransactionStore#operatorActions,
 * V8__retention_tombstones.sql); in the work directory their status files go, and so do the copies kept by date:
 * the archived response files ({@code responses/<payer>/}), the quarantined claim files ({@code quarantine/<practice>/}),
 * both named {@code <epoch millis>-<name>}, and anything a crash left in {@code spool/} (by modification time).
 */
public final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    /** Files purged per store transaction: keeps each transaction short beside a working adapter. */
    static final int FILES_PER_TRANSACTION = 200;

    private final TransactionStore store;
    private final Path workDir;
    private final Clock clock;
    private final Duration period;

    /** @param period how old a final claim must be to go */
    public Retention(TransactionStore store, Path workDir, Clock clock, Duration period) {
        this.store = store;
        this.workDir = workDir;
        this.clock = clock;
        this.period = period;
    }

    /** What a purge removed: claim files and claims reduced to tombstones, local copies deleted. */
    public record Purged(int files, int claims, int localCopies) {
    }

    /** Route entry point and {@code purge}: everything older than the retention period, as of now on the clock. */
    public Purged purge() throws IOException {
        Instant before = Instant.now(clock).minus(period);
        int files = 0;
        int claims = 0;
        int copies = 0;
        List<PurgedFile> batch;
        do {
            batch = store.operatorActions().purge(before, FILES_PER_TRANSACTION);
            for (PurgedFile f : batch) {
                files++;
                claims += f.claims();
                for (Path p : StatusFiles.localCopies(workDir.resolve("status"), f.practiceId(), f.fileName(), f.fileId(),
                        f.nameUsedBefore())) {
                    copies += Files.deleteIfExists(p) ? 1 : 0;
                }
            }
        } while (batch.size() == FILES_PER_TRANSACTION);
        copies += deleteOlder(workDir.resolve("responses"), before, true);
        copies += deleteOlder(workDir.resolve("quarantine"), before, true);
        copies += deleteOlder(workDir.resolve("spool"), before, false);
        Purged out = new Purged(files, claims, copies);
        if (files > 0 || copies > 0) {
            LOG.info("retention: {} claim file(s) and {} claim(s) older than {} day(s) purged, {} local cop(ies) removed", files,
                    claims, period.toDays(), copies);
        }
        return out;
    }

    /**
     * Deletes the files one level below each partner's folder of {@code root} that are older than {@code before}: by
     * the epoch milliseconds their name starts with ({@code byName}), else by their modification time.
     */
    private static int deleteOlder(Path root, Instant before, boolean byName) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> partners = Files.list(root)) {
            for (Path dir : partners.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        Instant at = byName ? namedTime(f) : Files.getLastModifiedTime(f).toInstant();
                        if (at != null && at.isBefore(before) && Files.deleteIfExists(f)) {
                            deleted++;
                        }
                    }
                }
            }
        }
        return deleted;
    }

    /** The time a kept copy's name starts with ({@code <epoch millis>-}), or {@code null} for another name. */
    static Instant namedTime(Path f) {
        String name = f.getFileName().toString();
        int dash = name.indexOf('-');
        if (dash < 1 || dash > 19) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(name.substring(0, dash)));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
