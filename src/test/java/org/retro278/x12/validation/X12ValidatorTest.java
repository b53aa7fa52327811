package org.retro278.x12.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.retro278.x12.validation.Fixtures.CLEAN;
import static org.retro278.x12.validation.Fixtures.assertAt;
import static org.retro278.x12.validation.Fixtures.cleanWith;
import static org.retro278.x12.validation.Fixtures.describe;
import static org.retro278.x12.validation.Fixtures.only;
import static org.retro278.x12.validation.Fixtures.rules;
import static org.retro278.x12.validation.Fixtures.text;
import static org.retro278.x12.validation.Fixtures.validate;
import static org.retro278.x12.validation.Fixtures.validateBytes;
import static org.retro278.x12.validation.Fixtures.validateText;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.retro278.x12.X12Problem;

/**
 * The validator against our fictional fixtures: a clean retrospective request file passes, each kind of
 * mistake is reported once, under its rule, where it is.
 */
class X12ValidatorTest {

    @Test
    void cleanRetroRequestsPass() {
        ValidationResult result = validate(CLEAN);
        assertTrue(result.clean(), () -> describe(result));
        ValidationSummary s = result.summary();
        assertEquals(1, s.interchanges());
        assertEquals(1, s.groups());
        assertEquals(2, s.transactionSets());
        assertEquals(2 + 26 + 21 + 2, s.segments());
    }

    @Test
    void streamingFormHandsOverTheSameProblems() throws IOException {
        List<X12Problem> seen = new ArrayList<>();
        ValidationSummary summary = Fixtures.VALIDATOR.validate(
                new ByteArrayInputStream(Fixtures.bytes("problems/hl02-service-under-dependent.x12")), seen::add);
        assertEquals(validate("problems/hl02-service-under-dependent.x12").problems(), seen);
        assertEquals(seen.size(), summary.problems());
    }

    @Nested
    class Envelope {

        @Test
        void wrongSegmentCountInSe01() {
            ValidationResult result = validate("problems/se01-segment-count-wrong.x12");
            assertEquals(List.of("SEGMENT_COUNT_MISMATCH"), rules(result));
            X12Problem p = only(result, "SEGMENT_COUNT_MISMATCH");
            assertAt(p, 28, 26, null, "SE", 1, null);
            assertEquals("0001", p.transactionControlNumber());
            assertTrue(p.message().contains("26"), p.message());
        }

        @Test
        void isaElementOfWrongWidth() {
            ValidationResult result = validate("problems/isa06-width-14.x12");
            assertAt(only(result, "ISA_ELEMENT_WIDTH"), 1, null, null, "ISA", 6, null);
            assertTrue(result.summary().x12(), "still recognised as X12, with problems");
            assertTrue(rules(result).contains("UNREADABLE"), () -> describe(result));
        }

        @Test
        void hcGroupAroundA278() {
            ValidationResult result = validate("problems/gs01-hc-on-278.x12");
            assertEquals(List.of("GS_FUNCTIONAL_ID"), rules(result));
            assertAt(only(result, "GS_FUNCTIONAL_ID"), 2, null, null, "GS", 1, null);
        }

        @Test
        void st03MustRepeatGs08() {
            ValidationResult result = validateText(cleanWith("ST*278*0002", "ST*278*0002*005010X216~"));
            assertAt(only(result, "VERSION_MISMATCH"), 29, 1, null, "ST", 3, null);
        }

        @Test
        void a278MustNameX217() {
            String text = text(CLEAN).replace("005010X217", "005010X216");
            ValidationResult result = validateText(text);
            // ST03 repeats GS08 as it must: the one mistake is the group's guide, reported once at GS08
            assertEquals(List.of("GUIDE_VERSION"), rules(result), () -> describe(result));
            assertAt(only(result, "GUIDE_VERSION"), 2, null, null, "GS", 8, null);
        }

