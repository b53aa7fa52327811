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
            assertEquals(Verdict.ACCEPTED, set.ruling().verdict());
            assertEquals(List.of(), set.errors());
        }
        assertEquals(Verdict.ACCEPTED, ack.ruling().verdict());
        assertEquals(List.of(), ack.problems());
    }

    @Test
    void partlyAccepted999DecidesPerSet() {
        ImplementationAcknowledgment ack = only("999-partly-accepted-p.x12", ImplementationAcknowledgment.class);
        assertEquals("P", ack.groupStatus().code());
        assertEquals("partially accepted: at least one transaction set was rejected", ack.groupStatus().words());
        assertEquals(Verdict.ACCEPTED, ack.sets().get(0).ruling().verdict());
        AcknowledgedSet rejected = ack.sets().get(1);
        assertEquals(Verdict.REJECTED_BY_GATEWAY, rejected.ruling().verdict());
        assertEquals(List.of(new Code("5", "one or more segments in error")), rejected.setErrors());
        SegmentError dmg = rejected.errors().get(0);
        assertEquals("DMG", dmg.segment());
        assertEquals(8, dmg.position());
        assertEquals(new ElementError(2, null, null, "1251", new Code("8", "invalid date")), dmg.elements().get(0));
        assertTrue(ack.ruling().needsReview(), "a set of a P group without its own AK2 cannot be decided");
    }

    @Test
    void rejected999WithSegmentAndElementNotesAndNoCopyOfTheBadData() {
        ImplementationAcknowledgment ack = only("999-rejected-ik3-ik4.x12", ImplementationAcknowledgment.class);
        assertEquals(Verdict.REJECTED_BY_GATEWAY, ack.ruling().verdict());
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
        assertNull(ta1.ruling().verdict(), "an accepted envelope changes no claim");
        assertFalse(ta1.ruling().needsReview());
        assertEquals(new Envelope("FICTPLAN", "RETRO278SUBMIT", "000000701", null, null, 2), ta1.envelope());
    }

    @Test
    void ta1Rejected() {
        InterchangeAcknowledgment ta1 = only("ta1-rejected-invalid-sender.x12", InterchangeAcknowledgment.class);
        assertEquals("R", ta1.status().code());
        assertEquals(new Code("006", "invalid interchange sender ID (ISA06)"), ta1.note());
        assertEquals(Verdict.REJECTED_BY_GATEWAY, ta1.ruling().verdict());
        assertTrue(ta1.ruling().explanation().contains("nothing in it was read"), ta1.ruling().explanation());
    }

    private static List<String> rules(InboundDocument d) {
        return d.problems().stream().map(p -> p.rule()).toList();
    }

    @Test
    void aRejectedGroupWithAnAcceptedSetAcceptsNoClaimAndSaysSo() {
        ImplementationAcknowledgment ack = only("999-rejected-group-with-an-accepted-set.x12", ImplementationAcknowledgment.class);
        AcknowledgedSet accepted = ack.sets().get(0);
        assertEquals("A", accepted.status().code(), "the set's own code is still read");
        assertNull(accepted.ruling().verdict(), "never ACCEPTED on the strength of a contradictory 999");
        assertTrue(accepted.ruling().needsReview());
        assertEquals(Verdict.REJECTED_BY_GATEWAY, ack.sets().get(1).ruling().verdict());
        assertEquals(Verdict.REJECTED_BY_GATEWAY, ack.ruling().verdict(), "sets without an AK2: what the group says");
        assertTrue(rules(ack).contains("ACK_CONTRADICTION"), ack.problems()::toString);
        // envelopes only: the same document, the same report
        ResponseFile unvalidated = ResponseFixtures.read(ResponseFixtures.READER.withoutValidation(),
                ResponseFixtures.bytes("999-rejected-group-with-an-accepted-set.x12"));
        ImplementationAcknowledgment same = (ImplementationAcknowledgment) unvalidated.documents().get(0);
        assertNull(same.sets().get(0).ruling().verdict());
        assertEquals(List.of("ACK_CONTRADICTION"), rules(same));
    }

    @Test
    void aStrayOrRepeatedIk5InventsNoSetAndDecidesOnce() {
        ImplementationAcknowledgment ack = only("999-stray-and-repeated-ik5.x12", ImplementationAcknowledgment.class);
        assertEquals(List.of("0001", "0002"), ack.sets().stream().map(AcknowledgedSet::controlNumber).toList(),
                "the IK5 before any AK2 is no set");
        AcknowledgedSet twice = ack.sets().get(0);
        assertEquals("A", twice.status().code(), "the first IK5 stands");
        assertNull(twice.ruling().verdict(), "A then R: which one holds is not said");
        assertTrue(twice.ruling().needsReview());
        assertEquals(Verdict.ACCEPTED, ack.sets().get(1).ruling().verdict());
        assertEquals(2, rules(ack).stream().filter("ACK_SEGMENT_OUT_OF_PLACE"::equals).count(), ack.problems()::toString);

        ResponseFile agreeing = ResponseFixtures.read(ResponseFixtures.READER.withoutValidation(), ("ISA*00*          *00*"
                + "          *ZZ*FICTPLAN       *ZZ*RETRO278SUBMIT *260120*1015*^*00501*000000613*0*T*:~GS*FA*FICTPLAN*"
                + "RETRO278SUBMIT*20260120*1015*613*X*005010X231A1~ST*999*0001*005010X231A1~AK1*HI*113*005010X217~"
                + "AK2*278*0001*005010X217~IK5*A~IK5*A~IK3*NM1*7**8~AK9*A*1*1*1~SE*8*0001~GE*1*613~IEA*1*000000613~").getBytes());
        ImplementationAcknowledgment same = (ImplementationAcknowledgment) agreeing.documents().get(0);
        assertEquals(1, same.sets().size());
        assertEquals(Verdict.ACCEPTED, same.sets().get(0).ruling().verdict(), "the same code again changes nothing");
        assertEquals(List.of(), same.sets().get(0).errors(), "an IK3 after the loop's IK5 belongs to no set");
        assertEquals(List.of("ACK_SEGMENT_OUT_OF_PLACE", "ACK_SEGMENT_OUT_OF_PLACE"), rules(same));
    }
}
