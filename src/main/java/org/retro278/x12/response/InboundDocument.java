package org.retro278.x12.response;

import java.util.List;
import org.retro278.x12.X12Problem;

/**
 * One thing a payer sent back: a 278 response transaction set, a 999 transaction set or a TA1 segment.
 */
public sealed interface InboundDocument permits ReviewResponse, ImplementationAcknowledgment, InterchangeAcknowledgment {

    /** Where the document came in: its own interchange, group and set control numbers, for audit. */
    Envelope envelope();

    /**
     * Validation problems found inside the document (its ST to SE, or its TA1 segment), in the order found;
     * empty when it is clean or when it was read without validation.
     */
    List<X12Problem> problems();
}
