package org.retro278.x12.response;

import java.util.List;
import org.retro278.x12.X12Problem;
import org.retro278.x12.validation.ValidationSummary;

/**
 * A whole file read into memory, for small files and tests; large files go through {@link
 * ResponseReader#read(java.io.InputStream, ResponseHandler)}.
 *
 * @param summary   counts, and whether the input was X12 at all
 * @param documents every document, in file order
 * @param problems  the problems outside any document
 */
public record ResponseFile(ValidationSummary summary, List<InboundDocument> documents, List<X12Problem> problems) {

    public ResponseFile {
        documents = List.copyOf(documents);
        problems = List.copyOf(problems);
    }

    /** Whether the file was read to its end: X12, and reading did not stop early. */
    public boolean readable() {
        return summary.x12() && problems.stream().noneMatch(p -> "UNREADABLE".equals(p.rule()));
    }

    /** Whether no problem was found anywhere. */
    public boolean clean() {
        return summary.clean();
    }
}
