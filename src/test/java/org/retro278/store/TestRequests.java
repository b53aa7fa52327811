package org.retro278.store;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.retro278.model.Attachment;
import org.retro278.model.Dependent;
import org.retro278.model.Gender;
import org.retro278.model.PatientEvent;
import org.retro278.model.Payer;
import org.retro278.model.PersonName;
import org.retro278.model.Provider;
import org.retro278.model.RequestCategory;
import org.retro278.model.Requester;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.model.RetroReason;
import org.retro278.model.ServiceLine;
import org.retro278.model.Subscriber;

/** Canonical requests with fictional data for the store tests (and the status files' tests, which need stored claims). */
public final class TestRequests {
    private TestRequests() {
    }

    /** The smallest request: subscriber is the patient, one professional line, every optional part absent. */
    public static RetroAuthorizationRequest simple(String claimId, String payerId, LocalDate serviceDate) {
        return new RetroAuthorizationRequest(claimId, new Payer(payerId, "Test Payer " + payerId),
                new Requester("1234567893", "Riverside Clinic", null, null),
                new Subscriber("M000111", new PersonName("Example", "Pat"), LocalDate.of(1970, 1, 2), Gender.F),
                null,
                new PatientEvent(RequestCategory.HS, "I", "1", "11", null, null, null, null),
                List.of(new ServiceLine("99213", List.of(), null, BigDecimal.ONE, null, serviceDate, null, null)),
                List.of("R0789"), null, RetroReason.EMERGENCY, null);
    }

    /**
     * Every part present: a dependent patient, an admission with facility, an attachment, a retro note,
     * an institutional line with revenue code, charge, date range and rendering provider, and a
     * professional line with modifiers and a person as rendering provider.
     */
    static RetroAuthorizationRequest full(String claimId, String payerId) {
        return new RetroAuthorizationRequest(claimId, new Payer(payerId, "Test Payer " + payerId),
                new Requester("1234567893", "Sample", "Alex", "207Q00000X"),
                new Subscriber("W123456789", new PersonName("Fictional", "Robin"), LocalDate.of(1981, 2, 28), Gender.M),
                new Dependent("19", new PersonName("Fictional", "Sam"), LocalDate.of(2015, 12, 31), Gender.U),
                new PatientEvent(RequestCategory.AR, "I", "48", "21", "E", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 4),
                        new Provider("1245319599", "Lakeside General Hospital", null)),
                List.of(new ServiceLine("99222", List.of(), "0120", new BigDecimal("3"), new BigDecimal("1250.00"),
                                LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 4),
                                new Provider("1003000126", "Lakeside General Hospital", null)),
                        new ServiceLine("99223", List.of("25", "GT"), null, new BigDecimal("1.50"), new BigDecimal("310.5"),
                                LocalDate.of(2026, 10, 1), null, new Provider("1497758544", "Doe", "Jordan"))),
                List.of("S72001A", "W010XXA"), new Attachment("OZ", "EL", "ATT-0001"), RetroReason.RETRO_ELIGIBILITY,
                "Coverage was reinstated on 2026-10-20.");
    }
}
