package org.retro278.x12.response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.retro278.store.ClaimState;

/**
 * What a payer's answer means for the claim, in one place: the claim state a 278 response, a 999 set or a
 * TA1 moves it to. The state names are the fixed vocabulary of {@link ClaimState}.
 *
 * <p>A 278 response, in this order:
 * <ol>
 *   <li>No decision anywhere (no HCR at the event or a service): with an AAA, {@code REJECTED_BY_PAYER}; else
 *       with BHT06 = 19, {@code PENDED}; else {@code CONTACT_PAYER}, needing review (an answer that neither
 *       decides nor rejects).
 *   <li>An HCR01 the 005010 list does not know ({@code D}, {@code IP}... appear in later releases):
 *       {@code CONTACT_PAYER}, needing review, with the code named.
 *   <li>BHT06 = 19 or any A4 (event or service): {@code PENDED}; the claim stays open for the final 278.
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
 * <p>A 999 set: IK501 A or E {@code ACCEPTED}; M, R, W or X {@code REJECTED_BY_GATEWAY}. The same for the
 * sets of an acknowledged group that have no AK2 of their own, from AK901 (P cannot be decided for them:
 * needs review). A TA1: R {@code REJECTED_BY_GATEWAY} for every claim of the interchange; A and E change
 * nothing (the 999 and the 278 follow).
 */
public final class ClaimStateRollup {

    private static final Map<String, ClaimState> DIRECT = Map.of(
            "A1", ClaimState.CERTIFIED, "A2", ClaimState.PARTIALLY_CERTIFIED, "A3", ClaimState.DENIED,
            "A4", ClaimState.PENDED, "A6", ClaimState.MODIFIED, "C", ClaimState.CANCELLED,
            "CT", ClaimState.CONTACT_PAYER, "NA", ClaimState.NOT_REQUIRED);

    /** Marks a service rejected by an AAA without a decision; counted as not certified. */
    private static final String REJECTED_SERVICE = "AAA";

    private ClaimStateRollup() {
    }

