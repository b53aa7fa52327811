package org.retro278.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.retro278.testing.ProjectFiles;
import org.retro278.build.X12Checks;
import org.retro278.config.PayerDirectory;
import org.retro278.mapping.ClaimGroup;
import org.retro278.mapping.ClaimRow;
import org.retro278.model.Gender;
import org.retro278.model.RequestCategory;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.model.RetroReason;

/** One test per rule of the input rules, on the shipped payer profiles and the X217 schema's code lists. */
class ClaimRulesTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 15);
    static ClaimRules rules;

    @BeforeAll
    static void load() throws Exception {
        rules = new ClaimRules(PayerDirectory.load(ProjectFiles.path("config/payers")), X12Checks.facts(), "uuuu-MM-dd", AS_OF);
    }

    /** A valid single-line PAYERA claim; tests change what they are about. */
    static Map<String, String> base() {
        Map<String, String> m = new HashMap<>();
        m.put("claim_id", "CLM1");
        m.put("payer_id", "PAYERA");
        m.put("payer_name", "Acme Health Plan");
        m.put("requester_npi", "1234567893");
        m.put("requester_name", "Riverside Family Clinic");
        m.put("member_id", "AHP1");
        m.put("subscriber_last_name", "Okafor");
        m.put("subscriber_first_name", "Adaeze");
        m.put("subscriber_dob", "1984-03-12");
        m.put("subscriber_gender", "F");
        m.put("service_type", "86");
        m.put("place_of_service", "23");
        m.put("service_date_from", "2026-10-02");
        m.put("diagnosis_codes", "S52501A");
        m.put("procedure_code", "99284");
        m.put("retro_reason", "EMERGENCY");
        return m;
    }

    static Map<String, String> with(Object... kv) {
        Map<String, String> m = base();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                m.remove((String) kv[i]);
            } else {
                m.put((String) kv[i], (String) kv[i + 1]);
            }
        }
        return m;
    }

    @SafeVarargs
    static ClaimRules.Outcome check(Map<String, String>... rows) {
        List<ClaimRow> list = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            list.add(new ClaimRow(i + 2, rows[i]));
        }
        return rules.check(new ClaimGroup(rows[0].get("claim_id"), list));
    }

    static RetroAuthorizationRequest accepted(ClaimRules.Outcome o) {
        if (o instanceof ClaimRules.Refused r) {
            throw new AssertionError("expected acceptance, got " + r.reasons());
        }
        return ((ClaimRules.Accepted) o).request();
    }

    static Rejection only(ClaimRules.Outcome o, RejectionCode code, String field) {
        ClaimRules.Refused r = assertInstanceOf(ClaimRules.Refused.class, o);
        assertTrue(r.reasons().stream().anyMatch(x -> x.code() == code && Objects.equals(field, x.field())),
                () -> "expected " + code + " on " + field + ", got " + r.reasons());
        return r.reasons().stream().filter(x -> x.code() == code).findFirst().orElseThrow();
    }

    @Test
    void aValidClaimBecomesARequestWithDefaults() {
        RetroAuthorizationRequest r = accepted(check(base()));
        assertEquals("CLM1", r.claimId());
        assertEquals(RequestCategory.HS, r.event().category());
        assertEquals("I", r.event().certificationType());
        assertEquals(Gender.F, r.subscriber().gender());
        assertEquals(BigDecimal.ONE, r.services().get(0).units());
        assertNull(r.dependent());
        assertEquals(RetroReason.EMERGENCY, r.retroReason());
    }

    @Test
    void missingRequiredCell() {
        Rejection x = only(check(with("member_id", null)), RejectionCode.MISSING_VALUE, "member_id");
        assertTrue(x.message().contains("member_id is required"));
    }

    @Test
    void missingClaimId() {
        only(check(with("claim_id", null)), RejectionCode.MISSING_CLAIM_ID, "claim_id");
    }

    @Test
    void claimIdThatCannotTravelInBht03() {
        only(check(with("claim_id", "CLM 1*")), RejectionCode.INVALID_CLAIM_ID, "claim_id");
        only(check(with("claim_id", "X".repeat(21))), RejectionCode.INVALID_CLAIM_ID, "claim_id");
    }

    @Test
    void rowsThatDisagreeOnClaimLevelColumns() {
        Rejection x = only(check(base(), with("member_id", "OTHER", "procedure_code", "25600")),
                RejectionCode.INCONSISTENT_CLAIM_ROWS, "member_id");
        assertEquals(List.of(2L, 3L), x.rows());
    }

    @Test
    void aDefectiveRowRejectsItsClaim() {
        List<ClaimRow> rows = List.of(new ClaimRow(2, base(), "row 2 has 3 cells but the header has 16"));
        ClaimRules.Outcome o = rules.check(new ClaimGroup("CLM1", rows));
        Rejection x = only(o, RejectionCode.ROW_DEFECT, null);
        assertTrue(x.message().contains("3 cells"));
    }

    @Test
    void linesOfAClaimBecomeServiceLevels() {
        RetroAuthorizationRequest r = accepted(check(base(), with("procedure_code", "25600", "service_date_from", "2026-10-03",
                "service_date_to", "2026-10-04", "service_units", "2.5", "line_charge", "100.50", "procedure_modifiers", "lt|59")));
        assertEquals(2, r.services().size());
        assertEquals(LocalDate.of(2026, 10, 2), r.earliestServiceDate());
        assertEquals(LocalDate.of(2026, 10, 4), r.latestServiceDate());
        assertEquals(List.of("LT", "59"), r.services().get(1).modifiers());
        assertEquals(new BigDecimal("2.5"), r.services().get(1).units());
    }

    @Test
    void unknownPayer() {
        only(check(with("payer_id", "PAYERZ")), RejectionCode.UNKNOWN_PAYER, "payer_id");
    }

    @Test
    void payerWithoutRetroOverEdi() {
        only(check(with("payer_id", "PAYERC")), RejectionCode.RETRO_NOT_ACCEPTED, "payer_id");
    }

    @Test
    void retroWindowExceededSaysWhoHowLongAndHowOld() {
        Rejection x = only(check(with("payer_id", "PAYERB", "payer_name", "Birch Mutual", "service_date_from", "2026-09-01",
                        "attachment_type", "M1", "attachment_transmission", "FX", "attachment_control_number", "ACN1")),
                RejectionCode.RETRO_WINDOW_EXCEEDED, "service_date_from");
        assertEquals("Birch Mutual accepts retro requests up to 30 days after service; the earliest service date 2026-09-01"
                + " is 75 days before 2026-11-15", x.message());
    }

    @Test
    void aRefusedClaimKeepsTheDatesOfServiceItsLinesGive() {
        ClaimRules.Refused r = assertInstanceOf(ClaimRules.Refused.class, check(
                with("payer_id", "PAYERB", "payer_name", "Birch Mutual", "service_date_from", "2026-09-01"),
                with("payer_id", "PAYERB", "payer_name", "Birch Mutual", "service_date_from", "2026-09-03",
                        "service_date_to", "2026-09-05")));
        assertEquals(LocalDate.of(2026, 9, 1), r.serviceFrom());
        assertEquals(LocalDate.of(2026, 9, 5), r.serviceTo());
        ClaimRules.Refused unreadable = assertInstanceOf(ClaimRules.Refused.class,
                check(with("service_date_from", "2026-02-30")));
        assertEquals(null, unreadable.serviceFrom(), "a date that is not a date is not reported as one");
    }

    @Test
    void retroWindowBoundaryIsInclusive() {
        accepted(check(with("service_date_from", AS_OF.minusDays(90).toString())));
        only(check(with("service_date_from", AS_OF.minusDays(91).toString())), RejectionCode.RETRO_WINDOW_EXCEEDED, "service_date_from");
    }

    @Test
    void admissionReviewCountsTheWindowFromTheAdmissionDate() {
        Map<String, String> ar = with("request_category", "AR", "service_type", "48", "place_of_service", "21",
                "admission_date", "2026-08-10", "service_date_from", "2026-09-01");
        Rejection x = only(check(ar), RejectionCode.RETRO_WINDOW_EXCEEDED, "admission_date");
        assertTrue(x.message().contains("the admission date 2026-08-10 is 97 days"), x.message());
    }

    @Test
    void admissionReviewNeedsAnAdmissionDate() {
        only(check(with("request_category", "AR")), RejectionCode.MISSING_VALUE, "admission_date");
    }

    @Test
    void admissionDatesAreOnlyForAdmissionReviews() {
        only(check(with("discharge_date", "2026-10-05")), RejectionCode.NOT_APPLICABLE, "discharge_date");
    }

    @Test
    void attachmentRequiredByThePayer() {
        only(check(with("payer_id", "PAYERB", "payer_name", "Birch Mutual", "service_date_from", "2026-11-01")),
                RejectionCode.ATTACHMENT_REQUIRED, "attachment_type");
    }

    @Test
    void attachmentNeedsAllThreeParts() {
        only(check(with("attachment_type", "M1")), RejectionCode.MISSING_VALUE, "attachment_transmission");
        only(check(with("attachment_transmission", "FX")), RejectionCode.MISSING_VALUE, "attachment_type");
        only(check(with("attachment_type", "ZZZ", "attachment_transmission", "FX", "attachment_control_number", "A1")),
                RejectionCode.INVALID_CODE, "attachment_type");
    }

    @Test
    void npiCheckDigit() {
        only(check(with("requester_npi", "1234567890")), RejectionCode.INVALID_NPI, "requester_npi");
        only(check(with("rendering_npi", "1234567890", "rendering_last_name", "Doe")), RejectionCode.INVALID_NPI, "rendering_npi");
    }

    @Test
    void providerNameWithoutNpi() {
        only(check(with("facility_name", "General")), RejectionCode.MISSING_VALUE, "facility_npi");
        only(check(with("rendering_npi", "1045678905")), RejectionCode.MISSING_VALUE, "rendering_last_name");
    }

    @Test
    void impossibleDates() {
        only(check(with("subscriber_dob", "1990-02-30")), RejectionCode.INVALID_DATE, "subscriber_dob");
        only(check(with("service_date_from", "10/02/2026")), RejectionCode.INVALID_DATE, "service_date_from");
    }

    @Test
    void futureDates() {
        only(check(with("service_date_from", "2026-11-16")), RejectionCode.FUTURE_DATE, "service_date_from");
    }

    @Test
    void datesInImpossibleOrder() {
        only(check(with("service_date_to", "2026-10-01")), RejectionCode.DATE_ORDER, "service_date_to");
        only(check(with("subscriber_dob", "2026-10-05")), RejectionCode.DATE_ORDER, "subscriber_dob");
    }

    @Test
    void codesFromTheGuidesCodeLists() {
        only(check(with("subscriber_gender", "X")), RejectionCode.INVALID_CODE, "subscriber_gender");
        only(check(with("service_type", "ZZ9")), RejectionCode.INVALID_CODE, "service_type");
        only(check(with("place_of_service", "99x")), RejectionCode.INVALID_CODE, "place_of_service");
        only(check(with("request_category", "IN")), RejectionCode.INVALID_CODE, "request_category");
        only(check(with("retro_reason", "FORGOT")), RejectionCode.INVALID_CODE, "retro_reason");
    }

    @Test
    void onlyInitialRequests() {
        Rejection x = only(check(with("certification_type", "R")), RejectionCode.INVALID_CODE, "certification_type");
        assertTrue(x.message().contains("previous authorization number"));
    }

    @Test
    void diagnosisCodes() {
        only(check(with("diagnosis_codes", "S52501A|99213")), RejectionCode.INVALID_DIAGNOSIS, "diagnosis_codes");
        only(check(with("diagnosis_codes", "J069|J069")), RejectionCode.INVALID_DIAGNOSIS, "diagnosis_codes");
        only(check(with("diagnosis_codes", "A00|A01|A02|A03|A04|A05|A06|A07|A08|A09|B00|B01|B02")), RejectionCode.TOO_MANY, "diagnosis_codes");
        // a dotted code is the same code
        assertEquals(List.of("S52501A", "W010XXA"), accepted(check(with("diagnosis_codes", "s52.501a|W01.0XXA"))).diagnoses());
    }

    @Test
    void procedureCodesModifiersRevenueCodes() {
        only(check(with("procedure_code", "9928")), RejectionCode.INVALID_PROCEDURE, "procedure_code");
        only(check(with("procedure_modifiers", "2")), RejectionCode.INVALID_MODIFIER, "procedure_modifiers");
        only(check(with("procedure_modifiers", "25|59|LT|RT|XS")), RejectionCode.TOO_MANY, "procedure_modifiers");
        only(check(with("revenue_code", "450")), RejectionCode.INVALID_REVENUE_CODE, "revenue_code");
        accepted(check(with("procedure_code", "0042T")));
        accepted(check(with("procedure_code", "J1100")));
    }

    @Test
    void unitsAndCharges() {
        only(check(with("service_units", "0")), RejectionCode.INVALID_QUANTITY, "service_units");
        only(check(with("line_charge", "$12")), RejectionCode.INVALID_AMOUNT, "line_charge");
        only(check(with("line_charge", "1,200.00")), RejectionCode.INVALID_AMOUNT, "line_charge");
    }

    @Test
    void textTheGuideCannotCarry() {
        Rejection x = only(check(with("subscriber_last_name", "Ok*for")), RejectionCode.INVALID_TEXT, "subscriber_last_name");
        assertTrue(x.message().contains("delimiter"));
        only(check(with("subscriber_last_name", "\u5F20")), RejectionCode.INVALID_TEXT, "subscriber_last_name");
        // PAYERB uses | as its element separator: a name with * is fine there, one with | is not
        Map<String, String> b = with("payer_id", "PAYERB", "payer_name", "Birch Mutual", "service_date_from", "2026-11-01",
                "attachment_type", "M1", "attachment_transmission", "FX", "attachment_control_number", "ACN1");
        b.put("subscriber_last_name", "A|B");
        only(check(b), RejectionCode.INVALID_TEXT, "subscriber_last_name");
    }

    @Test
    void accentsAreFolded() {
        assertEquals("Nunez", accepted(check(with("subscriber_last_name", "Núñez"))).subscriber().name().last());
    }

    @Test
    void valuesLongerThanTheirElement() {
        only(check(with("subscriber_first_name", "A".repeat(36))), RejectionCode.TOO_LONG, "subscriber_first_name");
        only(check(with("member_id", "A")), RejectionCode.TOO_SHORT, "member_id");
    }

    @Test
    void retroNoteThatDoesNotFitTheMsgSegment() {
        Rejection x = only(check(with("retro_note", "x".repeat(250))), RejectionCode.TOO_LONG, "retro_note");
        assertTrue(x.message().contains("264"));
        // delimiters in a note become spaces rather than refusing the claim
        assertEquals("Seen at 10 30", accepted(check(with("retro_note", "Seen at 10:30"))).retroNote());
    }

    @Test
    void dependentPatient() {
        RetroAuthorizationRequest r = accepted(check(with("patient_relationship", "19", "patient_last_name", "Okafor",
                "patient_first_name", "Chidi", "patient_dob", "2015-06-04", "patient_gender", "M")));
        assertEquals("19", r.dependent().relationshipCode());
        only(check(with("patient_relationship", "19")), RejectionCode.MISSING_VALUE, "patient_last_name");
        only(check(with("patient_relationship", "99", "patient_last_name", "O", "patient_first_name", "C",
                "patient_dob", "2015-06-04", "patient_gender", "M")), RejectionCode.INVALID_CODE, "patient_relationship");
    }

    @Test
    void patientColumnsForSelfMustNotNameSomeoneElse() {
        accepted(check(with("patient_last_name", "Okafor", "patient_first_name", "Adaeze")));
        only(check(with("patient_last_name", "Somebody")), RejectionCode.NOT_APPLICABLE, "patient_last_name");
    }

    @Test
    void everyReasonIsReportedAtOnce() {
        ClaimRules.Refused r = assertInstanceOf(ClaimRules.Refused.class,
                check(with("requester_npi", "1234567890", "subscriber_dob", "1990-02-30", "procedure_code", "X")));
        assertEquals(3, r.reasons().size(), r.reasons().toString());
    }
}
