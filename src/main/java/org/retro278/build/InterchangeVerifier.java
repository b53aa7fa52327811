package org.retro278.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.retro278.x12.X12Problem;

/**
 * Checks an assembled interchange file before it is published: its envelope (ISA/GS/GE/IEA, counts and
 * control numbers) around transaction sets that were each validated when they were built.
 */
@FunctionalInterface
public interface InterchangeVerifier {
    List<X12Problem> verify(Path file) throws IOException;
}
