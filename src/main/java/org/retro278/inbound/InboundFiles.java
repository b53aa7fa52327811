package org.retro278.inbound;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Message;
import org.apache.camel.component.file.GenericFile;
import org.retro278.config.RuntimeSettings.ReadFolders;
import org.retro278.io.PartnerFileName;
import org.retro278.io.SecureFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every file a partner sends in goes through, whatever it holds (claim files from practices, response
 * files from payers): the refusal of a name the SFTP client cannot read (a backslash), the owner-only copy of its bytes kept locally, the report that goes beside it, and the hand-over
 * that tells the route where the file goes: with a report to the error folder, the report beside it, else
 * to the done folder, under names the SFTP client can carry (routes/practice-intake.yaml and
 * payer-responses.yaml, docs/partners.md "File names").
 */
public final class InboundFiles {

    /** The folder the route moves the file to, on the partner's server beside it. */
    public static final String TARGET_HEADER = "retro278Target";
    /** The name the route moves the file under ({@link PartnerFileName#movable}). */
    public static final String MOVE_NAME_HEADER = "retro278MoveName";
    /** The report of a file that goes to the error folder; none for a file that goes to the done folder. */
    public static final String REPORT_HEADER = "retro278Report";
    /** The name the route writes the report under, in the error folder. */
    public static final String REPORT_NAME_HEADER = "retro278ReportName";
    /** Room left for the report suffix (.report.txt) in a derived name. */
    static final int REPORT_SUFFIX_ROOM = 32;

    private static final Logger LOG = LoggerFactory.getLogger(InboundFiles.class);

    private final Words words;
    private final Path copies;
    private final ReadFolders folders;
    private final Clock clock;

    /**
     * How the files of one kind are named to people.
     *
     * @param kind        what the files are, in a log line ("claim file")
     * @param reportTitle the first line of every report
     */
    private record Words(String kind, String reportTitle) {
    }

    private InboundFiles(Words words, Path copies, ReadFolders folders, Clock clock) {
        this.words = words;
        this.copies = copies;
        this.folders = folders;
        this.clock = clock;
    }

    /** Claim files from the practices; the copies of refused and repeated ones are kept in {@code quarantine}. */
    public static InboundFiles claimFiles(Path quarantine, ReadFolders folders, Clock clock) {
        return new InboundFiles(new Words("claim file", "retro278 intake report"), quarantine,
                folders, clock);
    }

    /** Response files from the payers; the copy of every one is kept in {@code archive}. */
    public static InboundFiles responseFiles(Path archive, ReadFolders folders, Clock clock) {
        return new InboundFiles(new Words("response file", "retro278 response report"), archive, folders, clock);
    }

    /**
     * The part of every inbound bean that comes before the file is read: a file whose name the SFTP client cannot
     * read ({@link PartnerFileName#unreadable}: a backslash) is refused, unread and unrecorded, and handed over to the
     * error folder with a report; the log says so, by a hash of the name. Returns whether it was refused; the body
     * of such a file is never to be read (the consumer did not download it: sftp/DropFolderSftpComponent).
     */
    public boolean refuseUnreadableName(Message in, String name) {
        if (!PartnerFileName.unreadable(name)) {
            return false;
        }
        LOG.warn("a {} (file name {}) has a backslash in its name, which the SFTP client cannot read a file under:"
                + " refused into .error with a report, not read", words.kind(), PartnerFileName.logId(name));
        handOver(in, name, report(name, "", "REFUSED: the file's name holds a backslash (\\), which retro278's SFTP client"
                + " takes for a folder separator, so it cannot read the file. Nothing in it was read, and nothing of it was"
                + " recorded.\nDrop it again under a name without a backslash.\n"));
        return true;
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
        return words.reportTitle() + "\nfile: " + PartnerFileName.shown(fileName) + "\nreceived: " + Instant.now(clock) + receivedNote
                + "\n\n" + text;
    }

    /**
     * Tells the route where the file named {@code name} goes: with a report to the error folder, the report beside
     * it under a name of at most 255 bytes; without one ({@code null}) to the done folder.
     */
    public void handOver(Message in, String name, String report) {
        in.setHeader(MOVE_NAME_HEADER, PartnerFileName.movable(name));
        if (report == null) {
            in.setHeader(TARGET_HEADER, folders.done());
            return;
        }
        in.setHeader(TARGET_HEADER, folders.error());
        in.setHeader(REPORT_HEADER, report);
        in.setHeader(REPORT_NAME_HEADER, PartnerFileName.stem(name, REPORT_SUFFIX_ROOM) + folders.reportSuffix());
    }
}
