package org.retro278.build;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.retro278.io.SecureFiles;
import org.retro278.x12.InterchangeFrame;
import org.retro278.x12.X12Problem;

/**
 * Writes one interchange file around transaction sets that were validated when they were built: the
 * envelope's header, the sets, its trailer, into an owner-only temporary file beside the target; the
 * whole is verified and only then published under its final name, atomically. A file that fails its
 * check is never published.
 */
public final class InterchangeAssembler {

    /** Writes the transaction sets of the interchange, ST through SE, in order. */
    @FunctionalInterface
    public interface SetWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private final InterchangeVerifier verifier;

    public InterchangeAssembler(InterchangeVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * Assembles, verifies and publishes {@code target}.
     *
     * @return the problems of the envelope check; empty when the file was published, otherwise nothing was
     */
    public List<X12Problem> publish(Path target, InterchangeFrame frame, SetWriter sets) throws IOException {
        Path tmp = SecureFiles.createTempFile(target.getParent(), target.getFileName().toString());
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING), 1 << 16)) {
                out.write(frame.header());
                sets.writeTo(out);
                out.write(frame.trailer());
            }
            List<X12Problem> problems = verifier.verify(tmp);
            if (problems.isEmpty()) {
                SecureFiles.publish(tmp, target);
            }
            return problems;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
