package org.retro278.x12.response;

import java.util.LinkedHashMap;
import java.util.Map;
import org.retro278.x12.validation.X12Validator;
import org.retro278.x12.validation.X217CodeLists;

/**
 * Plain words for every code the readers report, taken from the value titles of the schemas the validator
 * checks with (the 278 response, the 999 and the interchange control schema): one source for the code list
 * and its meaning. The only words kept in code are those for HCR03, whose list (code source 886) is licensed
 * and not in any schema.
 */
final class CodeWords {

    /**
     * HCR03 decision reasons public material explains. 886 is X12's licensed list: every other code is
     * explained only in the payer's companion guide (docs/x12-278-notes.md section 4.3).
     */
    private static final Map<String, String> DECISION_REASONS = Map.of(
            "25", "services were not considered because of other errors in the request (X12 RFI 2477)");

    private final Map<String, String> action;
    private final Map<String, String> rejectReason;
    private final Map<String, String> followUp;
    private final Map<String, String> documentType;
    private final Map<String, String> documentTransmission;
    private final Map<String, String> segmentError;
    private final Map<String, String> elementError;
    private final Map<String, String> setStatus;
    private final Map<String, String> setError;
    private final Map<String, String> groupStatus;
    private final Map<String, String> groupError;
    private final Map<String, String> interchangeStatus;
    private final Map<String, String> interchangeNote;

    CodeWords(X12Validator validator) {
        X217CodeLists response = validator.responseCodeLists();
        X217CodeLists ack = validator.acknowledgmentCodeLists();
        action = response.codesWithNames("2000E", "HCR", 1, null);
        // the UMO levels' AAA03 list is the widest (it adds T4)
        rejectReason = response.codesWithNames("2000A", "AAA", 3, null);
        followUp = response.codesWithNames("2000A", "AAA", 4, null);
        // PWK at the patient event (2000E) and at a service (2000F): the union of both lists (the same today)
        documentType = union(response.codesWithNames("2000E", "PWK", 1, null), response.codesWithNames("2000F", "PWK", 1, null));
        documentTransmission = union(response.codesWithNames("2000E", "PWK", 2, null),
                response.codesWithNames("2000F", "PWK", 2, null));
        segmentError = ack.codesWithNames("2100", "IK3", 4, null);
        elementError = ack.codesWithNames("2110", "IK4", 3, null);
        setStatus = ack.codesWithNames("2000", "IK5", 1, null);
        setError = ack.codesWithNames("2000", "IK5", 2, null);
        groupStatus = ack.codesWithNames(X217CodeLists.HEADER, "AK9", 1, null);
        groupError = ack.codesWithNames(X217CodeLists.HEADER, "AK9", 5, null);
        interchangeStatus = validator.interchangeCodes("TA1", 4);
        interchangeNote = validator.interchangeCodes("TA1", 5);
    }

    Code action(String code) {
        return code(code, action, "HCR01 action code");
    }

    boolean knownAction(String code) {
        return action.containsKey(code);
    }

    Code rejectReason(String code) {
        return code(code, rejectReason, "AAA03 reject reason");
    }

    Code followUp(String code) {
        return code(code, followUp, "AAA04 follow-up action");
    }

    Code documentType(String code) {
        return code(code, documentType, "PWK01 report type code");
    }

    Code documentTransmission(String code) {
        return code(code, documentTransmission, "PWK02 transmission code");
    }

    Code decisionReason(String code) {
        if (code == null || code.isEmpty()) {
            return null;
        }
        String words = DECISION_REASONS.get(code);
        return new Code(code, words != null ? words : "reason code " + code + " (see the payer's companion guide)");
    }

    Code segmentError(String code) {
        return code(code, segmentError, "IK304 segment error");
    }

    Code elementError(String code) {
        return code(code, elementError, "IK403 element error");
    }

    Code setStatus(String code) {
        return code(code, setStatus, "IK501 acknowledgment code");
    }

    Code setError(String code) {
        return code(code, setError, "IK502 set error");
    }

    Code groupStatus(String code) {
        return code(code, groupStatus, "AK901 acknowledgment code");
    }

    Code groupError(String code) {
        return code(code, groupError, "AK905 group error");
    }

    Code interchangeStatus(String code) {
        return code(code, interchangeStatus, "TA104 acknowledgment code");
    }

    Code interchangeNote(String code) {
        return code(code, interchangeNote, "TA105 note code");
    }

    private static Map<String, String> union(Map<String, String> first, Map<String, String> second) {
        Map<String, String> out = new LinkedHashMap<>(first);
        second.forEach(out::putIfAbsent);
        return Map.copyOf(out);
    }

    /** Words for a code; {@code null} for an absent one; a clear sentence for one the list does not know. */
    private static Code code(String code, Map<String, String> list, String what) {
        if (code == null || code.isEmpty()) {
            return null;
        }
        String words = list.get(code);
        return new Code(code, words != null && !words.isEmpty() ? words
                : "unknown " + what + " (not in the 005010 code list): needs review");
    }
}
