package org.retro278.x12.validation;

import java.util.Set;

/**
 * HI01 to HI12, diagnoses at the patient event and procedures at a service. The principal code may only come
 * first. For ICD-10-CM the first must be the principal (ABK): the stricter reading of "principal first"; the
 * TR3's own ICD-9 examples start with BF, so ICD-9 qualifiers are not held to it. A composite's date (HIxx-4
 * in the format of HIxx-3) is checked in the same pass, so the problems of one composite stay together.
 */
final class DiagnosisRules implements SetRule {

    private final Reporter out;
    private final DateValues values;

    DiagnosisRules(Reporter out, DateValues values) {
        this.out = out;
        this.values = values;
    }

    @Override
    public long wants(String tag) {
        return "HI".equals(tag) ? SetRule.elements(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12) : 0L;
    }

    /** Whether a component of a wanted element is read: the diagnosis codes themselves (component 2) are not. */
    static boolean wantsComponent(String tag, int component) {
        return !("HI".equals(tag) && component == 2);
    }

    @Override
    public void segment(Segment s) {
        if (!"HI".equals(s.tag)) {
            return;
        }
        boolean procedures = "2000F".equals(s.loop);
        Set<String> principal = procedures ? Set.of("BBR", "BR") : Set.of("ABK", "BK");
        for (int i = 1; i <= 12; i++) {
            String qualifier = s.component(i, 1);
            if (qualifier.isEmpty()) {
                continue;
            }
            if (i > 1 && principal.contains(qualifier)) {
                out.report(s.position, s.loop, "HI", i, 1, "HI_PRINCIPAL_POSITION",
                        String.format("HI%02d is %s, a principal code: only HI01 may carry the principal one", i, qualifier));
            }
            if (i == 1 && !procedures && qualifier.startsWith("AB") && !"ABK".equals(qualifier)) {
                String code = StaediErrors.quotableCode(qualifier, 3);
                out.report(s.position, s.loop, "HI", 1, 1, "HI_PRINCIPAL_FIRST",
                        "HI01 is " + (code == null ? "not ABK" : code)
                                + ": with ICD-10-CM codes the first diagnosis must be the principal one (ABK)");
            }
            String format = s.component(i, 3);
            if (!format.isEmpty()) {
                values.check(s, i, 4, s.component(i, 4), format, String.format("HI%02d-4", i));
            }
        }
    }
}
