package org.retro278.x12.validation;

import java.util.HashSet;
import java.util.Set;

/** The qualifiers (element 1) of one kind of segment seen in a level: the guide allows each once. */
final class RepeatedQualifiers {

    private final Set<String> seen = new HashSet<>();

    void clear() {
        seen.clear();
    }

    void check(Segment s, Reporter out) {
        String qualifier = s.element(1);
        if (!qualifier.isEmpty() && !seen.add(qualifier)) {
            String code = StaediErrors.quotableCode(qualifier, 3);
            out.report(s.position, s.loop, s.tag, 1, null, "QUALIFIER_REPEATED",
                    s.tag + (code == null ? " with this qualifier" : "*" + code) + " appears more than once in " + s.loop
                            + "; the guide allows each qualifier once");
        }
    }

    /** The levels whose segments carry each qualifier at most once: the patient event and a service. */
    static boolean isLevelLoop(String loop) {
        return "2000E".equals(loop) || "2000F".equals(loop);
    }
}
