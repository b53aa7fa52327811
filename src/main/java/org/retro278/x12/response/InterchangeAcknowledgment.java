package org.retro278.x12.response;

import java.util.List;
import java.util.Objects;
import org.retro278.x12.X12Problem;

/**
 * A TA1 segment: the verdict on one interchange we sent, before anything inside it was read.
 *
 * @param envelope                 the interchange the TA1 came in (its own ISA13; no group, no set)
 * @param interchangeControlNumber TA101: the ISA13 of our interchange (the correlation key)
 * @param interchangeDate          TA102: our ISA09, YYMMDD as sent
 * @param interchangeTime          TA103: our ISA10, HHMM as sent
 * @param status                   TA104
 * @param note                     TA105
 * @param ruling                   what it means for the claims of that interchange ({@link VerdictRules})
 * @param problems                 validation problems of the TA1 segment itself
 */
public record InterchangeAcknowledgment(Envelope envelope, String interchangeControlNumber, String interchangeDate,
                                        String interchangeTime, Code status, Code note, Ruling ruling,
                                        List<X12Problem> problems) implements InboundDocument {

    public InterchangeAcknowledgment {
        Objects.requireNonNull(envelope, "envelope");
        problems = List.copyOf(problems);
    }

    /** TA104 R with TA105 025: the payer rejects a copy of an interchange it already has, not its claims. */
    public boolean duplicateInterchange() {
        return VerdictRules.duplicateInterchange(status, note);
    }
}