        @Test
        void wrongGs08IsReportedAtGs08() {
            ValidationResult result = validate("problems/gs08-names-another-guide.x12");
            assertEquals(List.of("GUIDE_VERSION"), rules(result), () -> describe(result));
            X12Problem p = only(result, "GUIDE_VERSION");
            assertAt(p, 2, null, null, "GS", 8, null);
            assertTrue(p.message().startsWith("GS08 is 005010X216"), p.message());
        }

        @Test
        void whitespaceBeforeASegmentIdIsReported() {
            ValidationResult result = validate("problems/whitespace-before-segment-id.x12");
            assertEquals(List.of("SEGMENT_WHITESPACE", "SEGMENT_WHITESPACE"), rules(result), () -> describe(result));
            assertAt(result.problems().get(0), 9, 7, "2000C", "HL", null, null);
            assertAt(result.problems().get(1), 21, 19, "2000F", "DTP", null, null);
            ValidationResult leading = validateText("  " + text(CLEAN));
            assertAt(only(leading, "SEGMENT_WHITESPACE"), 1, null, null, "ISA", null, null);
        }

        @Test
        void stInsideAnOpenStIsAProblemNotACrash() {
            ValidationResult result = validate("problems/st-inside-an-open-st.x12");
            assertTrue(result.summary().x12());
            assertAt(only(result, "SEGMENT_TOO_MANY"), 7, 5, null, "ST", null, null);
            X12Problem stop = result.problems().get(result.problems().size() - 1);
            assertEquals("UNREADABLE", stop.rule());
            assertAt(stop, 7, null, null, null, null, null);
        }

        @Test
        void responsesAreCheckedAgainstTheResponseGuide() {
            // a request turned into a response by BHT02 alone: the response guide wants BHT06 (18, 19 or RU)
            String responses = text(CLEAN).replace("BHT*0007*13*", "BHT*0007*11*");
            ValidationResult result = validateText(responses);
            assertEquals(List.of("ELEMENT_MISSING", "ELEMENT_MISSING"), rules(result), () -> describe(result));
            assertAt(result.problems().get(0), 4, 2, null, "BHT", 6, null);
            assertEquals("0002", result.problems().get(1).transactionControlNumber());
        }

        @Test
        void unknownSetsGetEnvelopeChecksOnly() {
            ValidationResult unknown = validateText(cleanWith("ST*278*0001", "ST*837*0001*005010X217~"));
            assertTrue(rules(unknown).contains("NOT_VALIDATED"), () -> describe(unknown));
        }

        @Test
        void notX12AtAll() {
            ValidationResult text = validateText("NAME,DOB\nsomebody,1970-01-01\n");
            assertFalse(text.summary().x12());
            assertEquals(List.of("NOT_X12"), rules(text));
            ValidationResult empty = validateBytes(new byte[0]);
            assertFalse(empty.summary().x12());
        }

        @Test
        void truncatedFileIsReportedNotThrown() {
            String text = text(CLEAN);
            ValidationResult result = validateText(text.substring(0, text.indexOf("HL*5*4*EV*1") + 6));
            assertFalse(result.clean());
            assertTrue(result.summary().x12());
        }
    }

    @Nested
    class Structure {

        @Test
        void nameMissingInUmoLoop() {
            ValidationResult result = validate("problems/nm1-missing-in-2010a.x12");
            assertEquals(List.of("LOOP_MISSING"), rules(result));
            assertAt(only(result, "LOOP_MISSING"), 6, 4, "2010A", "NM1", null, null);
        }

        @Test
        void invalidRequestCategory() {
            ValidationResult result = validate("problems/um01-invalid-code.x12");
            assertEquals(List.of("CODE_INVALID"), rules(result));
            X12Problem p = only(result, "CODE_INVALID");
            assertAt(p, 19, 17, "2000E", "UM", 1, null);
            assertTrue(p.message().contains("'XX'") && p.message().contains("AR, HS, IN, SC"), p.message());
        }

