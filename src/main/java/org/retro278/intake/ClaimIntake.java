package org.retro278.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.retro278.config.ConfigurationException;
import org.retro278.config.PayerDirectory;
import org.retro278.config.PracticeDirectory;
import org.retro278.config.PracticeProfile;
import org.retro278.inbound.InboundFiles;
import org.retro278.inbound.SpooledFile;
import org.retro278.config.RuntimeSettings;
import org.retro278.io.Hashes;
import org.retro278.io.PartnerFileName;
import org.retro278.mapping.ClaimFileReader;
import org.retro278.mapping.ClaimFileRefusedException;
import org.retro278.mapping.ClaimGroup;
import org.retro278.mapping.ClaimGroupSink;
import org.retro278.mapping.ClaimRow;
import org.retro278.ops.Activity;
import org.retro278.rules.ClaimRules;
import org.retro278.rules.X217Facts;
import org.retro278.sftp.DropFolderSftpComponent;
import org.retro278.store.FileOutcome;
import org.retro278.submit.FaultInjection;
import org.retro278.store.NewClaim;
import org.retro278.store.Reason;
import org.retro278.store.ReceivedFile;
import org.retro278.store.TransactionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake of one claim file that the practice route has spooled to a local file: the file is first checked
 * whole ({@link ClaimFileReader#readChecked}: everything that refuses it as a whole, which claims have rows apart),
 * then every claim is checked by the input rules and written to the store, and released (READY or REJECTED_LOCALLY)
 * in chunks of up to {@link #chunkClaims} claims as they are recorded, each chunk in one transaction, so the submission
 * can send the first claims of a large file while the rest is still being read, and never sees a claim a later
 * file-level check could take back.
 *
 * <p>A file is processed once: its SHA-256 is recorded with the practice, and the same bytes dropped
 * again are reported as a duplicate and never sent again. A claim is taken in once while it is in flight
 * or decided: the same claim (its {@code store.ClaimIdentity}) in a file with other bytes is
 * recorded, in the same store transaction as its check, as REJECTED_LOCALLY with the reason DUPLICATE_CLAIM
 * naming the earlier claim ({@link TransactionStore#recordClaims}); the file is processed as usual and the
 * practice reads why in its status file. A file whose intake was interrupted (a crash before its end) is read
 * again when it is polled again: the claims its released chunks hold are skipped, the rest is recorded
 * ({@link TransactionStore#restartFile}, {@link TransactionStore#releasedRows}). A file that cannot be read
 * as a claim file is refused as a whole; the route moves it to {@code .error} beside a report, and a copy
 * of its bytes stays in the local quarantine folder. A file whose name starts with a dot (an upload in progress, by
 * the SFTP clients' convention) is never read: once it has stayed unchanged for the dot-file quiet period, it is
 * refused into {@code .error} beside a report, and nothing is recorded, so the same bytes dropped again under a
 * plain name are read as a new file.
 */
public final class ClaimIntake implements DropFolderSftpComponent.SeesDotFiles<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimIntake.class);
    /** The JVM property that sets how many claims are recorded and released per transaction. */
    public static final String CHUNK_PROPERTY = "retro278.intake.chunkClaims";
    /** Claims recorded and released per transaction unless {@value #CHUNK_PROPERTY} says otherwise. */
    static final int CHUNK = 5_000;
    /** A file's first chunk: the submission gets going soon; each next chunk doubles, up to the chunk size. */
    static final int FIRST_CHUNK = 500;

    /** The exchange header the route names the practice in. */
    public static final String PRACTICE_HEADER = "retro278PracticeId";

    private final TransactionStore store;
    private final PracticeDirectory practices;
    private final PayerDirectory payers;
    private final X217Facts facts;
    private final LayoutReaders readers;
    private final InboundFiles inbound;
    private final Clock clock;
    private volatile Activity activity = Activity.NONE;
    private volatile Duration dotFileQuiet = RuntimeSettings.defaults().pollTimes().dotFileQuiet();
    private volatile AbandonedUploads dotFiles;
    private volatile int chunkClaims = Integer.getInteger(CHUNK_PROPERTY, CHUNK);
    private volatile ChunkListener chunkListener = (fileId, released) -> { };

    /** Told after each chunk a file's intake released, before the next is read (tests watch the store there). */
    @FunctionalInterface
    public interface ChunkListener {
        void released(long fileId, TransactionStore.FileRelease chunk);
    }

    public ClaimIntake(TransactionStore store, PracticeDirectory practices, PayerDirectory payers, X217Facts facts,
                       Path mappings, InboundFiles inbound, Clock clock) {
        this.store = store;
        this.practices = practices;
        this.payers = payers;
        this.facts = facts;
        this.readers = new LayoutReaders(mappings);
        this.inbound = inbound;
        this.clock = clock;
        this.dotFiles = new AbandonedUploads(clock, dotFileQuiet);
    }

    /** How long a dot-file must stay unchanged before it is refused ({@code retro278.practice.dotFileQuietSeconds}). */
    public void refuseDotFilesQuietFor(Duration quiet) {
        this.dotFileQuiet = quiet;
        this.dotFiles = new AbandonedUploads(clock, quiet);
    }

    /** How many claims are recorded and released per transaction (at least 1; {@value #CHUNK_PROPERTY}). */
    public void releaseInChunksOf(int claims) {
        this.chunkClaims = Math.max(1, claims);
    }

    /** Who is told after each released chunk; nobody until set. */
    public void tellAfterEachChunk(ChunkListener listener) {
        this.chunkListener = listener;
    }

    /** Counts what this bean does into {@code activity} (the metrics, org.retro278.ops); nothing until set. */
    public void countInto(Activity activity) {
        this.activity = activity;
    }

    /**
     * Route entry point: the body is the file's content as the server streams it (or a local file). The file is
     * spooled under a name of retro278's own, so that a name of any length or make is read. Sets the report of
     * a file the route moves to the error folder, the name to move it under and the name of its report.
     */
    public void onFile(Exchange exchange) throws IOException {
        String practiceId = exchange.getIn().getHeader(PRACTICE_HEADER, String.class);
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Long modified = exchange.getIn().getHeader(Exchange.FILE_LAST_MODIFIED, Long.class);
        if (inbound.refuseUnreadableName(exchange.getIn(), name)) {
            activity.claimFile(practiceId, ClaimFileOutcome.Kind.REFUSED.name(), 0, 0);
            return;
        }
        if (PartnerFileName.hidden(name)) {
            activity.claimFile(practiceId, ClaimFileOutcome.Kind.REFUSED.name(), 0, 0);
            LOG.warn("a claim file of practice {} (file name {}) stayed under a name that starts with a dot, unchanged for {}:"
                    + " refused into .error with a report, not read", practiceId, PartnerFileName.logId(name), dotFileQuiet);
            inbound.handOver(exchange.getIn(), name, dotFileReport(name));
            return;
        }
        ClaimFileOutcome outcome = SpooledFile.read(exchange.getIn(), "claims", local -> receive(practiceId, name, local, modified));
        activity.claimFile(practiceId, outcome.kind().name(), outcome.ready(), outcome.rejected());
        inbound.handOver(exchange.getIn(), name, outcome.report());
    }

    /**
     * The route's consumer filter: a dot-file is passed on only once it has been unchanged for the dot-file quiet
     * period ({@link AbandonedUploads}); every other file is passed on (one whose name holds a backslash to be
     * refused unread, {@link InboundFiles#refuseUnreadableName}).
     */
    @Override
    public boolean accept(GenericFile<Object> file) {
        return file.isDirectory() || !PartnerFileName.hidden(file.getFileNameOnly())
                || dotFiles.abandoned(file.getAbsoluteFilePath(), file.getFileLength(), file.getLastModified());
    }

    /** Takes in one claim file of a practice. */
    public ClaimFileOutcome receive(String practiceId, String fileName, Path file) throws IOException {
        return receive(practiceId, fileName, file, null);
    }

    /**
     * Takes in one claim file of a practice.
     *
     * @param sourceModified the modification time the practice's server gives the file (epoch ms), or {@code null}
     */
    public ClaimFileOutcome receive(String practiceId, String fileName, Path file, Long sourceModified) throws IOException {
        PracticeProfile practice = practices.find(practiceId)
                .orElseThrow(() -> new IllegalArgumentException("unknown practice " + practiceId));
        long size = Files.size(file);
        String sha256 = Hashes.sha256(file);

        Optional<ReceivedFile> earlier = store.findFirstCopy(practiceId, sha256);
        ReceivedFile received;
        BitSet released = new BitSet();
        if (earlier.isPresent() && earlier.get().outcome() == FileOutcome.RECEIVED) {
            // the intake of these bytes was interrupted (a crash before its end): read them again, skipping what was released
            received = earlier.get();
            store.restartFile(received.id());
            released = store.releasedRows(received.id());
            LOG.info("file {} of practice {} ({}) was interrupted before; reading it again, skipping the {} claims it released",
                    received.id(), practiceId, PartnerFileName.logId(fileName), released.cardinality());
        } else if (earlier.isPresent() && sourceModified != null
                && store.isSameSourceFile(earlier.get().id(), fileName, size, sourceModified)) {
            return leftBehind(earlier.get(), fileName);
        } else {
            received = store.recordReceivedFile(practiceId, fileName, size, sha256, sourceModified);
        }
        if (received.isDuplicate()) {
            ReceivedFile first = store.findFile(received.duplicateOf()).orElseThrow();
            inbound.keepCopy(practiceId, fileName, file);
            LOG.info("file {} of practice {} repeats file {}: not processed again", received.id(), practiceId, first.id());
            return new ClaimFileOutcome(ClaimFileOutcome.Kind.DUPLICATE, received.id(), 0, 0, report(fileName, received,
                    "DUPLICATE: this file has the same content (SHA-256 " + sha256 + ") as '" + PartnerFileName.shown(first.fileName())
                            + "', received " + first.receivedAt() + " (file " + first.id() + "). Nothing in it was sent"
                            + " again. To send claims again, change them and drop a new file."));
        }

        LocalDate asOf = LocalDate.now(clock);
        try {
            ClaimFileReader reader = readers.of(practice.layout());
            ClaimRules rules = new ClaimRules(payers, facts, reader.layout().datePattern(), asOf);
            Recorder recorder = new Recorder(received.id(), rules, released);
            reader.readChecked(file, recorder);
            recorder.flush();
            TransactionStore.FileRelease release = store.releaseFile(received.id());
            return new ClaimFileOutcome(ClaimFileOutcome.Kind.PROCESSED, received.id(), recorder.ready + release.ready(),
                    recorder.rejected + release.rejected(), null);
        } catch (ClaimFileRefusedException e) {
            if (!released.isEmpty()) {
                // read whole before, now refused (its layout changed?): what was released stands; an operator decides
                LOG.error("file {} of practice {} is refused when read again, after {} of its claims were released: left in"
                        + " place", received.id(), practiceId, released.cardinality());
                throw new IOException("file " + received.id() + " was refused when read again after claims of it were released");
            }
            store.restartFile(received.id());
            store.markFileRefused(received.id(), e.getMessage());
            inbound.keepCopy(practiceId, fileName, file);
            LOG.warn("file {} of practice {} refused as a whole (report in .error)", received.id(), practiceId);
            return new ClaimFileOutcome(ClaimFileOutcome.Kind.REFUSED, received.id(), 0, 0, report(fileName, received,
                    "REFUSED: " + e.getMessage() + "\nNo claim of this file was taken in. Correct the file and drop it again."));
        } catch (ConfigurationException e) {
            throw new IOException("practice " + practiceId + ": its layout '" + practice.layout() + "' cannot be used: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The very file whose intake committed, still in the drop folder because the process stopped before the move:
     * it goes where it would have gone, with the report it had, and nothing is read or recorded again.
     */
    private ClaimFileOutcome leftBehind(ReceivedFile f, String fileName) {
        LOG.info("file {} of practice {} was taken in before and not moved on (a stop before the move): moved now, not read"
                + " again", f.id(), f.practiceId());
        if (f.outcome() == FileOutcome.REFUSED) {
            return new ClaimFileOutcome(ClaimFileOutcome.Kind.REFUSED, f.id(), 0, 0, report(fileName, f, "REFUSED: " + f.refusalReason()
                    + "\nNo claim of this file was taken in. Correct the file and drop it again."));
        }
        return new ClaimFileOutcome(ClaimFileOutcome.Kind.PROCESSED, f.id(), 0, 0, null);
    }

    private String dotFileReport(String fileName) {
        return inbound.report(fileName, "", "REFUSED: the file's name starts with a dot. SFTP clients upload a file under such a"
                + " name and rename it when the upload is complete; this one has not changed for " + dotFileQuiet.toMinutes()
                + " minute(s) (" + dotFileQuiet.toSeconds() + " s), so its upload seems to have stopped. Nothing in it was read"
                + " or sent, and nothing of it was recorded.\nIf it is a complete claim file, drop it again under a name that"
                + " does not start with a dot.\n");
    }

    private String report(String fileName, ReceivedFile f, String what) {
        return inbound.report(fileName, " (file " + f.id() + ")", what + "\n");
    }

    public void close() {
        readers.close();
    }

    /**
     * An id from a refused claim as the store keeps it: ids of any length can arrive in a file (the rules
     * refuse them), the store's columns hold 64 characters; a longer id keeps its start and a hash of the
     * whole so that two long ids never collide.
     */
    static String storable(String id) {
        if (id == null || id.length() <= 64) {
            return id;
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return id.substring(0, 40) + "~" + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the claims of the file to the store as they stream out of the mapping, each final ({@link
     * ClaimFileReader#readChecked}): a chunk of them recorded and released per transaction (the first of {@value
     * #FIRST_CHUNK} claims, each next one twice as big, up to {@link #chunkClaims}), skipping the claims an
     * interrupted intake of the file released before (by their first row).
     */
    private final class Recorder implements ClaimGroupSink {
        private final long fileId;
        private final ClaimRules rules;
        private final BitSet releasedBefore;
        private final int chunkClaims = ClaimIntake.this.chunkClaims;
        private int chunk = Math.min(FIRST_CHUNK, chunkClaims);
        private final List<NewClaim> pending = new ArrayList<>();
        int ready;
        int rejected;

        Recorder(long fileId, ClaimRules rules, BitSet releasedBefore) {
            this.fileId = fileId;
            this.rules = rules;
            this.releasedBefore = releasedBefore;
        }

        @Override
        public void claim(ClaimGroup group) {
            if (group.firstRow() <= Integer.MAX_VALUE && releasedBefore.get((int) group.firstRow())) {
                return;
            }
            List<Long> rows = group.rows().stream().map(ClaimRow::row).toList();
            ClaimRules.Outcome outcome = rules.check(group);
            if (outcome instanceof ClaimRules.Accepted a) {
                pending.add(NewClaim.of(a.request(), rows));
            } else {
                ClaimRules.Refused r = (ClaimRules.Refused) outcome;
                pending.add(NewClaim.rejected(storable(group.claimId()), storable(r.payerId()), rows,
                        r.reasons().stream().map(Reason::of).toList(), r.serviceFrom(), r.serviceTo()));
            }
            if (pending.size() >= chunk) {
                flush();
            }
        }

        @Override
        public void retract(String claimId) {
            throw new IllegalStateException("a checked read never takes a claim back");
        }

        void flush() {
            if (!pending.isEmpty()) {
                TransactionStore.FileRelease r = store.recordReleasedClaims(fileId, new ArrayList<>(pending));
                pending.clear();
                chunk = (int) Math.min(chunkClaims, 2L * chunk);
                ready += r.ready();
                rejected += r.rejected();
                LOG.info("file {}: a chunk of {} claims released ({} ready, {} rejected locally), {} so far", fileId,
                        r.ready() + r.rejected(), r.ready(), r.rejected(), ready + rejected);
                chunkListener.released(fileId, r);
                FaultInjection.reached(FaultInjection.Point.AFTER_CHUNK);
            }
        }
    }
}
