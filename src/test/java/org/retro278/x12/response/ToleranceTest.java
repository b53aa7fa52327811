package org.retro278.x12.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.retro278.x12.response.ResponseFixtures.bytes;
import static org.retro278.x12.response.ResponseFixtures.read;
import static org.retro278.x12.response.ResponseFixtures.rules;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What partners send that the readers must take: layouts, delimiters, several interchanges, broken files. */
class ToleranceTest {

    private static final String A1 = "a1-certified-event-decision-covers-the-service.x12";

    @Test
    void byteOrderMarkAndCrlfReadTheSameAsThePlainFile() {
        ResponseFile plain = read(A1);
        ResponseFile tolerated = read("tolerance-bom-and-crlf.x12");
        assertTrue(tolerated.clean(), () -> tolerated.problems().toString());
        assertEquals(plain.documents(), tolerated.documents());
    }

    @Test
    void threeInterchangesTa1Then999ThenTwoResponsesInOneGroup() {
        ResponseFile file = read("tolerance-three-interchanges-ta1-999-278.x12");
        assertTrue(file.clean(), () -> file.problems().toString());
        List<InboundDocument> docs = file.documents();
        assertEquals(4, docs.size());
        assertInstanceOf(InterchangeAcknowledgment.class, docs.get(0));
        assertInstanceOf(ImplementationAcknowledgment.class, docs.get(1));
        ReviewResponse first = assertInstanceOf(ReviewResponse.class, docs.get(2));
        ReviewResponse second = assertInstanceOf(ReviewResponse.class, docs.get(3));
        assertEquals(List.of("000000801", "000000802", "000000803", "000000803"),
                docs.stream().map(d -> d.envelope().interchangeControlNumber()).toList());
        assertEquals(List.of("0001", "0002"), List.of(first.envelope().transactionControlNumber(),
                second.envelope().transactionControlNumber()));
        assertEquals("803", second.envelope().groupControlNumber());
        assertEquals(Verdict.CERTIFIED, first.ruling().verdict());
        assertEquals(Verdict.DENIED, second.ruling().verdict());
    }

    @Test
    void pipeElementsCaretRepetitionsPlusComponents() {
        ResponseFile file = read("tolerance-pipe-caret-plus-delimiters.x12");
        assertTrue(file.clean(), () -> file.problems().toString());
        ReviewResponse r = assertInstanceOf(ReviewResponse.class, file.documents().get(0));
        assertEquals(List.of("0P", "25"), r.event().reasons().stream().map(Code::code).toList(), "HCR03 repeated with ^");
        assertEquals(new Procedure("HC", "97110", List.of("GP"), null), r.services().get(0).procedure());
    }

    static Stream<String> fixtures() {
        return Stream.of(A1, "a2-partial-service-a1-and-service-a3.x12", "a4-pended-more-to-follow.x12",
                "a6-modified-stay-cut-service-a1.x12", "aaa-2010c-subscriber-not-found.x12", "999-rejected-ik3-ik4.x12",
                "ta1-rejected-invalid-sender.x12", "tolerance-three-interchanges-ta1-999-278.x12",
                "tolerance-pipe-caret-plus-delimiters.x12");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void withoutValidationTheDocumentsAreTheSame(String fixture) {
        ResponseFile validated = read(fixture);
        ResponseFile unvalidated = read(ResponseFixtures.READER.withoutValidation(), bytes(fixture));
        assertEquals(validated.documents(), unvalidated.documents());
    }

    @Test
    void ta1InterchangeWhoseIeaCountsAGroupIsReadAndTheCountReported() {
        String text = new String(bytes("ta1-accepted.x12"), StandardCharsets.US_ASCII).replace("IEA*0*", "IEA*1*");
        ResponseFile file = read(ResponseFixtures.READER, text.getBytes(StandardCharsets.US_ASCII));
        InterchangeAcknowledgment ta1 = assertInstanceOf(InterchangeAcknowledgment.class, file.documents().get(0));
        assertEquals("A", ta1.status().code());
        assertEquals(List.of(), ta1.problems());
        assertEquals(List.of("GROUP_COUNT_MISMATCH"), rules(file.problems()));
        assertTrue(file.readable());
    }

    @Test
    void aFileCutShortGivesTheSetsBeforeTheCutAndSaysWhereItStopped() {
        String whole = new String(bytes("tolerance-three-interchanges-ta1-999-278.x12"), StandardCharsets.US_ASCII);
        String cut = whole.substring(0, whole.indexOf("HCR*A3"));
        ResponseFile file = read(ResponseFixtures.READER, cut.getBytes(StandardCharsets.US_ASCII));
        assertEquals(3, file.documents().size(), () -> file.documents() + "\n" + file.problems());
        assertFalse(file.problems().isEmpty());
        assertTrue(file.documents().stream().noneMatch(d -> "0002".equals(d.envelope().transactionControlNumber())),
                "the set cut short is not handed over as if it were whole");
    }

    @Test
    void notX12IsRefused() {
        ResponseFile file = read(ResponseFixtures.READER, "claim,patient\n1,someone\n".getBytes(StandardCharsets.US_ASCII));
        assertFalse(file.summary().x12());
        assertFalse(file.readable());
        assertEquals(List.of("NOT_X12"), rules(file.problems()));
        assertEquals(List.of(), file.documents());
    }

    @Test
    void a278RequestInTheFileIsNamedNotRead() {
        String response = new String(bytes("ct-contact-payer.x12"), StandardCharsets.US_ASCII);
        String request = response.replace("BHT*0007*11*", "BHT*0007*13*");
        ResponseFile file = read(ResponseFixtures.READER, request.getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of(), file.documents());
        assertEquals("NOT_READ", file.problems().get(0).rule());
        assertEquals("0008", file.problems().get(0).transactionControlNumber());
    }
}
