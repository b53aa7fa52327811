package org.retro278.intake;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.retro278.io.PartnerFileName;
import org.retro278.io.SecureFiles;

/**
 * A partner's file as an intake route hands it over (practice-intake, payer-responses): its content streamed
 * from the server into a local file of retro278's own naming, so that a name of any length or make is read, and
 * the names the route moves the file and writes its report under (docs/partners.md, "File names").
 */
public final class SpooledFile {

    /** The local folder the route spools files to. */
    public static final String SPOOL_HEADER = "retro278SpoolDir";
    /** The name the route moves the file under ({@link PartnerFileName#movable}). */
    public static final String MOVE_NAME_HEADER = "retro278MoveName";
    /** The start of the report's name; the route adds its suffix ({@link PartnerFileName#stem}). */
    public static final String REPORT_STEM_HEADER = "retro278ReportStem";
    /** Room left for the report suffix (.report.txt) in a derived name. */
    static final int REPORT_SUFFIX_ROOM = 32;

    /** What is done with the local copy while it exists. */
    public interface Reading<T> {
        T read(Path local) throws IOException;
    }

    private SpooledFile() {
    }

    /**
     * The spool folder {@code dir}, private, emptied of the copies an earlier run left when it was killed while reading
     * (a copy is deleted once read, but a SIGKILL skips that): they hold a partner's data and nothing reads them again,
     * since the file itself is still on the partner's server and is read anew. Call before the routes start.
     */
    public static Path folder(Path dir) throws IOException {
        SecureFiles.createPrivateDirectories(dir);
        try (Stream<Path> left = Files.list(dir)) {
            for (Path f : left.filter(Files::isRegularFile).toList()) {
                Files.deleteIfExists(f);
            }
        }
        return dir;
    }

    /**
     * Sets the move and report names of the file named {@code name}, then hands {@code reading} a local copy of the
     * message's body: the body itself when it is a local file, otherwise a private temporary file in the spool
     * folder, deleted afterwards.
     */
    public static <T> T read(Message in, String name, String prefix, Reading<T> reading) throws IOException {
        in.setHeader(MOVE_NAME_HEADER, PartnerFileName.movable(name));
        in.setHeader(REPORT_STEM_HEADER, PartnerFileName.stem(name, REPORT_SUFFIX_ROOM));
        if (in.getBody() instanceof File local) {
            return reading.read(local.toPath());
        }
        Path local = SecureFiles.createTempFile(Path.of(in.getHeader(SPOOL_HEADER, String.class)), prefix);
        try {
            try (InputStream content = in.getMandatoryBody(InputStream.class);
                 OutputStream out = Files.newOutputStream(local, StandardOpenOption.TRUNCATE_EXISTING)) {
                content.transferTo(out);
            } catch (InvalidPayloadException e) {
                throw new IOException("the file's content could not be read", e);
            }
            return reading.read(local);
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
