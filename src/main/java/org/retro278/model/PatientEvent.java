package org.retro278.model;

import java.time.LocalDate;

/**
 * The patient event under review: 2000E UM, the admission dates and the facility (2010EA).
 *
 * @param certificationType UM02, for example I (initial)
 * @param serviceType       UM03 service type code
 * @param placeOfService    UM04-1, a CMS place-of-service code (qualifier B)
 * @param levelOfService    UM06, or {@code null}
 * @param admissionDate     required for {@link RequestCategory#AR}, else {@code null}
 * @param dischargeDate     or {@code null}
 * @param facility          or {@code null}
 */
public record PatientEvent(RequestCategory category, String certificationType, String serviceType,
                           String placeOfService, String levelOfService, LocalDate admissionDate,
                           LocalDate dischargeDate, Provider facility) {
    public PatientEvent {
        Require.nonNull("category certificationType serviceType placeOfService",
                category, certificationType, serviceType, placeOfService);
    }
}
