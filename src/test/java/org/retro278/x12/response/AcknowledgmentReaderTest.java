package org.retro278.x12.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.retro278.x12.response.ResponseFixtures.only;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The 999 and TA1 readers on our fictional acknowledgments. */
class AcknowledgmentReaderTest {

    @Test
    void accepted999() {
        ImplementationAcknowledgment ack = only("999-accepted-two-sets.x12", ImplementationAcknowledgment.class);
        assertEquals("HI", ack.ackedFunctionalId());
        assertEquals("101", ack.ackedGroupControlNumber());
        assertEquals("005010X217", ack.ackedVersion());
        assertEquals(new Code("A", "accepted"), ack.groupStatus());
        assertEquals(List.of(2, 2, 2), List.of(ack.setsIncluded(), ack.setsReceived(), ack.setsAccepted()));
        assertEquals(List.of("0001", "0002"), ack.sets().stream().map(AcknowledgedSet::controlNumber).toList());
        for (AcknowledgedSet set : ack.sets()) {
            assertEquals("278", set.transactionSetId());
            assertEquals(Verdict.ACCEPTED, set.outcome().verdict());
            assertEquals(List.of(), set.errors());
        }
        assertEquals(Verdict.ACCEPTED, ack.outcome().verdict());
        assertEquals(List.of(), ack.problems());
    }

    @Test
    void partlyAccepted999DecidesPerSet() {
        ImplementationAcknowledgment ack = only("999-partly-accepted-p.x12", ImplementationAcknowledgment.class);
        assertEquals("P", ack.groupStatus().code());
        assertEquals("partially accepted: at least one transaction set was rejected", ack.groupStatus().words());
        assertEquals(Verdict.ACCEPTED, ack.sets().get(0).outcome().verdict());
        AcknowledgedSet rejected = ack.sets().get(1);
        assertEquals(Verdict.REJECTED_BY_GATEWAY, rejected.outcome().verdict());
        assertEquals(List.of(new Code("5", "one or more segments in error")), rejected.setErrors());
        SegmentError dmg = rejected.errors().get(0);
        assertEquals("DMG", dmg.segment());
        assertEquals(8, dmg.position());
        assertEquals(new ElementError(2, null, null, "1251", new Code("8", "invalid date")), dmg.elements().get(0));
        assertTrue(ack.outcome().needsReview(), "a set of a P group without its own AK2 cannot be decided");
    }

    @Test
    void rejected999WithSegmentAndElementNotesAndNoCopyOfTheBadData() {
        ImplementationAcknowledgment ack = only("999-rejected-ik3-ik4.x12", ImplementationAcknowledgment.class);
        assertEquals(Verdict.REJECTED_BY_GATEWAY, ack.outcome().verdict());
        AcknowledgedSet set = ack.sets().get(0);
        assertEquals(new Code("R", "rejected"), set.status());
        assertEquals(List.of("5", "I5"), set.setErrors().stream().map(Code::code).toList());
        assertEquals(2, set.errors().size());
        SegmentError nm1 = set.errors().get(0);
        assertEquals(List.of("NM1", 7, "2010"), List.of(nm1.segment(), nm1.position(), nm1.loop()));
        assertEquals(new Code("8", "segment has data element errors"), nm1.error());
        assertEquals(List.of(new ElementError(9, null, null, "67", new Code("6", "invalid character in data element")),
                new ElementError(3, null, null, "1035", new Code("5", "data element too long"))), nm1.elements());
        SegmentError um = set.errors().get(1);
        assertEquals(new Code("7", "segment not in proper sequence"), um.error());
        assertEquals(List.of(), um.elements());
        String json = ResponseFixtures.json("999-rejected-ik3-ik4.x12");
        assertFalse(json.contains("MEM0001"), "IK404, the copy of the bad data, is never written");
        assertFalse(json.contains("CLM01"), "CTX is never written");
    }

    @Test
    void ta1Accepted() {
        InterchangeAcknowledgment ta1 = only("ta1-accepted.x12", InterchangeAcknowledgment.class);
        assertEquals("000000101", ta1.interchangeControlNumber());
        assertEquals("260115", ta1.interchangeDate());
        assertEquals("0930", ta1.interchangeTime());
        assertEquals("A", ta1.status().code());
        assertEquals(new Code("000", "no error"), ta1.note());
        assertNull(ta1.outcome().verdict(), "an accepted envelope changes no claim");
        assertFalse(ta1.outcome().needsReview());
        assertEquals(new Envelope("FICTPLAN", "RETRO278SUBMIT", "000000701", null, null, 2), ta1.envelope());
    }

    @Test
    void ta1Rejected() {
        InterchangeAcknowledgment ta1 = only("ta1-rejected-invalid-sender.x12", InterchangeAcknowledgment.class);
        assertEquals("R", ta1.status().code());
        assertEquals(new Code("006", "invalid interchange sender ID (ISA06)"), ta1.note());
        assertEquals(Verdict.REJECTED_BY_GATEWAY, ta1.outcome().verdict());
        assertTrue(ta1.outcome().explanation().contains("nothing in it was read"), ta1.outcome().explanation());
    }
}
