package org.retro278.inbound;

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
import org.retro278.io.SecureFiles;

/**
 * A partner's file as an intake route hands it over (practice-intake, payer-responses): its content streamed
 * from the server into a local file of retro278's own naming, so that a name of any length or make is read
 * (docs/partners.md, "File names"; where it goes after: {@link InboundFiles#handOver}).
 */
public final class SpooledFile {

    /** The local folder the route spools files to. */
    public static final String SPOOL_HEADER = "retro278SpoolDir";

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
     * Hands {@code reading} a local copy of the message's body: the body itself when it is a local file, otherwise
     * a private temporary file in the spool folder, deleted afterwards.
     */
    public static <T> T read(Message in, String prefix, Reading<T> reading) throws IOException {
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
