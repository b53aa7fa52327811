package org.retro278.status;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.retro278.config.RuntimeSettings;
import org.retro278.io.PartnerFileName;
import org.retro278.io.SecureFiles;
import org.retro278.ops.Activity;
import org.retro278.sftp.SftpFailure;
import org.retro278.store.ReceivedFile;
import org.retro278.store.StoreException;
import org.retro278.store.TransactionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status files of the practices: for every claim file a practice sent, {@code <file>.status.csv} and
 * {@code <file>.status.jsonl} in its outbox, written again (atomically: temporary name, then rename)
 * after a claim of the file changed, at a pace that keeps the bytes written proportional to the file's size
 * rather than to its size times its changes ({@link PublicationPace}). The practice's status route asks
 * {@link #due} which to upload and reports {@link #onUploaded}.
 *
 * <p>When a practice reuses a file name, the later file's status files carry the store's file number as
 * well ({@code <file>.<id>.status.csv}) so that no status overwrites another file's. A name too long or too
 * unusual to carry as it is gets a bounded, plain one ({@link #statusStem}), and a file whose status cannot
 * be written never holds up the others'.
 */
public final class StatusFiles {

    private static final Logger LOG = LoggerFactory.getLogger(StatusFiles.class);
    public static final String FILE_ID_HEADER = "retro278StatusFileId";
    public static final String AS_OF_HEADER = "retro278StatusAsOf";
    public static final String LAST_HEADER = "retro278StatusLast";
    public static final String BYTES_HEADER = "retro278StatusBytes";
    public static final String PRACTICE_HEADER = "retro278StatusPractice";

    /** The default pace: a claim file's status files are written again at most once per their size over this. */
    public static final long DEFAULT_BYTES_PER_SECOND = RuntimeSettings.defaults().pollTimes().statusBytesPerSecond();

    /** How long a claim change may take from its time stamp to its commit (see {@link #due}). */
    static final Duration COMMIT_MARGIN = Duration.ofSeconds(1);

    /** The longer of the two suffixes, which bounds the stem. */
    private static final String LONGEST_SUFFIX = ".status.jsonl";

    private final TransactionStore store;
    private final Path staging;
    private final PublicationPace pace;
    private Activity activity = Activity.NONE;

    public StatusFiles(TransactionStore store, Path staging) {
        this(store, staging, DEFAULT_BYTES_PER_SECOND);
    }

    /** @param bytesPerSecond the pace of rewrites of one claim file's status files ({@link PublicationPace}) */
    public StatusFiles(TransactionStore store, Path staging, long bytesPerSecond) {
        this.store = store;
        this.staging = staging;
        this.pace = new PublicationPace(bytesPerSecond);
    }

    /** Where the bytes uploaded are counted (the metrics); nothing until this is called. */
    public void countInto(Activity activity) {
        this.activity = activity;
    }

    /** A status file to upload: the pair of one claim file, CSV then JSON Lines; {@code bytes} is this file's size. */
    public record Upload(long fileId, Instant asOf, String name, File file, long bytes, boolean last) {
    }

    /**
     * The status files of a practice that changed since they were last uploaded and whose pause since their
     * last publication is over, written locally.
     */
    public List<Upload> due(String practiceId) throws IOException {
        List<Upload> out = new ArrayList<>();
        Instant now = store.currentTime();
        for (ReceivedFile f : store.filesWithNewStatus(practiceId)) {
            if (!pace.due(f.id(), now)) {
                continue; // still marked changed in the store: written once the pause is over
            }
            try {
                List<Upload> pair = write(practiceId, f);
                pace.written(f.id(), now, pair.stream().mapToLong(Upload::bytes).sum());
                out.addAll(pair);
            } catch (IOException | RuntimeException e) {
                // one file's status failing never holds up the others'; it is tried again at the next tick
                LOG.warn("status files of file {} could not be written, will retry: {}", f.id(),
                        StoreException.in(e).map(StoreException::words).orElse(e.getClass().getSimpleName()));
            }
        }
        return out;
    }

    /**
     * The name of a claim file's status files without their suffix: {@code <file>} (or {@code <file>.<id>} when the
     * practice used the name before), bounded and plain when that is too long or unusual to carry as it is
     * ({@link PartnerFileName#stem}; docs/responses.md, "Status files").
     */
    static String statusStem(String fileName, long fileId, boolean nameUsedBefore) {
        return PartnerFileName.stem(nameUsedBefore ? fileName + "." + fileId : fileName, LONGEST_SUFFIX.length());
    }

    /** The local status files of a claim file under {@code staging} (the work directory's status/), for retention. */
    public static List<Path> localCopies(Path staging, String practiceId, String fileName, long fileId, boolean nameUsedBefore) {
        Path dir = staging.resolve(practiceId);
        String base = statusStem(fileName, fileId, nameUsedBefore);
        return List.of(dir.resolve(base + ".status.csv"), dir.resolve(base + LONGEST_SUFFIX));
    }

    private List<Upload> write(String practiceId, ReceivedFile f) throws IOException {
        // a little before now: a claim change stamped just before its transaction commits may not be visible to the
        // read below yet; with the margin it counts as newer than this publication and is published at the next tick
        Instant asOf = store.currentTime().minus(COMMIT_MARGIN);
        String base = statusStem(f.fileName(), f.id(), store.fileNameUsedBefore(practiceId, f.fileName(), f.id()));
        Path dir = SecureFiles.createPrivateDirectories(staging.resolve(practiceId));
        Path csv = dir.resolve(base + ".status.csv");
        Path jsonl = dir.resolve(base + LONGEST_SUFFIX);
        Path csvTmp = SecureFiles.createTempFile(dir, csv.getFileName().toString());
        Path jsonlTmp = SecureFiles.createTempFile(dir, jsonl.getFileName().toString());
        try {
            try (OutputStream c = new BufferedOutputStream(Files.newOutputStream(csvTmp, StandardOpenOption.TRUNCATE_EXISTING));
                 OutputStream j = new BufferedOutputStream(Files.newOutputStream(jsonlTmp, StandardOpenOption.TRUNCATE_EXISTING));
                 StatusFileWriter w = new StatusFileWriter(c, j)) {
                store.forEachClaimOfFile(f.id(), w::write);
            }
            SecureFiles.publish(csvTmp, csv);
            SecureFiles.publish(jsonlTmp, jsonl);
        } finally {
            Files.deleteIfExists(csvTmp);
            Files.deleteIfExists(jsonlTmp);
        }
        return List.of(new Upload(f.id(), asOf, csv.getFileName().toString(), csv.toFile(), Files.size(csv), false),
                new Upload(f.id(), asOf, jsonl.getFileName().toString(), jsonl.toFile(), Files.size(jsonl), true));
    }

    /** Route entry point after an upload: once both files of a pair are at the practice, the status counts as published. */
    public void onUploaded(Exchange exchange) {
        Long bytes = exchange.getIn().getHeader(BYTES_HEADER, Long.class);
        activity.statusFileUploaded(exchange.getIn().getHeader(PRACTICE_HEADER, String.class), bytes == null ? 0 : bytes);
        if (!Boolean.TRUE.equals(exchange.getIn().getHeader(LAST_HEADER, Boolean.class))) {
            return;
        }
        long fileId = exchange.getIn().getHeader(FILE_ID_HEADER, Long.class);
        Instant asOf = exchange.getIn().getHeader(AS_OF_HEADER, Instant.class);
        store.statusPublished(fileId, asOf);
        LOG.debug("status of file {} published", fileId);
    }

    /** Route entry point when an upload failed: it is tried again at the next tick. */
    public void onUploadFailed(Exchange exchange) {
        Long fileId = exchange.getIn().getHeader(FILE_ID_HEADER, Long.class);
        if (fileId != null) {
            pace.undelivered(fileId);
        }
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        // the upload may have gone through and recording it failed: a store failure is not the partner's server's
        Optional<StoreException> store = StoreException.in(cause);
        LOG.warn("status file of file {} could not be {}, will retry: {}", exchange.getIn().getHeader(FILE_ID_HEADER),
                store.isPresent() ? "recorded as published" : "uploaded",
                store.map(StoreException::words).orElseGet(() -> SftpFailure.of(cause).message()));
    }
}
