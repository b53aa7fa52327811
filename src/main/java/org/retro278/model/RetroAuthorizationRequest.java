package org.retro278.model;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * One retrospective authorization request: one claim of a practice, one patient event, one 278
 * transaction set.
 *
 * @param claimId    the practice's claim id
 * @param dependent  the patient when not the subscriber, else {@code null}
 * @param diagnoses  ICD-10-CM codes without the dot, principal first
 * @param attachment or {@code null}
 * @param retroNote  free text added to the retro explanation, or {@code null}
 */
public record RetroAuthorizationRequest(String claimId, Payer payer, Requester requester, Subscriber subscriber,
                                        Dependent dependent, PatientEvent event, List<ServiceLine> services,
                                        List<String> diagnoses, Attachment attachment, RetroReason retroReason,
                                        String retroNote) {
    public RetroAuthorizationRequest {
        Require.nonNull("claimId payer requester subscriber event retroReason",
                claimId, payer, requester, subscriber, event, retroReason);
        services = List.copyOf(services);
        diagnoses = List.copyOf(diagnoses);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("a request has at least one service line");
        }
    }

    /** The earliest date of service over all lines. */
    public LocalDate earliestServiceDate() {
        return services.stream().map(ServiceLine::dateFrom).min(Comparator.naturalOrder()).orElseThrow();
    }

    /** The latest date of service over all lines. */
    public LocalDate latestServiceDate() {
        return services.stream().map(ServiceLine::lastDate).max(Comparator.naturalOrder()).orElseThrow();
    }

    /**
     * The date the payer's retro window counts from: the admission date for an admission review, else
     * the earliest date of service.
     */
    public LocalDate retroWindowStart() {
        if (event.category() == RequestCategory.AR && event.admissionDate() != null) {
            return event.admissionDate();
        }
        return earliestServiceDate();
    }
}