        @Test
        void unknownLevelCodeIsOneProblemNotACascade() {
            ValidationResult result = validateText(cleanWith("HL*4*3*23*1", "HL*4*3*24*1~"));
            X12Problem p = only(result, "LOOP_UNKNOWN");
            assertAt(p, 13, 11, null, "HL", 3, null);
            assertFalse(rules(result).contains("SEGMENT_NOT_USED"), () -> describe(result));
        }

        @Test
        void unknownNameQualifierInTheEventIsOneProblemNotACascade() {
            String text = text(CLEAN).replace("NM1*FA*2*SAMPLE GENERAL HOSPITAL*****XX*1234567893~\n",
                    "NM1*ZZ*2*SAMPLE GENERAL HOSPITAL*****XX*1234567893~\nN3*1 MAIN STREET~\n").replace("SE*21*0002~", "SE*22*0002~");
            ValidationResult result = validateText(text);
            assertEquals(List.of("LOOP_UNKNOWN"), rules(result), () -> describe(result));
            assertAt(only(result, "LOOP_UNKNOWN"), 45, 17, "2000E", "NM1", 1, null);
        }

        @Test
        void dependentLevelNeedsItsName() {
            String text = text(CLEAN).replace("NM1*QC*1*DOE*JOHNNY~\nDMG*D8*20150615*M~\nINS*N*19~\n", "")
                    .replace("SE*26*0001~", "SE*23*0001~");
            ValidationResult result = validateText(text);
            assertEquals(List.of("LOOP_MISSING"), rules(result), () -> describe(result));
            assertAt(only(result, "LOOP_MISSING"), 14, 12, "2010D", "NM1", null, null);
        }

        @Test
        void codesOfTheWholeElementListWhereTheGuidesListIsNotKnown() {
            // PWK01 77, PWK02 AA and REF01 1W in 2010C are 005010 codes our notes give no guide list for
            ValidationResult result = validate("clean/pwk-ref-ins-codes-of-the-full-element-lists.x12");
            assertTrue(result.clean(), () -> describe(result));
        }

        @Test
        void tooLongNameIsReportedWithoutTheName() {
            String name = "DOE".repeat(25);
            ValidationResult result = validateText(cleanWith("NM1*IL*1*DOE", "NM1*IL*1*" + name + "*JANE****MI*MEM000111~"));
            assertAt(only(result, "ELEMENT_TOO_LONG"), 11, 9, "2010C", "NM1", 3, null);
        }
    }

    @Nested
    class Hierarchy {

        @Test
        void serviceUnderTheDependent() {
            ValidationResult result = validate("problems/hl02-service-under-dependent.x12");
            assertAt(only(result, "HL_PARENT"), 24, 22, "2000F", "HL", 2, null);
            assertAt(only(result, "HL_CHILD_CODE"), 17, 15, "2000E", "HL", 4, null);
        }

        @Test
        void numberingSkipsOne() {
            ValidationResult result = validate("problems/hl01-numbering-skips-6.x12");
            assertEquals(List.of("HL_NUMBERING"), rules(result));
            assertAt(only(result, "HL_NUMBERING"), 24, 22, "2000F", "HL", 1, null);
        }

        @Test
        void eventOfADependentHangsUnderTheDependent() {
            ValidationResult result = validateText(cleanWith("HL*5*4*EV*1", "HL*5*3*EV*1~"));
            assertAt(only(result, "HL_PARENT"), 17, 15, "2000E", "HL", 2, null);
        }

        @Test
        void childCodeOfTheLastLevel() {
            ValidationResult result = validateText(cleanWith("HL*5*4*EV*1", "HL*5*4*EV*0~"));
            assertAt(only(result, "HL_CHILD_CODE"), 17, 15, "2000E", "HL", 4, null);
        }

        @Test
        void responseAfterARequestIsJudgedByTheResponsesChildCodes() {
            // the request allows only HL04 1 at 2000C, the response 0 too: its own list must judge the response
            ValidationResult result = validate("problems/hl04-response-after-request-in-one-file.x12");
            assertEquals(List.of("HL_CHILD_CODE"), rules(result), () -> describe(result));
            assertAt(only(result, "HL_CHILD_CODE"), 34, 7, "2000C", "HL", 4, null);
        }