    /**
     * The claim state of a 278 response.
     *
     * @param moreToFollow BHT06 = 19
     * @param rejections   every AAA of the response
     * @param event        the patient event's decision, or {@code null}
     * @param services     the service levels
     */
    public static ClaimOutcome of(boolean moreToFollow, List<Rejection> rejections, Decision event,
                                  List<ServiceDecision> services) {
        String eventAction = event == null || event.action() == null ? null : event.action().code();
        Map<String, Integer> serviceActions = new LinkedHashMap<>();
        Set<Integer> rejectedServices = new LinkedHashSet<>();
        for (Rejection r : rejections) {
            if (r.service() != null && !r.requestValid()) {
                rejectedServices.add(r.service());
            }
        }
        int servicesRejected = 0;
        for (ServiceDecision s : services) {
            if (s.decision() != null && s.decision().action() != null) {
                serviceActions.merge(s.decision().action().code(), 1, Integer::sum);
            } else if (rejectedServices.contains(s.position())) {
                servicesRejected++;
            }
        }
        String summary = summary(eventAction, event, serviceActions, services, servicesRejected);

        if (eventAction == null && serviceActions.isEmpty()) {
            if (!rejections.isEmpty()) {
                return new ClaimOutcome(ClaimState.REJECTED_BY_PAYER, false,
                        "the payer rejected the request without a decision: " + rejectionWords(rejections));
            }
            if (moreToFollow) {
                return new ClaimOutcome(ClaimState.PENDED, false,
                        "no decision yet: BHT06 is 19, the payer will send another 278 with its decision");
            }
            return new ClaimOutcome(ClaimState.CONTACT_PAYER, true,
                    "the response carries neither a decision (HCR) nor a rejection (AAA): needs review");
        }

        List<String> all = new ArrayList<>(serviceActions.keySet());
        if (eventAction != null) {
            all.add(0, eventAction);
        }
        for (String action : all) {
            if (!DIRECT.containsKey(action)) {
                String where = action.equals(eventAction) ? "at the patient event" : "at a service";
                return new ClaimOutcome(ClaimState.CONTACT_PAYER, true, "HCR01 " + printable(action) + " " + where
                        + " is not a 005010 action code (codes such as D or IP appear only in later releases),"
                        + " so the decision cannot be read: needs review");
            }
        }
        if (moreToFollow || all.contains("A4")) {
            return new ClaimOutcome(ClaimState.PENDED, false, "pended: "
                    + (moreToFollow ? "BHT06 is 19, the payer will send another 278 with its decision" : "the payer has not decided yet")
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
        return new ClaimOutcome(combine(combined), false, summary);
    }

    private static ClaimState combine(Set<String> decisions) {
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
            return ClaimState.CONTACT_PAYER;
        }
        if (d.contains("A2") || (d.contains("A3") && (d.contains("A1") || d.contains("A6")))) {
            return ClaimState.PARTIALLY_CERTIFIED;
        }
        if (d.contains("A1") && d.contains("A6")) {
            return ClaimState.MODIFIED;
        }
        // only C and NA remain
        return d.contains("C") ? ClaimState.CANCELLED : ClaimState.NOT_REQUIRED;
    }

    /** "patient event A6 (modified); services: 1 A1 (certified in total)", and rejected services. */
    private static String summary(String eventAction, Decision event, Map<String, Integer> serviceActions,
                                  List<ServiceDecision> services, int servicesRejected) {
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

    private static String rejectionWords(List<Rejection> rejections) {
        Rejection first = rejections.get(0);
        StringBuilder b = new StringBuilder("AAA ").append(printable(first.reason() == null ? "" : first.reason().code()));
        if (first.reason() != null) {
            b.append(" (").append(first.reason().words()).append(')');
        }
        b.append(" at ").append(first.loop() == null ? "an unknown loop" : first.loop());
        if (first.followUp() != null) {
            b.append(", follow-up ").append(printable(first.followUp().code())).append(" (").append(first.followUp().words()).append(')');
        }
        if (rejections.size() > 1) {
            b.append(", and ").append(rejections.size() - 1).append(" more");
        }
        return b.toString();
    }

    /** The claim state of one acknowledged set of a 999, from IK501. */
    public static ClaimOutcome ofSet(Code ik501) {
        String code = ik501 == null ? "" : ik501.code();
        return switch (code) {
            case "A" -> new ClaimOutcome(ClaimState.ACCEPTED, false, "accepted by the payer's gateway (IK501 A): the decision follows");
            case "E" -> new ClaimOutcome(ClaimState.ACCEPTED, false,
                    "accepted with errors noted (IK501 E): the decision follows; the errors are listed");
            case "M", "R", "W", "X" -> new ClaimOutcome(ClaimState.REJECTED_BY_GATEWAY, false,
                    "rejected by the payer's gateway (IK501 " + code + ": " + ik501.words() + "): fix and resubmit");
            default -> new ClaimOutcome(null, true, code.isEmpty()
                    ? "the 999 gives no IK501 for this set: needs review"
                    : "IK501 " + printable(code) + " is not a 005010X231A1 code: needs review");
        };
    }

    /** The claim state of the sets of an acknowledged group that have no AK2 of their own, from AK901. */
    public static ClaimOutcome ofGroup(Code ak901) {
        String code = ak901 == null ? "" : ak901.code();
        return switch (code) {
            case "A", "E" -> new ClaimOutcome(ClaimState.ACCEPTED, false,
                    "the group was accepted (AK901 " + code + "): sets without an AK2 of their own are accepted");
            case "M", "R", "W", "X" -> new ClaimOutcome(ClaimState.REJECTED_BY_GATEWAY, false,
                    "the group was rejected (AK901 " + code + ": " + ak901.words() + "): every set of it is rejected");
            case "P" -> new ClaimOutcome(null, true,
                    "the group was partially accepted (AK901 P): a set without an AK2 of its own cannot be decided, needs review");
            default -> new ClaimOutcome(null, true, code.isEmpty()
                    ? "the 999 has no AK9: needs review"
                    : "AK901 " + printable(code) + " is not a 005010X231A1 code: needs review");
        };
    }

    /** The claim state of every claim of the interchange a TA1 answers, from TA104. */
    public static ClaimOutcome ofInterchange(Code ta104, Code ta105) {
        String code = ta104 == null ? "" : ta104.code();
        String note = ta105 == null ? "" : " (TA105 " + printable(ta105.code()) + ": " + ta105.words() + ")";
        return switch (code) {
            case "A" -> new ClaimOutcome(null, false, "no change: the interchange envelope was accepted; the 999 and the 278 follow");
            case "E" -> new ClaimOutcome(null, false, "no change: the interchange was accepted with errors noted" + note
                    + "; the 999 and the 278 follow");
            case "R" -> new ClaimOutcome(ClaimState.REJECTED_BY_GATEWAY, false,
                    "the whole interchange was rejected" + note + ": nothing in it was read; fix and resubmit");
            default -> new ClaimOutcome(null, true, code.isEmpty()
                    ? "the TA1 gives no TA104: needs review"
                    : "TA104 " + printable(code) + " is not an X12 code: needs review");
        };
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
