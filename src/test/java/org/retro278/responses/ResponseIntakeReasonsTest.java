package org.retro278.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.retro278.store.Reason;
import org.retro278.x12.response.ResponseFile;
import org.retro278.x12.response.ResponseReader;
import org.retro278.x12.response.ReviewResponse;
import org.retro278.x12.response.Verdict;

/** The reasons a 278 response gives its claim, as the status files show them (codes and words). */
class ResponseIntakeReasonsTest {

    private static final ResponseReader READER = ResponseReader.create();

    private static ReviewResponse fixture(String name) throws IOException {
        try (InputStream in = ResponseIntakeReasonsTest.class.getResourceAsStream("/golden/read/" + name)) {
            ResponseFile file = READER.read(in);
            assertEquals(1, file.documents().size(), name);
            return assertInstanceOf(ReviewResponse.class, file.documents().get(0));
        }
    }

    private static List<String> codes(List<Reason> reasons) {
        return reasons.stream().map(Reason::code).toList();
    }

    @Test
    void eachDocumentThePayerAsksForIsAReasonWithItsWords() throws IOException {
        ReviewResponse r = fixture("a4-pended-documents-at-event-and-service.x12");
        assertEquals(Verdict.PENDED, r.ruling().verdict());
        List<Reason> reasons = ResponseReasons.review(r, null);
        assertEquals(List.of("HCR01:A4", "HCR03:0U", "SERVICE:A4", "SERVICE:A4", "PWK:AS", "PWK:OB"), codes(reasons));
        assertEquals("documents requested: Admission Summary (AS), by voice (VO)", reasons.get(4).words());
        // a service level's request names its line, as the SERVICE and HCR03 reasons do
        assertEquals("service 2 27447: documents requested: Operative Note (OB), by fax (FX)", reasons.get(5).words());
    }

    @Test
    void electronicallyOnlyIsNotSaidBy() throws IOException {
        List<Reason> reasons = ResponseReasons.review(fixture("a4-pended-more-to-follow.x12"), null);
        assertEquals(List.of("HCR01:A4", "HCR03:0U", "PWK:OB"), codes(reasons));
        assertEquals("documents requested: Operative Note (OB), electronically only (EL)", reasons.get(2).words());
    }

    @Test
    void aPwkCodeOutsideTheListKeepsItsCodeAndSaysItIsUnknown() throws IOException {
        List<Reason> reasons = ResponseReasons.review(fixture("a4-pended-pwk-codes-not-in-the-list.x12"), null);
        assertEquals(List.of("HCR01:A4", "HCR03:0U", "PWK:DS", "PWK:Q9"), codes(reasons));
        assertEquals("documents requested: Discharge Summary (DS), unknown PWK02 transmission code (not in the 005010 code"
                + " list): needs review (ZZ)", reasons.get(2).words());
        assertEquals("documents requested: unknown PWK01 report type code (not in the 005010 code list): needs review (Q9),"
                + " by fax (FX)", reasons.get(3).words());
    }

    @Test
    void aResponseWithoutPwkGivesNoPwkReason() throws IOException {
        List<Reason> reasons = ResponseReasons.review(fixture("a2-partial-service-a1-and-service-a3.x12"), null);
        assertEquals(List.of("HCR01:A2", "SERVICE:A1", "SERVICE:A3", "HCR03:0P"), codes(reasons));
    }
}
