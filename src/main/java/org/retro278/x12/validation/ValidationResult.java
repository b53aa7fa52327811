package org.retro278.x12.validation;

import java.util.List;
import org.retro278.x12.X12Problem;

/**
 * A validation run with its problems collected, for callers that check one request or one small file at a
 * time; large files go through {@link X12Validator#validate(java.io.InputStream, java.util.function.Consumer)}
 * so that problems are not held in memory.
 *
 * @param summary  counts
 * @param problems every problem, in the order found
 */
public record ValidationResult(ValidationSummary summary, List<X12Problem> problems) {

    public ValidationResult {
        problems = List.copyOf(problems);
    }

    /** True when the input is X12 and no problem was found. */
    public boolean clean() {
        return summary.clean();
    }
}
