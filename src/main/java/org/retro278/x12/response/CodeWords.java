package org.retro278.x12.response;

import java.util.EnumMap;
import java.util.Map;
import org.retro278.x12.validation.X12Validator;

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

    private final Map<CodedElement, Map<String, String>> lists = new EnumMap<>(CodedElement.class);

    CodeWords(X12Validator validator) {
        for (CodedElement element : CodedElement.values()) {
            lists.put(element, element.codesWithNames(validator));
        }
    }

    /** Words for a code; {@code null} for an absent one; a clear sentence for one the list does not know. */
    Code of(CodedElement element, String code) {
        if (code == null || code.isEmpty()) {
            return null;
        }
        String words = lists.get(element).get(code);
        return new Code(code, words != null && !words.isEmpty() ? words
                : "unknown " + element.title() + " (not in the 005010 code list): needs review");
    }

    /** HCR03: words where public material has them, else a pointer to the payer's companion guide. */
    Code decisionReason(String code) {
        if (code == null || code.isEmpty()) {
            return null;
        }
        String words = DECISION_REASONS.get(code);
        return new Code(code, words != null ? words : "reason code " + code + " (see the payer's companion guide)");
    }
}
