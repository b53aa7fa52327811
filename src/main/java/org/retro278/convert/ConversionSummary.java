package org.retro278.convert;

import java.nio.file.Path;
import java.util.List;
import org.retro278.mapping.ReadSummary;

/**
 * What a conversion produced.
 *
 * @param claims        claims read (after regrouping)
 * @param converted     claims that became transaction sets in published interchanges
 * @param rejected      claims named in the rejection report
 * @param interchanges  the published interchange files
 * @param report        the rejection report
 * @param read          where every line of the claim file went (unreadable lines are rows of rejected claims)
 */
public record ConversionSummary(long rows, long claims, long converted, long rejected,
                                List<PublishedInterchange> interchanges, Path report, ReadSummary read) {
    public ConversionSummary {
        interchanges = List.copyOf(interchanges);
    }
}
