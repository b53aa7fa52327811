package org.retro278.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One service line of the claim: a 2000F service level.
 *
 * @param procedureCode CPT or HCPCS code
 * @param modifiers     up to four procedure modifiers, possibly empty
 * @param revenueCode   present for an institutional line (SV2), {@code null} for a professional one (SV1)
 * @param units         service units (at least one)
 * @param charge        line charge, or {@code null}
 * @param dateTo        last date of service, or {@code null} for a single day
 * @param rendering     rendering provider, or {@code null}
 */
public record ServiceLine(String procedureCode, List<String> modifiers, String revenueCode, BigDecimal units,
                          BigDecimal charge, LocalDate dateFrom, LocalDate dateTo, Provider rendering) {
    public ServiceLine {
        Require.nonNull("procedureCode units dateFrom", procedureCode, units, dateFrom);
        modifiers = List.copyOf(modifiers);
    }

    public boolean isInstitutional() {
        return revenueCode != null;
    }

    /** The last day of service of this line. */
    public LocalDate lastDate() {
        return dateTo != null ? dateTo : dateFrom;
    }
}
