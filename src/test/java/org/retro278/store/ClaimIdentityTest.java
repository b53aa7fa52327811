package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.retro278.io.Hashes;
import org.retro278.model.Dependent;
import org.retro278.model.Gender;
import org.retro278.model.PatientEvent;
import org.retro278.model.Payer;
import org.retro278.model.PersonName;
import org.retro278.model.RequestCategory;
import org.retro278.model.Requester;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.model.RetroReason;
import org.retro278.model.ServiceLine;
import org.retro278.model.Subscriber;

/** The claim identity: which values make two claims the same claim, in what canonical form (docs/rules.md). */
class ClaimIdentityTest {

    private static final RetroAuthorizationRequest FULL = TestRequests.full("CLM-1", "PAYERA");

    @Test
    void theCanonicalTextIsVersionedAndNamesEachValueOnItsOwnLine() {
        assertEquals("""
                retro278-claim-identity/1
                practice=RIVERSIDE
                claim_id=CLM-1
                payer_id=PAYERA
                member_id=W123456789
                patient=DEPENDENT
                patient_last_name=FICTIONAL
                patient_first_name=SAM
                patient_dob=2015-12-31
                request_category=AR
                admission_date=2026-10-01
                service_date_from=2026-10-01
                service_date_to=2026-10-04
                """, ClaimIdentity.canonicalText("RIVERSIDE", FULL));
        assertEquals("""
                retro278-claim-identity/1
                practice=RIVERSIDE
                claim_id=C1
                payer_id=PAYERA
                member_id=M000111
                patient=SUBSCRIBER
                request_category=HS
                admission_date=
                service_date_from=2026-11-01
                service_date_to=2026-11-01
                """, ClaimIdentity.canonicalText("RIVERSIDE", TestRequests.simple("C1", "PAYERA", LocalDate.of(2026, 11, 1))));
    }

    @Test
    void theHashIsTheSha256OfTheTextAndShowsNoValue() {
        String h = ClaimIdentity.sha256("RIVERSIDE", FULL);
        assertTrue(h.matches("[0-9a-f]{64}"), h);
        assertEquals(Hashes.sha256(ClaimIdentity.canonicalText("RIVERSIDE", FULL)), h);
        assertTrue(!h.contains("W123456789") && !h.toUpperCase().contains("FICTIONAL"));
    }

    @Test
    void whatDoesNotIdentifyTheClaimMayDiffer() {
        String h = ClaimIdentity.sha256("RIVERSIDE", FULL);
        // another spelling of the same values: case, spacing, accents
        RetroAuthorizationRequest respelled = with(FULL, " clm-1 ", "payera", " w123456789",
                new Dependent("19", new PersonName("fictional ", "Sám"), LocalDate.of(2015, 12, 31), Gender.U), FULL.event());
        assertEquals(h, ClaimIdentity.sha256("RIVERSIDE", respelled));
        // the subscriber's name, the requester, codes, lines within the same dates, notes: not part of the identity
        List<ServiceLine> lines = new ArrayList<>(FULL.services());
        lines.add(new ServiceLine("99231", List.of(), null, BigDecimal.ONE, null, LocalDate.of(2026, 10, 2), null, null));
        RetroAuthorizationRequest edited = new RetroAuthorizationRequest("CLM-1", new Payer("PAYERA", "Another name"),
                new Requester("1245319599", "Other Clinic", null, null),
                new Subscriber("W123456789", new PersonName("Corrected", "Robin"), LocalDate.of(1981, 3, 1), Gender.F),
                FULL.dependent(), FULL.event(), lines, List.of("R0789"), null, RetroReason.EMERGENCY, "another note");
        assertEquals(h, ClaimIdentity.sha256("RIVERSIDE", edited));
    }

    @Test
    void eachPartOfTheIdentityMakesAnotherClaim() {
        String h = ClaimIdentity.sha256("RIVERSIDE", FULL);
        PatientEvent ev = FULL.event();
        Dependent d = FULL.dependent();
        List<RetroAuthorizationRequest> others = List.of(
                with(FULL, "CLM-2", "PAYERA", "W123456789", d, ev),
                with(FULL, "CLM-1", "PAYERB", "W123456789", d, ev),
                with(FULL, "CLM-1", "PAYERA", "W123456780", d, ev),
                with(FULL, "CLM-1", "PAYERA", "W123456789", null, ev),
                with(FULL, "CLM-1", "PAYERA", "W123456789", new Dependent("19", new PersonName("Fictional", "Sue"),
                        d.birthDate(), d.gender()), ev),
                with(FULL, "CLM-1", "PAYERA", "W123456789", new Dependent("19", d.name(), LocalDate.of(2015, 12, 30),
                        d.gender()), ev),
                with(FULL, "CLM-1", "PAYERA", "W123456789", d, new PatientEvent(RequestCategory.HS, "I", "48", "21", null,
                        null, null, ev.facility())),
                with(FULL, "CLM-1", "PAYERA", "W123456789", d, new PatientEvent(RequestCategory.AR, "I", "48", "21", "E",
                        LocalDate.of(2026, 9, 30), ev.dischargeDate(), ev.facility())));
        for (RetroAuthorizationRequest o : others) {
            assertNotEquals(h, ClaimIdentity.sha256("RIVERSIDE", o), () -> ClaimIdentity.canonicalText("RIVERSIDE", o));
        }
        assertNotEquals(h, ClaimIdentity.sha256("WESTSIDE", FULL), "another practice");
        // another date of service
        RetroAuthorizationRequest later = new RetroAuthorizationRequest("CLM-1", FULL.payer(), FULL.requester(), FULL.subscriber(),
                d, ev, List.of(FULL.services().get(0), new ServiceLine("99223", List.of(), null, BigDecimal.ONE, null,
                LocalDate.of(2026, 10, 5), null, null)), FULL.diagnoses(), null, FULL.retroReason(), null);
        assertNotEquals(h, ClaimIdentity.sha256("RIVERSIDE", later));
    }

    private static RetroAuthorizationRequest with(RetroAuthorizationRequest r, String claimId, String payerId, String memberId,
                                                  Dependent dependent, PatientEvent event) {
        Subscriber s = r.subscriber();
        return new RetroAuthorizationRequest(claimId, new Payer(payerId, r.payer().name()), r.requester(),
                new Subscriber(memberId, s.name(), s.birthDate(), s.gender()), dependent, event, r.services(), r.diagnoses(),
                r.attachment(), r.retroReason(), r.retroNote());
    }
}
