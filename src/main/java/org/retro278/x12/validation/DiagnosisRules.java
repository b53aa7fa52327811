package org.retro278.x12.validation;

import java.util.Set;
import org.retro278.x12.ElementsWanted;

/**
 * HI01 to HI12, diagnoses at the patient event and procedures at a service. A principal code, when there is
 * one, stands first (HI01): the notes say no more, so an HI without a principal one (HI01 ABJ admitting, ABF
 * other, or the TR3's own ICD-9 examples starting with BF) is valid. A code is judged once: a qualifier the
 * guide's list does not have is the schema's CODE_INVALID and nothing else. A composite's date (HIxx-4 in
 * the format of HIxx-3) is checked in the same pass, so the problems of one composite stay together.
 */
final class DiagnosisRules extends RuleFamily {

    private static final ElementsWanted WANTS = ElementsWanted.NONE.and("HI", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);

    /** The principal qualifiers, which only HI01 may carry: diagnoses (ICD-10-CM, ICD-9-CM) and procedures. */
    static final Set<String> PRINCIPAL_DIAGNOSIS = Set.of("ABK", "BK");
    static final Set<String> PRINCIPAL_PROCEDURE = Set.of("BBR", "BR");

    private final DateValues values;

    DiagnosisRules(Reporter out, DateValues values) {
        super(out, WANTS);
        this.values = values;
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
        Set<String> principal = "2000F".equals(s.loop) ? PRINCIPAL_PROCEDURE : PRINCIPAL_DIAGNOSIS;
        for (int i = 1; i <= 12; i++) {
            String qualifier = s.component(i, 1);
            if (qualifier.isEmpty()) {
                continue;
            }
            if (i > 1 && principal.contains(qualifier)) {
                out.report(s.position, s.loop, "HI", i, 1, "HI_PRINCIPAL_POSITION",
                        String.format("HI%02d is %s, a principal code: only HI01 may carry the principal one", i, qualifier));
            }
            String format = s.component(i, 3);
            if (!format.isEmpty()) {
                values.check(s, i, 4, s.component(i, 4), format, String.format("HI%02d-4", i));
            }
        }
    }
}
