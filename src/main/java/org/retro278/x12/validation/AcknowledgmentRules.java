package org.retro278.x12.validation;

import java.util.Set;
import org.retro278.x12.ElementsWanted;

/**
 * Our own checks on acknowledgments, in one place: what the 005010X231A1 999 and the TA1 require and the
 * StAEDI schemas cannot say. The schemas check structure, usage and every code list; these rules compare
 * values across segments.
 *
 * <p>Rules (stable names, as in {@link X217Rules}); one family behind {@link SetRule}:
 * <dl>
 *   <dt>ACK_STATUS_MISMATCH</dt><dd>AK901 agrees with the IK501 of the sets: A or E only when no set was
 *       rejected, P (partially accepted) only when at least one set was rejected and one accepted, R with
 *       every set accepted only when AK905 says why.</dd>
 *   <dt>ACK_COUNT_MISMATCH</dt><dd>AK904 (sets accepted) is at most AK903 (sets received); when every
 *       received set has its AK2, AK904 is the number of sets with IK501 A or E.</dd>
 *   <dt>ACK_ERROR_CODE_MISSING</dt><dd>a set that is not plainly accepted (IK501 other than A) says why in
 *       IK502.</dd>
 *   <dt>TA1_NOTE_MISMATCH</dt><dd>TA104 A goes with TA105 000 (no error), E and R with a note that is not
 *       000.</dd>
 * </dl>
 *
 * <p>Readings taken, since the notes do not settle them: AK2 loops are not required for every received set
 * (so AK904 is compared with the IK501s only when they are all there); the TA1 pairing of acknowledgment
 * and note codes follows the code meanings (A: no errors; E: accepted with errors noted; R: rejected).
 *
 * <p>Messages quote codes and counts only; the 999 carries no PHI except IK404 and CTX, never read here.
 */
final class AcknowledgmentRules extends RuleFamily {

    private static final ElementsWanted WANTS = ElementsWanted.NONE.and("AK9", 1, 2, 3, 4, 5).and("IK5", 1, 2)
            .and("TA1", 4, 5);

    private static final Set<String> REJECTED = Set.of("M", "R", "W", "X");
    private static final Set<String> ACCEPTED = Set.of("A", "E");


    private boolean active;
    private int sets;
    private int accepted;
    private int rejected;

    AcknowledgmentRules(Reporter out) {
        super(out, WANTS);
    }

    /** The 999 rules run on a 999 checked against its guide (not when only envelopes are). */
    @Override
    public void startSet(SetScope scope) {
        active = scope.guide() == TransactionGuide.X231A1_999 && scope.schemaChecked() && scope.bodyRules();
        sets = 0;
        accepted = 0;
        rejected = 0;
    }

    @Override
    public void endSet() {
        active = false;
    }

    @Override
    public void segment(Segment s) {
        if ("TA1".equals(s.tag)) {
            interchangeAcknowledgment(s);
            return;
        }
        if (!active) {
            return;
        }
        switch (s.tag) {
            case "IK5" -> setResponse(s);
            case "AK9" -> groupResponse(s);
            default -> {
                // nothing else is compared
            }
        }
    }

    private void setResponse(Segment s) {
        String status = s.element(1);
        sets++;
        if (ACCEPTED.contains(status)) {
            accepted++;
        } else if (REJECTED.contains(status)) {
            rejected++;
        }
        if (!status.isEmpty() && !"A".equals(status) && s.element(2).isEmpty()) {
            out.report(s.position, s.loop, "IK5", 2, null, "ACK_ERROR_CODE_MISSING",
                    "IK501 is " + code(status) + " but IK502 does not say why: a set that is not plainly accepted"
                            + " carries a set error code");
        }
    }

    private void groupResponse(Segment s) {
        String status = s.element(1);
        boolean groupErrors = !s.element(5).isEmpty();
        String problem = switch (status) {
            case "A", "E" -> rejected > 0 ? "AK901 is " + status + " (accepted) but " + count(rejected) + " rejected" : null;
            case "P" -> rejected == 0 ? "AK901 is P (partially accepted) but no set was rejected"
                    : accepted == 0 && sets > 0 ? "AK901 is P (partially accepted) but no set was accepted" : null;
            case "R" -> sets > 0 && accepted == sets && !groupErrors
                    ? "AK901 is R (rejected) but every set was accepted and AK905 gives no group error" : null;
            default -> null;
        };
        if (problem != null) {
            out.report(s.position, null, "AK9", 1, null, "ACK_STATUS_MISMATCH", problem);
        }
        Integer received = number(s.element(3));
        Integer acceptedCount = number(s.element(4));
        if (received != null && acceptedCount != null) {
            if (acceptedCount > received) {
                out.report(s.position, null, "AK9", 4, null, "ACK_COUNT_MISMATCH",
                        "AK904 says " + acceptedCount + " sets were accepted but AK903 says only " + received + " were received");
            } else if (sets == received && acceptedCount != accepted) {
                out.report(s.position, null, "AK9", 4, null, "ACK_COUNT_MISMATCH",
                        "AK904 says " + acceptedCount + " sets were accepted but the IK501s accept " + accepted);
            }
        }
    }

    private void interchangeAcknowledgment(Segment s) {
        String status = s.element(4);
        String note = s.element(5);
        if (status.isEmpty() || note.isEmpty()) {
            return;
        }
        boolean noError = "000".equals(note);
        String problem = null;
        if ("A".equals(status) && !noError) {
            problem = "TA104 is A (accepted, no errors) but TA105 is " + code(note) + ", not 000 (no error)";
        } else if (("E".equals(status) || "R".equals(status)) && noError) {
            problem = "TA104 is " + status + ("R".equals(status) ? " (rejected)" : " (accepted with errors)")
                    + " but TA105 is 000 (no error): the note must say what was wrong";
        }
        if (problem != null) {
            out.report(s.position, null, "TA1", 5, null, "TA1_NOTE_MISMATCH", problem);
        }
    }

    private static String count(int n) {
        return n + (n == 1 ? " set was" : " sets were");
    }

    private static String code(String value) {
        String c = StaediErrors.quotableCode(value, 3);
        return c == null ? "a code" : c;
    }

    private static Integer number(String value) {
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.parseInt(value);
    }
}
