package org.retro278.build;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.retro278.config.InterchangeIds;
import org.retro278.config.PayerProfile;
import org.retro278.config.RetroPolicy;
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
import org.retro278.x12.Delimiters;
import org.retro278.x12.RequestIdentifiers;

/** Made-up payers and claims for the build tests (no real person behind any of them). */
final class BuildFixtures {

    static final LocalDateTime CREATED = LocalDateTime.of(2026, 11, 15, 9, 30);

    private BuildFixtures() {
    }

    static PayerProfile payer(String id) {
        return new PayerProfile(id, "Plan " + id, new InterchangeIds("ZZ", "SUBMITTER", "ZZ", "RECEIVER", "SUBMITTER", "RECEIVER"),
                'T', true, Delimiters.STANDARD, new RetroPolicy(true, 90, false), 5000);
    }

    static PendingClaim claim(String payerId, String claimId, long st02) {
        RetroAuthorizationRequest r = new RetroAuthorizationRequest(claimId, new Payer(payerId, "Plan " + payerId),
                new Requester("1234567893", "Test Clinic", null, null),
                new Subscriber("M" + st02, new PersonName("Testperson", "Alex"), LocalDate.of(1980, 1, 1), Gender.U), null,
                new PatientEvent(RequestCategory.HS, "I", "86", "23", "03", null, null, null),
                List.of(new ServiceLine("99284", List.of(), null, BigDecimal.ONE, null, LocalDate.of(2026, 10, 2), null, null)),
                List.of("S52501A"), null, RetroReason.EMERGENCY, null);
        return new PendingClaim(r, RequestIdentifiers.forClaim(claimId, st02, CREATED), false, List.of(st02));
    }
}