        @Test
        void childCodeTheSchemaRejectsIsNotReportedTwice() {
            ValidationResult result = validateText(cleanWith("HL*6*5*SS*0", "HL*6*5*SS*1~"));
            assertEquals(List.of("CODE_INVALID"), rules(result), () -> describe(result));
        }
    }

    @Nested
    class Dates {

        @Test
        void february30InDtp03AndDmg02() {
            ValidationResult result = validate("problems/impossible-date-20260230-in-dtp03-and-dmg02.x12");
            assertEquals(List.of("DATE_INVALID", "DATE_INVALID"), rules(result));
            assertAt(result.problems().get(0), 15, 13, "2010D", "DMG", 2, null);
            assertAt(result.problems().get(1), 25, 23, "2000F", "DTP", 3, null);
        }

        @Test
        void rangeEndingBeforeItStarts() {
            ValidationResult result = validateText(cleanWith("DTP*AAH", "DTP*AAH*RD8*20251203-20251201~"));
            assertAt(only(result, "DATE_RANGE"), 20, 18, "2000E", "DTP", 3, null);
        }

        @Test
        void d8ThatIsNotEightDigits() {
            ValidationResult result = validateText(cleanWith("DTP*472*D8", "DTP*472*D8*2025121~"));
            assertAt(only(result, "DATE_FORMAT"), 25, 23, "2000F", "DTP", 3, null);
        }

        @Test
        void dischargeDateIsASingleDate() {
            ValidationResult result = validateText(cleanWith("DTP*096", "DTP*096*RD8*20251110-20251114~"));
            assertAt(only(result, "DATE_QUALIFIER_FORMAT"), 42, 14, "2000E", "DTP", 2, null);
        }

        @Test
        void eachDateQualifierOnce() {
            ValidationResult result = validateText(cleanWith("DTP*096", "DTP*435*D8*20251111~"));
            assertAt(only(result, "QUALIFIER_REPEATED"), 42, 14, "2000E", "DTP", 1, null);
        }

        @Test
        void admissionReviewNeedsTheAdmissionDate() {
            ValidationResult result = validateText(cleanWith("DTP*435", "DTP*AAH*D8*20251110~"));
            assertAt(only(result, "ADMISSION_DATE_REQUIRED"), 40, 12, "2000E", "DTP", null, null);
        }
    }

    @Nested
    class Situational {

        @Test
        void principalDiagnosisAfterAnother() {
            // one misplaced principal code, one reason: where it stands, not also that HI01 is not it
            ValidationResult result = validate("problems/hi-abf-before-abk.x12");
            assertEquals(List.of("HI_PRINCIPAL_POSITION"), rules(result), () -> describe(result));
            assertAt(result.problems().get(0), 21, 19, "2000E", "HI", 2, 1);
        }

        @Test
        void inpatientRequestWithoutAPrincipalDiagnosisIsValid() {
            ValidationResult result = validate("clean/inpatient-request-hi01-abj-admitting-no-principal.x12");
            assertTrue(result.clean(), () -> describe(result));
        }

        @Test
        void unknownDiagnosisQualifierGetsOneReason() {
            ValidationResult result = validate("problems/hi01-unknown-qualifier-gets-one-reason.x12");
            assertEquals(List.of("CODE_INVALID"), rules(result), () -> describe(result));
            assertAt(only(result, "CODE_INVALID"), 17, 15, "2000E", "HI", 1, 1);
        }

        @Test
        void icd9ExamplesOfTheGuideStartWithBf() {
            assertTrue(validateText(cleanWith("HI*ABK:J069", "HI*BF:4109*BF:2630~")).clean());
        }

