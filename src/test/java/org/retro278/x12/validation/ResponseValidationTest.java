package org.retro278.x12.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.retro278.x12.validation.Fixtures.assertAt;
import static org.retro278.x12.validation.Fixtures.describe;
import static org.retro278.x12.validation.Fixtures.only;
import static org.retro278.x12.validation.Fixtures.rules;
import static org.retro278.x12.validation.Fixtures.validateText;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The response, 999 and TA1 guides in the validator: our fictional responses pass, and each rule the new
 * schemas and {@link AcknowledgmentRules} add is reported where it applies.
 */
class ResponseValidationTest {

    private static String response(String name) {
        try (InputStream in = ResponseValidationTest.class.getResourceAsStream("/golden/read/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void fictionalResponsesAndAcknowledgmentsPass() {
        for (String name : List.of("a1-certified-event-decision-covers-the-service.x12", "a2-partial-service-a1-and-service-a3.x12",
                "a4-pended-more-to-follow.x12", "a6-modified-stay-cut-service-a1.x12", "aaa-2010c-subscriber-not-found.x12",
                "999-partly-accepted-p.x12", "999-rejected-ik3-ik4.x12", "ta1-rejected-invalid-sender.x12",
                "tolerance-three-interchanges-ta1-999-278.x12", "tolerance-pipe-caret-plus-delimiters.x12")) {
            ValidationResult result = validateText(response(name));
            assertTrue(result.clean(), () -> name + describe(result));
        }
    }

    @Test
    void rejectionAtTheUmoOrRequesterLevelEndsTheResponseThere() {
        for (String name : List.of("clean/response-rejected-at-umo-2010a-without-lower-levels.x12",
                "clean/response-rejected-at-requester-2010b-without-subscriber.x12")) {
            ValidationResult result = Fixtures.validate(name);
            assertTrue(result.clean(), () -> name + describe(result));
        }
    }

    @Test
    void responseWithoutItsLowerLevelsAndWithoutARejection() {
        ValidationResult result = Fixtures.validate("problems/response-without-subscriber-and-no-rejection.x12");
        assertEquals(List.of("LOOP_MISSING"), rules(result), () -> describe(result));
        assertAt(only(result, "LOOP_MISSING"), 9, 7, "2000C", "HL", null, null);
    }

    @Test
    void hcr01OutsideTheCodeList() {
        ValidationResult result = validateText(response("hcr01-ip-not-a-005010-code.x12"));
        assertAt(only(result, "CODE_INVALID"), 15, 13, "2000E", "HCR", 1, null);
    }

    @Test
    void certifyingDecisionWithoutItsNumber() {
        ValidationResult result = validateText(response("a1-number-only-in-ref-bb.x12"));
        assertEquals(List.of("AUTHORIZATION_NUMBER_MISSING"), rules(result));
        assertAt(only(result, "AUTHORIZATION_NUMBER_MISSING"), 15, 13, "2000E", "HCR", 2, null);
    }

    @Test
    void responseDatesAreCheckedLikeTheRequestsAndEffectiveDateIsASingleDate() {
        String text = response("a4-final-after-pend.x12").replace("DTP*007*D8*20251110", "DTP*007*RD8*20251110-20251231")
                .replace("DTP*036*D8*20251231", "DTP*036*D8*20251131");
        ValidationResult result = validateText(text);
        assertEquals(List.of("DATE_QUALIFIER_FORMAT", "DATE_INVALID"), rules(result), () -> describe(result));
    }

    @Test
    void aaaOutsideItsListAndAtALevelWithoutAaa() {
        String text = response("aaa-2010c-subscriber-not-found.x12").replace("AAA*N**75*C", "AAA*N**T4*C");
        ValidationResult result = validateText(text);
        assertEquals(List.of("CODE_INVALID"), rules(result), () -> "T4 is for the UMO levels only" + describe(result));
    }

    @Test
    void responseNeedsItsBht06() {
        String text = response("c-cancelled.x12").replace("*1015*18~", "*1015~");
        ValidationResult result = validateText(text);
        assertAt(only(result, "ELEMENT_MISSING"), 4, 2, null, "BHT", 6, null);
    }

    @Test
    void groupStatusMustAgreeWithTheSets() {
        String text = response("999-partly-accepted-p.x12").replace("AK9*P*2*2*1", "AK9*A*2*2*1");
        ValidationResult result = validateText(text);
        assertEquals(List.of("ACK_STATUS_MISMATCH"), rules(result), () -> describe(result));
        assertAt(only(result, "ACK_STATUS_MISMATCH"), 11, 9, null, "AK9", 1, null);

        String allAccepted = response("999-accepted-two-sets.x12").replace("AK9*A*2*2*2", "AK9*P*2*2*2");
        assertEquals(List.of("ACK_STATUS_MISMATCH"), rules(validateText(allAccepted)));
    }

    @Test
    void acceptedCountMustAgreeWithTheSets() {
        String text = response("999-accepted-two-sets.x12").replace("AK9*A*2*2*2", "AK9*A*2*2*1");
        ValidationResult result = validateText(text);
        assertEquals(List.of("ACK_COUNT_MISMATCH"), rules(result), () -> describe(result));
        String more = response("999-accepted-two-sets.x12").replace("AK9*A*2*2*2", "AK9*A*2*1*2");
        assertTrue(rules(validateText(more)).contains("ACK_COUNT_MISMATCH"));
    }

    @Test
    void rejectedSetSaysWhy() {
        String text = response("999-rejected-ik3-ik4.x12").replace("IK5*R*5*I5", "IK5*R");
        ValidationResult result = validateText(text);
        assertEquals(List.of("ACK_ERROR_CODE_MISSING"), rules(result), () -> describe(result));
    }

    @Test
    void elementErrorCodeOutsideTheList() {
        String text = response("999-rejected-ik3-ik4.x12").replace("IK4*3*1035*5", "IK4*3*1035*99");
        ValidationResult result = validateText(text);
        assertAt(only(result, "CODE_INVALID"), 9, 7, "2110", "IK4", 3, null);
    }

    @Test
    void ta1NoteMustFitTheAcknowledgmentCode() {
        String rejectedWithoutNote = response("ta1-rejected-invalid-sender.x12").replace("*R*006", "*R*000");
        assertAt(only(validateText(rejectedWithoutNote), "TA1_NOTE_MISMATCH"), 2, null, null, "TA1", 5, null);
        String acceptedWithNote = response("ta1-accepted.x12").replace("*A*000", "*A*025");
        assertEquals(List.of("TA1_NOTE_MISMATCH"), rules(validateText(acceptedWithNote)));
    }

    @Test
    void ta1CodesComeFromTheInterchangeControlSchema() {
        String unknownNote = response("ta1-rejected-invalid-sender.x12").replace("*R*006", "*R*032");
        assertAt(only(validateText(unknownNote), "CODE_INVALID"), 2, null, null, "TA1", 5, null);
        String badDate = response("ta1-accepted.x12").replace("TA1*000000101*260115", "TA1*000000101*260230");
        assertAt(only(validateText(badDate), "DATE_INVALID"), 2, null, null, "TA1", 2, null);
    }

    @Test
    void isaUsageIndicatorOfHipaa() {
        String text = response("ta1-accepted.x12").replace("*0*T*:~", "*0*I*:~");
        assertAt(only(validateText(text), "CODE_INVALID"), 1, null, null, "ISA", 15, null);
    }

    @Test
    void responseCodeListsCarryWordsForTheReaders() {
        assertEquals("certified - partial", Fixtures.VALIDATOR.responseCodeLists().codesWithNames("2000E", "HCR", 1, null).get("A2"));
        assertEquals("invalid code value", Fixtures.VALIDATOR.acknowledgmentCodeLists().codesWithNames("2110", "IK4", 3, null).get("7"));
        assertEquals("duplicate interchange control number", Fixtures.VALIDATOR.interchangeCodes("TA1", 5).get("025"));
    }
}
