package org.retro278.x12.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.retro278.x12.response.ResponseFixtures.only;
import static org.retro278.x12.response.ResponseFixtures.rules;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 278 response reader on our fictional responses: one test per verdict the claim can reach. */
class ReviewResponseReaderTest {

    private static ReviewResponse read(String fixture) {
        ReviewResponse r = only(fixture, ReviewResponse.class);
        return r;
    }

    private static List<String> traceNumbers(List<Trace> traces) {
        return traces.stream().map(Trace::number).toList();
    }

    @Test
    void a1CertifiedCarriesTheNumberTheDatesAndTheKeysToMatchIt() {
        ReviewResponse r = read("a1-certified-event-decision-covers-the-service.x12");
        assertEquals(Verdict.CERTIFIED, r.ruling().verdict());
        assertFalse(r.ruling().needsReview());
        assertEquals("CLM1001-202601150930-1", r.bht03());
        assertEquals(List.of(new Trace("CLM1001-1", "9RETRO2781", null)), r.traces());
        assertEquals(List.of("UMO5550001"), traceNumbers(r.umoTraces()));
        assertFalse(r.moreToFollow());
        assertEquals(new Envelope("FICTPLAN", "RETRO278SUBMIT", "000000501", "501", "0001", 3), r.envelope());

        Decision event = r.event();
        assertEquals(new Code("A1", "certified in total"), event.action());
        assertEquals("AUTH500001", event.authorizationNumber());
        assertEquals("HCR02", event.authorizationNumberFrom());
        assertEquals(new DateRange(LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 3)), event.dates().event());
        assertEquals(LocalDate.of(2026, 1, 20), event.dates().issued().from());

