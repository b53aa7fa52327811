package org.retro278.build;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.retro278.x12.X12Problem;

/** Checks X12 bytes against the implementation guide; what building transaction sets needs of the validator. */
@FunctionalInterface
public interface TransactionSetValidator {
    List<X12Problem> validate(InputStream in) throws IOException;

    /** For measuring what validation costs: accepts everything. Never used for output that is sent. */
    TransactionSetValidator NONE = in -> List.of();
}
