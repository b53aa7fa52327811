package org.retro278.convert;

import java.nio.file.Path;
import java.util.List;

/**
 * What a conversion produced.
 *
 * @param claims        claims read (after regrouping)
 * @param converted     claims that became transaction sets in published interchanges
 * @param rejected      claims named in the rejection report
 * @param interchanges  the published interchange files
 * @param report        the rejection report
 */
public record ConversionSummary(long rows, long claims, long converted, long rejected,
                                List<PublishedInterchange> interchanges, Path report) {
    public ConversionSummary {
        interchanges = List.copyOf(interchanges);
    }
}
