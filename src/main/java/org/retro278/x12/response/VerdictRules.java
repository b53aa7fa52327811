package org.retro278.x12.response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a payer's answer means for the claim, in one place: the {@link Verdict} a 278 response, a 999 set or
 * group, or a TA1 gives it. {@code read} prints these outcomes and the response intake applies them as they
 * are (docs/responses.md, "What a document means for the claim", is the table of these rules).
 *
 * <p>A 278 response, in this order:
 * <ol>
 *   <li>No decision anywhere (no HCR at the event or a service): with AAAs that all carry a follow-up that
 *       holds the request ({@link #HOLDING}: AAA04 Y "we will hold your request and respond again", S "inquiry
 *       initiated to a third party"), {@code PENDED}: the payer answers again; with any other AAA (a follow-up
 *       that ends the request, {@link #ENDING}, an unknown one or none), {@code REJECTED_BY_PAYER}; else with
 *       BHT06 = 19, {@code PENDED}; else {@code CONTACT_PAYER}, needing review (an answer that neither decides
 *       nor rejects).
 *   <li>An HCR01 the 005010 list does not know ({@code D}, {@code IP}... appear in later releases):
 *       {@code CONTACT_PAYER}, needing review, with the code named.
 *   <li>BHT06 = 19, any A4 (event or service), or a service without a decision whose AAAs all hold it:
 *       {@code PENDED}; the claim stays open for the final 278.
 *   <li>Otherwise the decisions are combined: the services' when any service has one (with the event's, if
 *       it has one too), else the event's. A service without a decision but with an AAA counts as not
 *       certified. One kind of decision maps directly: A1 {@code CERTIFIED}, A2 {@code PARTIALLY_CERTIFIED},
 *       A3 {@code DENIED}, A6 {@code MODIFIED}, C {@code CANCELLED}, CT {@code CONTACT_PAYER}, NA
 *       {@code NOT_REQUIRED}. A mix: C and NA (cancelled, not required) are left out when other decisions
 *       remain; then any CT gives {@code CONTACT_PAYER} (a person must call about part of it); any A2, or
 *       certified (A1/A6) next to not certified (A3), gives {@code PARTIALLY_CERTIFIED}; A1 next to A6 gives
 *       {@code MODIFIED} (example 2b: the stay is cut, the surgery certified).
 * </ol>
 *
 * <p>A 999 set: IK501 A or E {@code ACCEPTED}; M, R, W or X {@code REJECTED_BY_GATEWAY}; any other (or none):
 * no verdict, needs review (an unknown code is not read as a rejection). The sets of the acknowledged group
 * that have no AK2 of their own, from AK901: A or E {@code ACCEPTED}; M, R, W or X {@code
 * REJECTED_BY_GATEWAY}; P only when the 999 accounts for them: a listed set is rejected (what P says),
 * every set was received (AK902 = AK903) and AK904 counts every received set without an AK2 as accepted;
 * otherwise (P without any AK2 among them) needs review. A 999 that contradicts itself ({@link #contradicts})
 * accepts no claim, and a second IK5 with another code leaves its set for review. A TA1: R {@code REJECTED_BY_GATEWAY} for every
 * claim of the interchange, except with note 025 (the payer already has an interchange with this ISA13: a
 * copy sent again, docs/reliability.md), which changes nothing; A and E change nothing (the 999 and the 278
 * follow).
 */
public final class VerdictRules {

    private static final Map<String, Verdict> DIRECT = Map.of(
            "A1", Verdict.CERTIFIED, "A2", Verdict.PARTIALLY_CERTIFIED, "A3", Verdict.DENIED,
            "A4", Verdict.PENDED, "A6", Verdict.MODIFIED, "C", Verdict.CANCELLED,
            "CT", Verdict.CONTACT_PAYER, "NA", Verdict.NOT_REQUIRED);

    /**
     * AAA04 follow-ups after which the payer answers again, so the request stays open: Y (do not resubmit; we
     * will hold your request and respond again shortly) and S (do not resubmit; inquiry initiated to a third
     * party).
     */
    static final Set<String> HOLDING = Set.of("S", "Y");
    /**
     * AAA04 follow-ups that end the request (nothing more comes for it; the practice may send a new one where
     * the code allows): C (correct and resubmit), N (resubmission not allowed), P (resubmit the original), R
     * (resubmission allowed), W and X (wait 30 or 10 days and resubmit). An unknown or missing follow-up ends
     * it too: the AAA still rejects.
     */
    static final Set<String> ENDING = Set.of("C", "N", "P", "R", "W", "X");

    /** Marks a service rejected by an AAA without a decision; counted as not certified. */
    private static final String REJECTED_SERVICE = "AAA";

    private VerdictRules() {
    }

    /**
     * The verdict on a 278 response.
     *
     * @param moreToFollow BHT06 = 19
     * @param validations  every AAA of the response
     * @param event        the patient event's decision, or {@code null}
     * @param services     the service levels
     */
    public static Ruling of(boolean moreToFollow, List<RequestValidation> validations, Decision event,
                                  List<ServiceDecision> services) {
        String eventAction = event == null || event.action() == null ? null : event.action().code();
        Map<String, Integer> serviceActions = new LinkedHashMap<>();
        Set<Integer> rejectedServices = new LinkedHashSet<>();
        Map<Integer, Boolean> servicesHeld = new LinkedHashMap<>();
        for (RequestValidation r : validations) {
            if (r.service() != null && !r.requestValid()) {
                rejectedServices.add(r.service());
            }
            if (r.service() != null) {
                servicesHeld.merge(r.service(), holds(r), Boolean::logicalAnd);
            }
        }
        int servicesRejected = 0;
        int servicesHeldCount = 0;
        for (ServiceDecision s : services) {
            if (s.decision() != null && s.decision().action() != null) {
                serviceActions.merge(s.decision().action().code(), 1, Integer::sum);
            } else if (servicesHeld.getOrDefault(s.position(), false)) {
                servicesHeldCount++;
            } else if (rejectedServices.contains(s.position())) {
                servicesRejected++;
            }
        }
        String summary = summary(eventAction, event, serviceActions, services, servicesRejected, servicesHeldCount);

        if (eventAction == null && serviceActions.isEmpty()) {
            if (!validations.isEmpty() && validations.stream().allMatch(VerdictRules::holds)) {
                return new Ruling(Verdict.PENDED, false, "no decision yet: the payer holds the request and will"
                        + " respond again (" + validationWords(validations) + "); do not resubmit, wait for its answer");
            }
            if (!validations.isEmpty()) {
                return new Ruling(Verdict.REJECTED_BY_PAYER, false,
                        "the payer rejected the request without a decision: " + validationWords(validations));
            }
            if (moreToFollow) {
                return new Ruling(Verdict.PENDED, false,
                        "no decision yet: BHT06 is 19, the payer will send another 278 with its decision");
            }
            return new Ruling(Verdict.CONTACT_PAYER, true,
                    "the response carries neither a decision (HCR) nor a rejection (AAA): needs review");
        }

        List<String> all = new ArrayList<>(serviceActions.keySet());
        if (eventAction != null) {
            all.add(0, eventAction);
        }
        for (String action : all) {
            if (!DIRECT.containsKey(action)) {
                String where = action.equals(eventAction) ? "at the patient event" : "at a service";
                return new Ruling(Verdict.CONTACT_PAYER, true, "HCR01 " + printable(action) + " " + where
                        + " is not a 005010 action code (codes such as D or IP appear only in later releases),"
                        + " so the decision cannot be read: needs review");
            }
        }
        if (moreToFollow || all.contains("A4") || servicesHeldCount > 0) {
            return new Ruling(Verdict.PENDED, false, "pended: "
                    + (moreToFollow ? "BHT06 is 19, the payer will send another 278 with its decision"
                    : all.contains("A4") ? "the payer has not decided yet" : "the payer holds part of the request and will respond again")
                    + " (" + summary + ")");
        }

        Set<String> combined = new LinkedHashSet<>();
        if (!serviceActions.isEmpty()) {
            combined.addAll(serviceActions.keySet());
            if (eventAction != null) {
                combined.add(eventAction);
            }
            if (servicesRejected > 0) {
                combined.add(REJECTED_SERVICE);
            }
        } else {
            combined.add(eventAction);
            if (servicesRejected > 0) {
                combined.add(REJECTED_SERVICE);
            }
        }
        return new Ruling(combine(combined), false, summary);
    }

    private static Verdict combine(Set<String> decisions) {
        Set<String> d = new LinkedHashSet<>(decisions);
        if (d.contains(REJECTED_SERVICE)) {
            d.remove(REJECTED_SERVICE);
            d.add("A3");
        }
        if (d.size() > 1 && !Set.of("C", "NA").containsAll(d)) {
            d.remove("C");
            d.remove("NA");
        }
        if (d.size() == 1) {
            return DIRECT.get(d.iterator().next());
        }
        if (d.contains("CT")) {
            return Verdict.CONTACT_PAYER;
        }
        if (d.contains("A2") || (d.contains("A3") && (d.contains("A1") || d.contains("A6")))) {
            return Verdict.PARTIALLY_CERTIFIED;
        }
        if (d.contains("A1") && d.contains("A6")) {
            return Verdict.MODIFIED;
        }
        // only C and NA remain
        return d.contains("C") ? Verdict.CANCELLED : Verdict.NOT_REQUIRED;
    }

    /** "patient event A6 (modified); services: 1 A1 (certified in total)", and rejected services. */
    private static String summary(String eventAction, Decision event, Map<String, Integer> serviceActions,
                                  List<ServiceDecision> services, int servicesRejected, int servicesHeld) {
        List<String> parts = new ArrayList<>();
        if (eventAction != null) {
            parts.add("patient event " + printable(eventAction) + " (" + event.action().words() + ")");
        }
        if (!serviceActions.isEmpty()) {
            List<String> counts = new ArrayList<>();
            serviceActions.forEach((action, n) -> counts.add(n + " " + printable(action) + " (" + words(action, services) + ")"));
            parts.add("services: " + String.join(", ", counts));
        }
        if (servicesRejected > 0) {
            parts.add(servicesRejected + (servicesRejected == 1 ? " service" : " services") + " rejected (AAA) without a decision");
        }
        if (servicesHeld > 0) {
            parts.add(servicesHeld + (servicesHeld == 1 ? " service" : " services")
                    + " held by the payer without a decision (AAA04 follow-up: it will respond again)");
        }
        return String.join("; ", parts);
    }

    private static String words(String action, List<ServiceDecision> services) {
        for (ServiceDecision s : services) {
            if (s.decision() != null && s.decision().action() != null && action.equals(s.decision().action().code())) {
                return s.decision().action().words();
            }
        }
        return "";
    }

    /** Whether an AAA keeps the request open: its follow-up says the payer will respond again. */
    private static boolean holds(RequestValidation r) {
        return r.followUp() != null && HOLDING.contains(r.followUp().code());
    }

    private static String validationWords(List<RequestValidation> validations) {
        RequestValidation first = validations.get(0);
        StringBuilder b = new StringBuilder("AAA ").append(printable(first.reason() == null ? "" : first.reason().code()));
        if (first.reason() != null) {
            b.append(" (").append(first.reason().words()).append(')');
        }
        b.append(" at ").append(first.loop() == null ? "an unknown loop" : first.loop());
        if (first.followUp() != null) {
            b.append(", follow-up ").append(printable(first.followUp().code())).append(" (").append(first.followUp().words()).append(')');
        }
        if (validations.size() > 1) {
            b.append(", and ").append(validations.size() - 1).append(" more");
        }
        return b.toString();
    }

    /** The verdict on one acknowledged set of a 999, from IK501. */
    public static Ruling ofSet(Code ik501) {
        String code = ik501 == null ? "" : ik501.code();
        return switch (code) {
            case "A" -> new Ruling(Verdict.ACCEPTED, false, "accepted by the payer's gateway (IK501 A): the decision follows");
            case "E" -> new Ruling(Verdict.ACCEPTED, false,
                    "accepted with errors noted (IK501 E): the decision follows; the errors are listed");
            case "M", "R", "W", "X" -> new Ruling(Verdict.REJECTED_BY_GATEWAY, false,
                    "rejected by the payer's gateway (IK501 " + code + ": " + ik501.words() + "): fix and resubmit");
            default -> new Ruling(null, true, code.isEmpty()
                    ? "the 999 gives no IK501 for this set: needs review"
                    : "IK501 " + printable(code) + " is not a 005010X231A1 code: needs review");
        };
    }

    /**
     * The verdict on a set whose AK2 loop carries a second IK5: the same code again changes nothing; another
     * code leaves the set undecided (which one holds is not said), needing review.
     */
    static Ruling ofSet(Code ik501, Code repeated) {
        if (repeated == null || ik501 == null || ik501.code().equals(repeated.code())) {
            return ofSet(ik501);
        }
        return new Ruling(null, true, "the 999 gives this set two IK5 that disagree (IK501 " + printable(ik501.code())
                + ", then " + printable(repeated.code()) + "): needs review");
    }

    /**
     * Whether a 999 contradicts itself: its group is rejected (AK901 M, R, W, X) while a listed set is accepted
     * (IK501 A, E), or its group is accepted (AK901 A, E) while a listed set is rejected. Such a 999 accepts no
     * claim: the sets it says are accepted, and for an accepted group the sets without an AK2, need review.
     */
    static boolean contradicts(Code ak901, List<AcknowledgedSet> sets) {
        String code = ak901 == null ? "" : ak901.code();
        Verdict group = switch (code) {
            case "A", "E" -> Verdict.ACCEPTED;
            case "M", "R", "W", "X" -> Verdict.REJECTED_BY_GATEWAY;
            default -> null;
        };
        Verdict opposite = group == Verdict.ACCEPTED ? Verdict.REJECTED_BY_GATEWAY : Verdict.ACCEPTED;
        return group != null && sets.stream().anyMatch(s -> ofSet(s.status()).verdict() == opposite);
    }

    /** The verdict on a set a contradictory 999 says is accepted (see {@link #contradicts}): none, needs review. */
    static Ruling ofContradictedSet(Code ak901, Code ik501) {
        return new Ruling(null, true, "the 999 contradicts itself: the group is rejected (AK901 " + printable(ak901.code())
                + ") while this set is accepted (IK501 " + printable(ik501.code()) + "), so it is not taken as accepted: needs review");
    }

    /**
     * The verdict on the sets of an acknowledged group that have no AK2 of their own, from AK901 and, for P,
     * the counts AK902-AK904 against the listed sets.
     *
     * @param sets the AK2 loops of the 999, each already decided by {@link #ofSet}
     */
    public static Ruling ofGroup(Code ak901, List<AcknowledgedSet> sets, Integer included, Integer received,
                                       Integer accepted) {
        String code = ak901 == null ? "" : ak901.code();
        if (contradicts(ak901, sets) && ("A".equals(code) || "E".equals(code))) {
            return new Ruling(null, true, "the 999 contradicts itself: the group is accepted (AK901 " + code
                    + ") while a listed set is rejected, so sets without an AK2 of their own are not taken as accepted: needs review");
        }
        return switch (code) {
            case "A", "E" -> new Ruling(Verdict.ACCEPTED, false,
                    "the group was accepted (AK901 " + code + "): sets without an AK2 of their own are accepted");
            case "M", "R", "W", "X" -> new Ruling(Verdict.REJECTED_BY_GATEWAY, false,
                    "the group was rejected (AK901 " + code + ": " + ak901.words() + "): every set of it is rejected");
            case "P" -> partlyAccepted(sets, included, received, accepted);
            default -> new Ruling(null, true, code.isEmpty()
                    ? "the 999 has no AK9: needs review"
                    : "AK901 " + printable(code) + " is not a 005010X231A1 code: needs review");
        };
    }

    /**
     * AK901 P: which sets were rejected is said only by their AK2 loops, so a set without one is accepted only
     * when the 999 explains the P by a listed rejection and its counts leave nothing else for the others.
     */
    private static Ruling partlyAccepted(List<AcknowledgedSet> sets, Integer included, Integer received,
                                               Integer accepted) {
        long listedAccepted = sets.stream().filter(s -> s.ruling().verdict() == Verdict.ACCEPTED).count();
        boolean listedRejected = sets.stream().anyMatch(s -> s.ruling().verdict() == Verdict.REJECTED_BY_GATEWAY);
        int unlisted = received == null ? 0 : received - sets.size();
        if (listedRejected && included != null && included.equals(received) && accepted != null && unlisted > 0
                && accepted - listedAccepted == unlisted) {
            return new Ruling(Verdict.ACCEPTED, false, "the group was partially accepted (AK901 P) and AK904 counts the "
                    + unlisted + (unlisted == 1 ? " set" : " sets") + " without an AK2 of their own as accepted: they are accepted");
        }
        return new Ruling(null, true,
                "the group was partially accepted (AK901 P): a set without an AK2 of its own cannot be decided, needs review");
    }

    /** The verdict on every claim of the interchange a TA1 answers, from TA104 and TA105. */
    public static Ruling ofInterchange(Code ta104, Code ta105) {
        String code = ta104 == null ? "" : ta104.code();
        String note = ta105 == null ? "" : " (TA105 " + printable(ta105.code()) + ": " + ta105.words() + ")";
        if (duplicateInterchange(ta104, ta105)) {
            return new Ruling(null, false, "no change: the payer rejected this interchange as a duplicate of one it"
                    + " already has" + note + "; the answers to the first copy decide");
        }
        return switch (code) {
            case "A" -> new Ruling(null, false, "no change: the interchange envelope was accepted; the 999 and the 278 follow");
            case "E" -> new Ruling(null, false, "no change: the interchange was accepted with errors noted" + note
                    + "; the 999 and the 278 follow");
            case "R" -> new Ruling(Verdict.REJECTED_BY_GATEWAY, false,
                    "the whole interchange was rejected" + note + ": nothing in it was read; fix and resubmit");
            default -> new Ruling(null, true, code.isEmpty()
                    ? "the TA1 gives no TA104: needs review"
                    : "TA104 " + printable(code) + " is not an X12 code: needs review");
        };
    }

    /**
     * TA104 R with TA105 025: the payer already has an interchange with this ISA13, a re-upload after a crash
     * (docs/reliability.md) or a numbering clash; it rejects the copy, not the claims.
     */
    static boolean duplicateInterchange(Code ta104, Code ta105) {
        return ta104 != null && "R".equals(ta104.code()) && ta105 != null && "025".equals(ta105.code());
    }

    /** A code fit to quote: short letters and digits only (a value shifted into a code element is not quoted). */
    private static String printable(String code) {
        if (code == null || code.isEmpty() || code.length() > 3) {
            return "(unreadable code)";
        }
        for (int i = 0; i < code.length(); i++) {
            if (!Character.isLetterOrDigit(code.charAt(i))) {
                return "(unreadable code)";
            }
        }
        return code;
    }
}
