package org.retro278.x12.response;

/**
 * The dates a UMO gives with its decision: the event dates it certifies (DTP*AAH, patient event only), the
 * issue date (DTP*102), the effective date or period (DTP*007) and the expiration date (DTP*036). Each is
 * {@code null} when absent. Dates are PHI: {@link #toString()} names only which ones are present.
 */
public record CertifiedDates(DateRange event, DateRange issued, DateRange effective, DateRange expires) {

    static final CertifiedDates NONE = new CertifiedDates(null, null, null, null);

    public boolean isEmpty() {
        return event == null && issued == null && effective == null && expires == null;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("CertifiedDates[");
        String sep = "";
        for (String[] part : new String[][] {{"event", present(event)}, {"issued", present(issued)},
                {"effective", present(effective)}, {"expires", present(expires)}}) {
            if (part[1] != null) {
                b.append(sep).append(part[0]);
                sep = ", ";
            }
        }
        return b.append(']').toString();
    }

    private static String present(Object o) {
        return o == null ? null : "";
    }
}
