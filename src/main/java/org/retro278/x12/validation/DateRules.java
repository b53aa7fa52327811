package org.retro278.x12.validation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.retro278.x12.ElementsWanted;

/**
 * The 278's dates: DTP (each qualifier once per level, D8 or RD8 as the qualifier allows, real dates), the
 * birth date in DMG02 and the certification period in CR604. The formats each DTP qualifier allows are
 * data: the mark before its title in the guides' DTP01 code lists (see {@link X217CodeLists#dateFormats}).
 */
final class DateRules extends RuleFamily {

    private static final ElementsWanted WANTS = ElementsWanted.NONE.and("DTP", 1, 2, 3).and("DMG", 1, 2).and("CR6", 3, 4);

    /** The levels whose DTP01 lists carry the date-format marks. */
    private static final List<String> DATED_LOOPS = List.of("2000E", "2000F");

    private final DateValues values;
    /**
     * Formats per DTP qualifier over both 278 guides, as one table: a qualifier the set's guide does not
     * allow in the loop is reported by the schema, and its format is still held to what the other guide says.
     */
    private final Map<String, Set<String>> formats;
    private final RepeatedQualifiers dateQualifiers = new RepeatedQualifiers();

    DateRules(Reporter out, DateValues values, List<X217CodeLists> guides) {
        super(out, WANTS);
        this.values = values;
        Map<String, Set<String>> all = new HashMap<>();
        for (X217CodeLists guide : guides) {
            for (String loop : DATED_LOOPS) {
                guide.dateFormats(loop).forEach((qualifier, f) -> {
                    Set<String> before = all.putIfAbsent(qualifier, f);
                    if (before != null && !before.equals(f)) {
                        throw new IllegalStateException("the 278 guides disagree on the formats of DTP*" + qualifier);
                    }
                });
            }
        }
        this.formats = Map.copyOf(all);
    }

    @Override
    public void startSet(SetScope scope) {
        dateQualifiers.clear();
    }

    @Override
    public void segment(Segment s) {
        switch (s.tag) {
            case "HL" -> dateQualifiers.clear();
            case "DTP" -> dates(s);
            case "DMG" -> {
                if ("D8".equals(s.element(1))) {
                    values.check(s, 2, 0, s.element(2), "D8", "DMG02 (date of birth)");
                }
            }
            case "CR6" -> {
                String format = s.element(3);
                if (!format.isEmpty()) {
                    values.check(s, 4, 0, s.element(4), format, "CR604 (certification period)");
                }
            }
            default -> {
                // no date here
            }
        }
    }

    private void dates(Segment s) {
        String qualifier = s.element(1);
        String format = s.element(2);
        if (RepeatedQualifiers.isLevelLoop(s.loop)) {
            dateQualifiers.check(s, out);
            Set<String> allowed = formats.get(qualifier);
            if (allowed != null && ("D8".equals(format) || "RD8".equals(format)) && !allowed.contains(format)) {
                out.report(s.position, s.loop, "DTP", 2, null, "DATE_QUALIFIER_FORMAT",
                        "DTP*" + qualifier + " takes " + String.join(" or ", new TreeSet<>(allowed)) + " in DTP02");
            }
        }
        values.check(s, 3, 0, s.element(3), format, "DTP03");
    }
}
