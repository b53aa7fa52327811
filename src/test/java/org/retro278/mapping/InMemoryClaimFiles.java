package org.retro278.mapping;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Reads a claim file held in memory, for tests of other packages (the stream read is package-private). */
public final class InMemoryClaimFiles {

    private InMemoryClaimFiles() {
    }

    public static ReadSummary read(ClaimFileReader reader, byte[] content, ClaimGroupSink sink)
            throws ClaimFileRefusedException, IOException {
        return reader.read("in-memory", new ByteArrayInputStream(content), sink);
    }
}