        ServiceDecision line = r.services().get(0);
        assertEquals(1, line.position());
        assertEquals("5", line.hierarchicalId());
        assertEquals(List.of("CLM1001-1-L1"), traceNumbers(line.traces()));
        assertEquals(new Procedure("HC", "99213", List.of("25"), null), line.procedure());
        assertEquals(LocalDate.of(2025, 12, 1), line.serviceDates().from());
        assertNull(line.decision(), "the event's decision covers the service");
        assertEquals(List.of(), r.problems());
    }

    @Test
    void a2PartialWithServicesA1AndA3() {
        ReviewResponse r = read("a2-partial-service-a1-and-service-a3.x12");
        assertEquals(Verdict.PARTIALLY_CERTIFIED, r.ruling().verdict());
        assertEquals("A2", r.event().action().code());
        ServiceDecision certified = r.services().get(0);
        ServiceDecision denied = r.services().get(1);
        assertEquals("A1", certified.decision().action().code());
        assertEquals("AUTH500002", certified.decision().authorizationNumber());
        assertEquals(2, denied.position());
        assertEquals(List.of("CLM1002-1-L2"), traceNumbers(denied.traces()));
        assertEquals("97112", denied.procedure().code());
        assertEquals("A3", denied.decision().action().code());
        assertNull(denied.decision().authorizationNumber());
        assertEquals(List.of(new Code("0P", "reason code 0P (see the payer's companion guide)")), denied.decision().reasons());
        assertEquals("CASE500002", denied.decision().adminReference());
        assertTrue(r.ruling().explanation().contains("1 A1 (certified in total), 1 A3 (not certified)"), r.ruling().explanation());
    }

    @Test
    void a3DeniedWithTheReasonPublicMaterialExplains() {
        ReviewResponse r = read("a3-denied-reason-25.x12");
        assertEquals(Verdict.DENIED, r.ruling().verdict());
        assertEquals(List.of(new Code("25", "services were not considered because of other errors in the request (X12 RFI 2477)")),
                r.event().reasons());
        assertEquals("CASE500003", r.event().adminReference());
        assertEquals(List.of(), r.services());
    }

    @Test
    void a4PendedThenItsFinal278MatchesOnTheSameKeys() {
        ReviewResponse pended = read("a4-pended-more-to-follow.x12");
        assertEquals(Verdict.PENDED, pended.ruling().verdict());
        assertTrue(pended.moreToFollow());
        assertEquals("A4", pended.event().action().code());
        assertEquals("0U", pended.event().reasons().get(0).code());
        assertNull(pended.event().authorizationNumber());

        ReviewResponse last = read("a4-final-after-pend.x12");
        assertEquals(Verdict.CERTIFIED, last.ruling().verdict());
        assertFalse(last.moreToFollow());
        // what ties the unsolicited final 278 to the pended one (notes 4.6): our trace, the UMO's trace, REF*NT
        assertEquals(pended.traces(), last.traces());
        assertEquals(pended.umoTraces(), last.umoTraces());
        assertEquals(pended.event().adminReference(), last.event().adminReference());
        assertEquals(pended.bht03(), last.bht03());
        CertifiedDates dates = last.event().dates();
        assertEquals(LocalDate.of(2025, 11, 10), dates.effective().from());
        assertEquals(LocalDate.of(2025, 12, 31), dates.expires().from());
        assertEquals(LocalDate.of(2026, 2, 3), dates.issued().from());
    }

    @Test
    void a4PendedNamesTheDocumentsThePayerAsksForAtTheEventAndAtAService() {
        ReviewResponse r = read("a4-pended-documents-at-event-and-service.x12");
        assertEquals(Verdict.PENDED, r.ruling().verdict());
        assertTrue(r.moreToFollow());
        assertEquals(List.of(
                new DocumentRequest("2000E", null, new Code("AS", "Admission Summary"), new Code("VO", "Voice")),
                new DocumentRequest("2000F", 2, new Code("OB", "Operative Note"), new Code("FX", "By Fax"))),
                r.documentsRequested());
        assertEquals(2, r.services().size());
        assertEquals("A4", r.services().get(1).decision().action().code());
        assertEquals(List.of(), r.problems());
        assertEquals("DocumentRequest[loop=2000F, service=2, type=OB, transmission=FX]", r.documentsRequested().get(1).toString());
    }

    @Test
    void documentsRequestedAreEmptyWithoutPwkAndReadWithoutValidationToo() {
        assertEquals(List.of(), read("a1-certified-event-decision-covers-the-service.x12").documentsRequested());
        ResponseFile unvalidated = ResponseFixtures.read(ResponseReader.create().withoutValidation(),
                ResponseFixtures.bytes("a4-pended-documents-at-event-and-service.x12"));
        ReviewResponse r = (ReviewResponse) unvalidated.documents().get(0);
        assertEquals(List.of("AS", "OB"), r.documentsRequested().stream().map(d -> d.type().code()).toList());
    }

    @Test
    void aPwkCodeOutsideTheListIsAProblemButStillRead() {
        ReviewResponse r = read("a4-pended-pwk-codes-not-in-the-list.x12");
        assertEquals(Verdict.PENDED, r.ruling().verdict());
        assertEquals(List.of("CODE_INVALID", "CODE_INVALID"), rules(r.problems()));
        assertEquals(List.of("PWK", "PWK"), r.problems().stream().map(p -> p.segment()).toList());
        assertEquals(List.of(2, 1), r.problems().stream().map(p -> p.element()).toList());
        List<DocumentRequest> docs = r.documentsRequested();
        assertEquals(2, docs.size());
        assertEquals(new Code("DS", "Discharge Summary"), docs.get(0).type());
        assertEquals("ZZ", docs.get(0).transmission().code());
        assertTrue(docs.get(0).transmission().words().startsWith("unknown PWK02 transmission code"), docs.get(0).transmission().words());
        assertEquals("Q9", docs.get(1).type().code());
        assertTrue(docs.get(1).type().words().startsWith("unknown PWK01 report type code"), docs.get(1).type().words());
        assertEquals(new Code("FX", "By Fax"), docs.get(1).transmission());
    }

    @Test
    void a6ModifiedStayWithTheSurgeryCertified() {
        ReviewResponse r = read("a6-modified-stay-cut-service-a1.x12");
        assertEquals(Verdict.MODIFIED, r.ruling().verdict());
        ServiceDecision surgery = r.services().get(0);
        assertEquals(new Procedure("HC", "99223", List.of(), "0120"), surgery.procedure());
        assertEquals(new DateRange(LocalDate.of(2025, 11, 10), LocalDate.of(2025, 11, 13)), surgery.serviceDates());
        assertEquals("A1", surgery.decision().action().code());
    }

    @Test
    void cancelledContactPayerAndNotRequired() {
        assertEquals(Verdict.CANCELLED, read("c-cancelled.x12").ruling().verdict());
        assertEquals(Verdict.CONTACT_PAYER, read("ct-contact-payer.x12").ruling().verdict());
        assertFalse(read("ct-contact-payer.x12").ruling().needsReview(), "CT is a decision, not an unknown code");
        assertEquals(Verdict.NOT_REQUIRED, read("na-not-required.x12").ruling().verdict());
    }

    @Test
    void aaaAtTheSubscriberWithoutADecision() {
        ReviewResponse r = read("aaa-2010c-subscriber-not-found.x12");
        assertEquals(Verdict.REJECTED_BY_PAYER, r.ruling().verdict());
        assertNull(r.event());
        assertEquals(List.of(new RequestValidation("2010C", null, false, new Code("75", "subscriber/insured not found"),
                new Code("C", "please correct and resubmit"))), r.requestValidations());
        assertEquals(List.of(), r.problems(), "a response may end at the subscriber when it rejects there");
    }

    @Test
    void aaaAtThePatientEventRefusesARetroRequest() {
        ReviewResponse r = read("aaa-2000e-date-outside-allowable-period.x12");
        assertEquals(Verdict.REJECTED_BY_PAYER, r.ruling().verdict());
        RequestValidation aaa = r.requestValidations().get(0);
        assertEquals("2000E", aaa.loop());
        assertEquals("62", aaa.reason().code());
        assertEquals("date of service not within allowable inquiry period", aaa.reason().words());
        assertEquals(new Code("N", "resubmission not allowed"), aaa.followUp());
        assertEquals(List.of("CLM1011-1"), traceNumbers(r.traces()), "the trace still correlates the rejection");
        assertTrue(r.ruling().explanation().contains("AAA 62"), r.ruling().explanation());
    }

    @Test
    void aaaAtTheRequester() {
        ReviewResponse r = read("aaa-2010b-provider-not-on-file.x12");
        assertEquals(Verdict.REJECTED_BY_PAYER, r.ruling().verdict());
        assertEquals("2010B", r.requestValidations().get(0).loop());
        assertEquals("provider not on file", r.requestValidations().get(0).reason().words());
    }

    @Test
    void anActionCode005010DoesNotHaveNeedsReview() {
        ReviewResponse r = read("hcr01-ip-not-a-005010-code.x12");
        assertEquals(Verdict.CONTACT_PAYER, r.ruling().verdict());
        assertTrue(r.ruling().needsReview());
        assertTrue(r.ruling().explanation().contains("HCR01 IP at the patient event is not a 005010 action code"),
                r.ruling().explanation());
        assertEquals(List.of("CODE_INVALID"), rules(r.problems()));
        assertTrue(r.event().action().words().startsWith("unknown HCR01 action code"), r.event().action().words());
    }

    @Test
    void authorizationNumberFallsBackToRefBbAndTheMissingHcr02IsReported() {
        ReviewResponse r = read("a1-number-only-in-ref-bb.x12");
        assertEquals("AUTH500014", r.event().authorizationNumber());
        assertEquals("REF*BB", r.event().authorizationNumberFrom());
        assertEquals("AUTH500014", r.event().previousAuthorization());
        assertEquals(List.of("AUTHORIZATION_NUMBER_MISSING"), rules(r.problems()));
        assertEquals(Verdict.CERTIFIED, r.ruling().verdict());
    }

    @Test
    void toStringShowsNoNumberDateOrProcedure() {
        ReviewResponse r = read("a2-partial-service-a1-and-service-a3.x12");
        String text = r.toString();
        assertTrue(text.contains("CLM1002-1"), "trace numbers (claim ids) may show: " + text);
        ResponseFixtures.assertNoPhiInToString(r);
    }
}
