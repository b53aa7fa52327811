package org.retro278.inbound;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Message;
import org.apache.camel.component.file.GenericFile;
import org.retro278.io.PartnerFileName;
import org.retro278.io.SecureFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every file a partner sends in goes through, whatever it holds (claim files from practices, response
 * files from payers): the consumer filter that leaves a name the SFTP client cannot reach in place and says
 * so once, the owner-only copy of its bytes kept locally, the report that goes beside it, and the hand-over
 * that sends it on: a file with a report moves to the error folder with the report beside it, any other to
 * the done folder (routes/practice-intake.yaml and payer-responses.yaml, docs/partners.md "File names").
 */
public final class InboundFiles {

    /** The report of a file the route moves to the error folder; a file without one moves to the done folder. */
    public static final String REPORT_HEADER = "retro278Report";

    private static final Logger LOG = LoggerFactory.getLogger(InboundFiles.class);

    private final String kind;
    private final String whileInPlace;
    private final String reportTitle;
    private final Path copies;
    private final Clock clock;
    /** Files left in place because their name cannot be reached, each reported once (folder, name, size, time). */
    private final Set<String> reportedUnreachable = ConcurrentHashMap.newKeySet();

    /**
     * @param kind         what the files are, in a log line ("claim file")
     * @param whileInPlace how long a file whose name cannot be reached stays, in a log line (may be empty)
     * @param reportTitle  the first line of every report
     * @param copies       the local folder the copies are kept in, one folder per partner
     */
    public InboundFiles(String kind, String whileInPlace, String reportTitle, Path copies, Clock clock) {
        this.kind = kind;
        this.whileInPlace = whileInPlace;
        this.reportTitle = reportTitle;
        this.copies = copies;
        this.clock = clock;
    }

    /**
     * The route's consumer filter, the part every inbound route shares: a file whose name the SFTP client cannot
     * reach ({@link PartnerFileName#unreachable}) is left in place and reported once in the log, by a hash of its
     * name; folders and every other file are read.
     */
    public boolean reachable(GenericFile<?> file) {
        if (file.isDirectory() || !PartnerFileName.unreachable(file.getFileNameOnly())) {
            return true;
        }
        if (reportedUnreachable.add(serverKey(file))) {
            LOG.warn("a {} (file name {}) cannot be read: its name holds a backslash, which the SFTP client cannot carry;"
                    + " it stays where it is{}", kind, PartnerFileName.logId(file.getFileNameOnly()), whileInPlace);
        }
        return false;
    }

    /** A file on a partner's server: its path, size and modification time (a changed file is a new one). */
    public static String serverKey(GenericFile<?> file) {
        return file.getAbsoluteFilePath() + "|" + file.getFileLength() + "|" + file.getLastModified();
    }

    /** Keeps the bytes of a file, owner-only, in the partner's folder of the local copies. */
    public void keepCopy(String partnerId, String fileName, Path file) throws IOException {
        Path dir = SecureFiles.createPrivateDirectories(copies.resolve(partnerId));
        Path target = dir.resolve(Instant.now(clock).toEpochMilli() + "-" + PartnerFileName.local(fileName, 14));
        SecureFiles.writeAtomically(target, out -> Files.copy(file, out));
    }

    /**
     * The report that goes beside a file: what it is, when it came ({@code receivedNote} follows the time, e.g. the
     * store's number for it) and {@code text}, which ends with a line break. It may quote the file, so it goes to
     * the partner, never to a log.
     */
    public String report(String fileName, String receivedNote, String text) {
        return reportTitle + "\nfile: " + PartnerFileName.shown(fileName) + "\nreceived: " + Instant.now(clock) + receivedNote
                + "\n\n" + text;
    }

    /** Sends the file on: with a report to the error folder, the report beside it; without one ({@code null}) to the done folder. */
    public void handOver(Message in, String report) {
        if (report != null) {
            in.setHeader(REPORT_HEADER, report);
        }
    }
}
