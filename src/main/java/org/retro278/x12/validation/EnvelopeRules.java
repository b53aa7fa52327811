package org.retro278.x12.validation;

import org.retro278.x12.ElementsWanted;

/**
 * The envelope rules: ISA element widths, GS01 against the set's kind, ST03 against GS08 and the guide's
 * version, and the {@code NOT_VALIDATED} notice for a set no schema checks. Widths come from the interchange
 * control schema. Unlike the body families this one keeps state across sets: the group header.
 */
final class EnvelopeRules extends RuleFamily {

    private static final ElementsWanted WANTS = ElementsWanted.NONE.and("GS", 1, 8)
            // ST02 is read for the pass, which locates problems by set control number
            .and("ST", 1, 2, 3).and("IEA");

    private final InterchangeControl control;

    private String gs01 = "";
    private String gs08 = "";
    /** Where the group header of the set being read is; 0 when the interchange has none open. */
    private long gsPosition;
    private boolean gsReported;
    private boolean gs08Reported;
    /** The set being read; between sets, the last one's without its guide. */
    private SetScope scope = new SetScope(null, false, null, false, null);

    EnvelopeRules(Reporter out, InterchangeControl control) {
        super(out, WANTS);
        this.control = control;
    }

    /**
     * ISA widths, from the raw header before StAEDI reads it: StAEDI finds its delimiters by fixed position
     * and, when a width is wrong, only says the header is invalid.
     */
    void interchangeHeader(String raw, long position) {
        if (raw.length() < 4) {
            return;
        }
        char separator = raw.charAt(3);
        int start = 4;
        for (int e = 1; e <= 15; e++) {
            int end = raw.indexOf(separator, start);
            if (end < 0) {
                out.report(position, null, "ISA", e, null, "ISA_ELEMENT_WIDTH",
                        String.format("ISA%02d and the elements after it are missing: the ISA segment is %d characters long",
                                e, control.isaLength()));
                return;
            }
            int width = end - start;
            if (width != control.isaWidth(e)) {
                out.report(position, null, "ISA", e, null, "ISA_ELEMENT_WIDTH",
                        String.format("ISA%02d is %d characters wide, it must be exactly %d (ISA elements are fixed width,"
                                + " padded with spaces or leading zeros)", e, width, control.isaWidth(e)));
            }
            start = end + 1;
        }
    }

    @Override
    public void startSet(SetScope scope) {
        this.scope = scope;
    }

    @Override
    public void endSet() {
        scope = new SetScope(null, scope.schemaChecked(), scope.st01(), false, null);
    }

    @Override
    public void segment(Segment s) {
        switch (s.tag) {
            case "GS" -> {
                gs01 = s.element(1);
                gs08 = s.element(8);
                gsPosition = s.position;
                gsReported = false;
                gs08Reported = false;
            }
            case "ST" -> transactionHeader(s);
            // a set after the interchange trailer has no group of its own: StAEDI reports the structure
            case "IEA" -> gsPosition = 0;
            default -> {
                // nothing else in the envelope is compared here: StAEDI checks counts and control numbers
            }
        }
    }

    private void transactionHeader(Segment s) {
        TransactionGuide guide = scope.guide();
        String st01 = scope.st01();
        if (guide == null) {
            String code = StaediErrors.quotableCode(st01, 3);
            out.report(s.position, null, "ST", 1, null, "NOT_VALIDATED",
                    "transaction set " + (code == null ? "" : code + " ") + "is not one this validator knows"
                            + " (278 requests and responses, 999s are): only its envelope was checked");
            return;
        }
        if (!scope.schemaChecked()) {
            out.report(s.position, null, "ST", 1, null, "NOT_VALIDATED",
                    "a " + guide.title() + " is not validated against its implementation guide yet:"
                            + " only its envelope was checked");
        }
        if (gsPosition == 0) {
            // no group around the set: StAEDI reports the missing GS; there is no GS01 or GS08 to compare
            return;
        }
        if (!gsReported && !guide.functionalIdentifier().equals(gs01)) {
            gsReported = true;
            String code = StaediErrors.quotableCode(gs01, 2);
            out.report(gsPosition, null, "GS", 1, null, "GS_FUNCTIONAL_ID",
                    "GS01 is " + (code == null ? "not a valid code" : "'" + code + "'") + " but a "
                            + ("278".equals(st01) ? "278" : st01) + " travels in a group with GS01 = "
                            + guide.functionalIdentifier());
        }
        versions(s, guide);
    }

    /**
     * GS08 against the guide, once per group, and ST03 against GS08. A wrong GS08 is reported at GS08; an
     * ST03 that repeats it is not reported again (one mistake, one reason), and an ST03 that names the right
     * guide under a wrong GS08 is not the one in error.
     */
    private void versions(Segment s, TransactionGuide guide) {
        boolean checked = scope.schemaChecked();
        // an empty GS08 is StAEDI's (a required element): one reason, not two
        if (checked && !gs08.equals(guide.version()) && !gs08.isEmpty() && !gs08Reported) {
            gs08Reported = true;
            out.report(gsPosition, null, "GS", 8, null, "GUIDE_VERSION", "GS08 is " + printable(gs08) + " but a "
                    + guide.title() + " travels in a group with GS08 = " + guide.version());
        }
        String st03 = s.element(3);
        if (st03.isEmpty()) {
            out.report(s.position, null, "ST", 3, null, "VERSION_MISMATCH",
                    "ST03 is empty: it must repeat the implementation guide of GS08 (" + guide.version() + ")");
        } else if (!st03.equals(gs08) && !(checked && st03.equals(guide.version()))) {
            out.report(s.position, null, "ST", 3, null, "VERSION_MISMATCH",
                    "ST03 (" + printable(st03) + ") and GS08 (" + printable(gs08) + ") name different guides");
        }
    }

    private static String printable(String version) {
        return version.length() <= 12 && version.chars().allMatch(Character::isLetterOrDigit) ? version : "?";
    }
}
