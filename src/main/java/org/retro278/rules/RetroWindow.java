package org.retro278.rules;

import static org.retro278.rules.Columns.*;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.retro278.config.PayerProfile;
import org.retro278.config.RetroPolicy;
import org.retro278.mapping.ClaimRow;
import org.retro278.model.Attachment;
import org.retro278.model.PatientEvent;
import org.retro278.model.RequestCategory;
import org.retro278.model.ServiceLine;

/**
 * The payer's retro rules: whether it takes retro requests over EDI at all, how many days after the
 * service (counted from the admission for an admission review, else from the earliest line), and whether
 * supporting documents must come with every request.
 */
final class RetroWindow {

    private final LocalDate asOf;

    /** @param asOf the processing date the window counts to */
    RetroWindow(LocalDate asOf) {
        this.asOf = asOf;
    }

    void check(ClaimCheck c, List<ClaimRow> rows, PayerProfile payer, PatientEvent event, List<ServiceLine> lines,
               Attachment attachment) {
        ClaimRow first = rows.get(0);
        RetroPolicy retro = payer.retro();
        if (!retro.accepted()) {
            c.reject(ClaimCheck.rowsOf(rows), PAYER_ID, RejectionCode.RETRO_NOT_ACCEPTED, payer.name()
                    + " does not accept retrospective authorization requests through EDI; use the payer's portal, or submit the claim and appeal");
            return;
        }
        LocalDate start;
        String startWords;
        String startColumn;
        if (event.category() == RequestCategory.AR && event.admissionDate() != null) {
            start = event.admissionDate();
            startWords = "the admission date";
            startColumn = ADMISSION_DATE;
        } else {
            start = lines.stream().map(ServiceLine::dateFrom).min(LocalDate::compareTo).orElseThrow();
            startWords = "the earliest service date";
            startColumn = SERVICE_DATE_FROM;
        }
        long days = ChronoUnit.DAYS.between(start, asOf);
        if (days > retro.windowDays()) {
            c.reject(ClaimCheck.rowsOf(rows), startColumn, RejectionCode.RETRO_WINDOW_EXCEEDED, payer.name()
                    + " accepts retro requests up to " + retro.windowDays() + " days after service; " + startWords + " "
                    + start + " is " + days + " days before " + asOf);
        }
        if (retro.attachmentRequired() && attachment == null) {
            c.reject(first, ATTACHMENT_TYPE, RejectionCode.ATTACHMENT_REQUIRED, payer.name()
                    + " requires supporting documents with every retro request; fill attachment_type, attachment_transmission and attachment_control_number");
        }
    }
}