        @Test
        void immediateAppealNeedsLevelOfService() {
            ValidationResult result = validateText(cleanWith("UM*HS", "UM*HS*1*1*11:B~"));
            assertAt(only(result, "LEVEL_OF_SERVICE_REQUIRED"), 19, 17, "2000E", "UM", 6, null);
            assertTrue(validateText(cleanWith("UM*HS", "UM*HS*1*1*11:B**U~")).clean());
        }

        @Test
        void individualCategoryOnlyForAReservation() {
            ValidationResult result = validateText(cleanWith("UM*HS", "UM*IN*I*1*11:B~"));
            assertAt(only(result, "RESERVATION_MISMATCH"), 19, 17, "2000E", "UM", 1, null);
        }

        @Test
        void facilityCodeMustBelongToItsQualifier() {
            ValidationResult nubcAsPlace = validateText(cleanWith("UM*HS", "UM*HS*I*1*73:B~"));
            assertAt(only(nubcAsPlace, "FACILITY_CODE_QUALIFIER"), 19, 17, "2000E", "UM", 4, 1);
            assertTrue(validateText(cleanWith("UM*HS", "UM*HS*I*1*13:A~")).clean());
        }

        @Test
        void oneKindOfServiceLinePerService() {
            ValidationResult result = validateText(cleanWith("NM1*SJ", "SV2*0120*HC:99213*125*UN*1~"));
            assertAt(only(result, "SERVICE_LINE_TYPE"), 27, 25, "2000F", "SV2", null, null);
        }

        @Test
        void traceNumberCompanyIdPrefix() {
            ValidationResult result = validateText(cleanWith("TRN*1*CLM1001", "TRN*1*CLM1001-1*5RETRO2781~"));
            assertAt(only(result, "TRACE_COMPANY_ID"), 18, 16, "2000E", "TRN", 3, null);
        }

        @Test
        void dependentNeedsTheRelationship() {
            String text = text(CLEAN).replace("INS*N*19~\n", "").replace("SE*26*0001~", "SE*25*0001~");
            ValidationResult result = validateText(text);
            assertAt(only(result, "DEPENDENT_RELATIONSHIP_MISSING"), 14, 12, "2010D", "INS", null, null);
        }
    }

    @Nested
    class Tolerance {

        @Test
        void byteOrderMark() {
            ValidationResult result = validate("tolerated/utf8-bom.x12");
            assertTrue(result.clean(), () -> describe(result));
            assertEquals(30, result.summary().segments());
        }

        @Test
        void crlfAfterTerminators() {
            ValidationResult result = validate("tolerated/crlf-after-terminators.x12");
            assertTrue(result.clean(), () -> describe(result));
            assertEquals(30, result.summary().segments());
        }

        @Test
        void twoInterchangesInOneFile() {
            ValidationResult result = validate("tolerated/two-interchanges.x12");
            assertTrue(result.clean(), () -> describe(result));
            assertEquals(2, result.summary().interchanges());
            assertEquals(2, result.summary().groups());
            assertEquals(2, result.summary().transactionSets());
        }

        @Test
        void twoGroupsInOneInterchange() {
            String text = text(CLEAN).replace("SE*26*0001~\n",
                    "SE*26*0001~\nGE*1*101~\nGS*HI*RETRO278SUBMIT*FICTPLAN*20260115*0930*102*X*005010X217~\n")
                    .replace("GE*2*101~", "GE*1*102~").replace("IEA*1*", "IEA*2*");
            ValidationResult result = validateText(text);
            assertTrue(result.clean(), () -> describe(result));
            assertEquals(2, result.summary().groups());
            assertEquals(2, result.summary().transactionSets());
        }

        @Test
        void positionsCountFromTheFirstIsaAcrossInterchanges() {
            ValidationResult result = validateText(text("tolerated/two-interchanges.x12").replace("UM*AR", "UM*XX"));
            X12Problem p = only(result, "CODE_INVALID");
            assertAt(p, 30 + 2 + 12, 12, "2000E", "UM", 1, null);
            assertEquals("0002", p.transactionControlNumber());
        }
    }
}
