package org.retro278.rules;

import static org.retro278.rules.Columns.*;

import java.time.LocalDate;
import java.util.List;
import org.retro278.mapping.ClaimRow;
import org.retro278.model.Dependent;
import org.retro278.model.PatientEvent;
import org.retro278.model.ServiceLine;
import org.retro278.model.Subscriber;

/**
 * A claim's dates against each other and against the processing date: retro requests are for services
 * already given, ranges are not reversed, and nobody is born after the first date of service.
 */
final class ServiceDates {

    private final LocalDate asOf;

    /** @param asOf the processing date: no date may lie after it */
    ServiceDates(LocalDate asOf) {
        this.asOf = asOf;
    }

    /** @param lines one per row, in row order (every line passed its own checks) */
    void check(ClaimCheck c, List<ClaimRow> rows, Subscriber subscriber, Dependent dependent, PatientEvent event,
               List<ServiceLine> lines) {
        ClaimRow first = rows.get(0);
        LocalDate earliest = null;
        for (int i = 0; i < lines.size(); i++) {
            ServiceLine l = lines.get(i);
            ClaimRow r = rows.get(i);
            if (l.dateFrom().isAfter(asOf)) {
                c.reject(r, SERVICE_DATE_FROM, RejectionCode.FUTURE_DATE, "service_date_from " + l.dateFrom()
                        + " is after the processing date " + asOf + "; retro requests are for services already given");
            }
            if (l.dateTo() != null) {
                if (l.dateTo().isBefore(l.dateFrom())) {
                    c.reject(r, SERVICE_DATE_TO, RejectionCode.DATE_ORDER, "service_date_to " + l.dateTo()
                            + " is before service_date_from " + l.dateFrom());
                } else if (l.dateTo().isAfter(asOf)) {
                    c.reject(r, SERVICE_DATE_TO, RejectionCode.FUTURE_DATE, "service_date_to " + l.dateTo()
                            + " is after the processing date " + asOf);
                }
            }
            earliest = earliest == null || l.dateFrom().isBefore(earliest) ? l.dateFrom() : earliest;
        }
        if (event.admissionDate() != null && event.admissionDate().isAfter(asOf)) {
            c.reject(first, ADMISSION_DATE, RejectionCode.FUTURE_DATE, "admission_date " + event.admissionDate()
                    + " is after the processing date " + asOf);
        }
        if (event.dischargeDate() != null) {
            if (event.dischargeDate().isAfter(asOf)) {
                c.reject(first, DISCHARGE_DATE, RejectionCode.FUTURE_DATE, "discharge_date " + event.dischargeDate()
                        + " is after the processing date " + asOf);
            }
            if (event.admissionDate() != null && event.dischargeDate().isBefore(event.admissionDate())) {
                c.reject(first, DISCHARGE_DATE, RejectionCode.DATE_ORDER, "discharge_date " + event.dischargeDate()
                        + " is before admission_date " + event.admissionDate());
            }
        }
        LocalDate patientDob = dependent != null ? dependent.birthDate() : subscriber.birthDate();
        String dobColumn = dependent != null ? PATIENT_DOB : SUBSCRIBER_DOB;
        if (subscriber.birthDate().isAfter(asOf)) {
            c.reject(first, SUBSCRIBER_DOB, RejectionCode.FUTURE_DATE, "subscriber_dob is after the processing date " + asOf);
        }
        if (dependent != null && dependent.birthDate().isAfter(asOf)) {
            c.reject(first, PATIENT_DOB, RejectionCode.FUTURE_DATE, "patient_dob is after the processing date " + asOf);
        }
        LocalDate eventStart = event.admissionDate() != null && earliest != null && event.admissionDate().isBefore(earliest)
                ? event.admissionDate() : earliest;
        if (eventStart != null && patientDob.isAfter(eventStart)) {
            c.reject(first, dobColumn, RejectionCode.DATE_ORDER, dobColumn + " is after the first date of service "
                    + eventStart + " (a payer rejects this with AAA 60)");
        }
    }
}
