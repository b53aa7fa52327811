package org.retro278.x12.response;

import java.util.List;
import java.util.Objects;
import org.retro278.x12.X12Problem;

/**
 * A 999 transaction set (005010X231A1): the verdict on one functional group we sent and on each set in it.
 *
 * @param envelope                the 999's own ISA13 / GS06 / ST02
 * @param ackedFunctionalId       AK101 (HI for our 278 groups)
 * @param ackedGroupControlNumber AK102: the GS06 of our group (the correlation key)
 * @param ackedVersion            AK103, or {@code null}
 * @param groupStatus             AK901, {@code null} when the 999 has no AK9
 * @param groupErrors             AK905-AK909
 * @param setsIncluded            AK902 (our GE01), or {@code null}
 * @param setsReceived            AK903, or {@code null}
 * @param setsAccepted            AK904, or {@code null}
 * @param sets                    the AK2 loops, in order
 * @param ruling                  what AK901 (and, for P, the counts) means for sets of the group without an AK2
 * @param problems                validation problems inside the 999
 */
public record ImplementationAcknowledgment(Envelope envelope, String ackedFunctionalId, String ackedGroupControlNumber,
                                           String ackedVersion, Code groupStatus, List<Code> groupErrors,
                                           Integer setsIncluded, Integer setsReceived, Integer setsAccepted,
                                           List<AcknowledgedSet> sets, Ruling ruling, List<X12Problem> problems)
        implements InboundDocument {

    public ImplementationAcknowledgment {
        Objects.requireNonNull(envelope, "envelope");
        groupErrors = List.copyOf(groupErrors);
        sets = List.copyOf(sets);
        problems = List.copyOf(problems);
    }
}
