package org.retro278.rules;

import static org.retro278.rules.Columns.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.retro278.mapping.ClaimRow;
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
import org.retro278.x12.RetroExplanation;

/**
 * Builds the parts of a {@link RetroAuthorizationRequest} from a claim's rows: the claim-level parts from
 * the first row, one service line per row. Every value goes through {@link ValueSyntax}; a part whose
 * values did not all pass is {@code null} (or missing from the lines), its reasons are in the check.
 */
final class RequestAssembler {

    /** The subscriber-is-patient relationship code. */
    static final String SELF = "18";
    /**
     * Only initial requests (UM02=I). Renewals, revisions, extensions, appeals and cancellations refer
     * to a previous review by its authorization number (2000E REF*BB), which claim files do not carry
     * (stricter reading of the guide's situational rule).
     */
    static final Set<String> CERTIFICATION_TYPES = Set.of("I");
    /** UM01=IN belongs to medical services reservations (BHT06=RU), which retro requests are not. */
    static final Set<String> NOT_RETRO_CATEGORIES = Set.of("IN");

    /** What the rows gave; complete (and turned into a request) only when the check found nothing. */
    record Draft(String payerName, Requester requester, Subscriber subscriber, Dependent dependent, PatientEvent event,
                 List<String> diagnoses, List<ServiceLine> lines, RetroReason reason, String note, Attachment attachment) {

        RetroAuthorizationRequest request(String claimId, String payerId) {
            return new RetroAuthorizationRequest(claimId, new Payer(payerId, payerName), requester, subscriber, dependent,
                    event, lines, diagnoses, attachment, reason, note);
        }
    }

    private final ValueSyntax syntax;
    private final X217Facts facts;

    RequestAssembler(ValueSyntax syntax, X217Facts facts) {
        this.syntax = syntax;
        this.facts = facts;
    }

    /** @param payerId the payer id already read from the first row, or {@code null} when it is missing */
    Draft assemble(ClaimCheck c, List<ClaimRow> rows, String payerId) {
        ClaimRow first = rows.get(0);
        String payerName = syntax.text(c, first, PAYER_NAME, c.required(first, PAYER_NAME));
        if (payerId != null) {
            syntax.length(c, first, PAYER_ID, payerId);
        }
        Requester requester = requester(c, first);
        Subscriber subscriber = subscriber(c, first);
        Dependent dependent = dependent(c, first, subscriber);
        PatientEvent event = event(c, first);
        List<String> diagnoses = syntax.diagnoses(c, first, c.required(first, DIAGNOSIS_CODES));
        List<ServiceLine> lines = new ArrayList<>();
        for (ClaimRow r : rows) {
            ServiceLine l = line(c, r);
            if (l != null) {
                lines.add(l);
            }
        }
        RetroReason reason = retroReason(c, first);
        String note = retroNote(c, first, reason);
        Attachment attachment = attachment(c, first);
        return new Draft(payerName, requester, subscriber, dependent, event, diagnoses, lines, reason, note, attachment);
    }

    private Requester requester(ClaimCheck c, ClaimRow r) {
        String npi = syntax.npi(c, r, REQUESTER_NPI, c.required(r, REQUESTER_NPI));
        String first = r.get(REQUESTER_FIRST_NAME);
        String name = syntax.text(c, r, REQUESTER_NAME, c.required(r, REQUESTER_NAME));
        String firstName = syntax.text(c, r, REQUESTER_FIRST_NAME, first);
        String taxonomy = syntax.taxonomy(c, r, r.get(REQUESTER_TAXONOMY));
        if (npi == null || name == null || (first != null && firstName == null)) {
            return null;
        }
        return new Requester(npi, name, firstName, taxonomy);
    }

    private Subscriber subscriber(ClaimCheck c, ClaimRow r) {
        String memberId = syntax.text(c, r, MEMBER_ID, c.required(r, MEMBER_ID));
        String last = syntax.text(c, r, SUBSCRIBER_LAST_NAME, c.required(r, SUBSCRIBER_LAST_NAME));
        String first = syntax.text(c, r, SUBSCRIBER_FIRST_NAME, c.required(r, SUBSCRIBER_FIRST_NAME));
        LocalDate dob = syntax.date(c, r, SUBSCRIBER_DOB, c.required(r, SUBSCRIBER_DOB));
        String g = syntax.x12Code(c, r, SUBSCRIBER_GENDER, c.required(r, SUBSCRIBER_GENDER), "a gender code");
        Gender gender = g == null ? null : Gender.valueOf(g);
        if (memberId == null || last == null || first == null || dob == null || gender == null) {
            return null;
        }
        return new Subscriber(memberId, new PersonName(last, first), dob, gender);
    }

    private Dependent dependent(ClaimCheck c, ClaimRow r, Subscriber subscriber) {
        String rel = r.get(PATIENT_RELATIONSHIP);
        List<String> patientColumns = List.of(PATIENT_LAST_NAME, PATIENT_FIRST_NAME, PATIENT_DOB, PATIENT_GENDER);
        if (rel == null || rel.equals(SELF)) {
            // self: patient columns may repeat the subscriber, but must not name someone else
            for (String col : patientColumns) {
                String v = r.get(col);
                if (v != null && !v.equals(subscriberValue(r, col))) {
                    c.reject(r, col, RejectionCode.NOT_APPLICABLE, col + " is given but differs from the subscriber while"
                            + " patient_relationship is " + (rel == null ? "empty (self)" : "18 (self)")
                            + "; give the patient's relationship code, or leave the patient columns empty");
                }
            }
            return null;
        }
        Set<String> codes = new TreeSet<>(facts.codes(Columns.address(PATIENT_RELATIONSHIP)));
        codes.remove(SELF);
        String relationship = syntax.code(c, r, PATIENT_RELATIONSHIP, rel, codes, "an individual relationship code for a dependent");
        String last = syntax.text(c, r, PATIENT_LAST_NAME, c.required(r, PATIENT_LAST_NAME));
        String first = syntax.text(c, r, PATIENT_FIRST_NAME, c.required(r, PATIENT_FIRST_NAME));
        LocalDate dob = syntax.date(c, r, PATIENT_DOB, c.required(r, PATIENT_DOB));
        String g = syntax.x12Code(c, r, PATIENT_GENDER, c.required(r, PATIENT_GENDER), "a gender code");
        if (relationship == null || last == null || first == null || dob == null || g == null || subscriber == null) {
            return null;
        }
        return new Dependent(relationship, new PersonName(last, first), dob, Gender.valueOf(g));
    }

    private static String subscriberValue(ClaimRow r, String patientColumn) {
        return r.get(patientColumn.replace("patient_", "subscriber_"));
    }

    private PatientEvent event(ClaimCheck c, ClaimRow r) {
        String categoryText = r.get(REQUEST_CATEGORY) == null ? "HS" : r.get(REQUEST_CATEGORY);
        Set<String> categories = new TreeSet<>(facts.codes(Columns.address(REQUEST_CATEGORY)));
        categories.removeAll(NOT_RETRO_CATEGORIES);
        String category = syntax.code(c, r, REQUEST_CATEGORY, categoryText, categories, "a request category for a retro request");
        String certText = r.get(CERTIFICATION_TYPE) == null ? "I" : r.get(CERTIFICATION_TYPE);
        Set<String> certTypes = new TreeSet<>(facts.codes(Columns.address(CERTIFICATION_TYPE)));
        certTypes.retainAll(CERTIFICATION_TYPES);
        String cert = syntax.code(c, r, CERTIFICATION_TYPE, certText, certTypes,
                "a certification type retro278 can send (initial requests only: the others need a previous authorization number)");
        String serviceType = syntax.x12Code(c, r, SERVICE_TYPE, c.required(r, SERVICE_TYPE),
                "a service type code (X12 code source 1365)");
        String pos = syntax.x12Code(c, r, PLACE_OF_SERVICE, c.required(r, PLACE_OF_SERVICE), "a CMS place-of-service code");
        String level = syntax.x12Code(c, r, LEVEL_OF_SERVICE, r.get(LEVEL_OF_SERVICE), "a level-of-service code");
        LocalDate admission = syntax.date(c, r, ADMISSION_DATE, r.get(ADMISSION_DATE));
        LocalDate discharge = syntax.date(c, r, DISCHARGE_DATE, r.get(DISCHARGE_DATE));
        if ("AR".equals(category)) {
            if (r.get(ADMISSION_DATE) == null) {
                c.reject(r, ADMISSION_DATE, RejectionCode.MISSING_VALUE, "admission_date is required for an admission review (request_category AR)");
            }
        } else if (category != null) {
            for (String col : List.of(ADMISSION_DATE, DISCHARGE_DATE)) {
                if (r.get(col) != null) {
                    c.reject(r, col, RejectionCode.NOT_APPLICABLE, col + " is only sent with an admission review (request_category AR), not with "
                            + category);
                }
            }
        }
        Provider facility = provider(c, r, FACILITY_NPI, FACILITY_NAME, null);
        if (category == null || cert == null || serviceType == null || pos == null
                || (r.get(LEVEL_OF_SERVICE) != null && level == null)) {
            return null;
        }
        return new PatientEvent(RequestCategory.valueOf(category), cert, serviceType, pos, level,
                "AR".equals(category) ? admission : null, "AR".equals(category) ? discharge : null, facility);
    }

    /** A provider named by NPI and name; both or neither. */
    private Provider provider(ClaimCheck c, ClaimRow r, String npiColumn, String nameColumn, String firstNameColumn) {
        String npiText = r.get(npiColumn);
        String nameText = r.get(nameColumn);
        String firstText = firstNameColumn == null ? null : r.get(firstNameColumn);
        if (npiText == null && nameText == null && firstText == null) {
            return null;
        }
        if (npiText == null) {
            c.reject(r, npiColumn, RejectionCode.MISSING_VALUE, npiColumn + " is required when " + nameColumn + " is given");
            return null;
        }
        if (nameText == null) {
            c.reject(r, nameColumn, RejectionCode.MISSING_VALUE, nameColumn + " is required with " + npiColumn);
        }
        String npi = syntax.npi(c, r, npiColumn, npiText);
        String name = syntax.text(c, r, nameColumn, nameText);
        String first = firstNameColumn == null ? null : syntax.text(c, r, firstNameColumn, firstText);
        if (npi == null || name == null || (firstText != null && first == null)) {
            return null;
        }
        return new Provider(npi, name, first);
    }

    private ServiceLine line(ClaimCheck c, ClaimRow r) {
        LocalDate from = syntax.date(c, r, SERVICE_DATE_FROM, c.required(r, SERVICE_DATE_FROM));
        LocalDate to = syntax.date(c, r, SERVICE_DATE_TO, r.get(SERVICE_DATE_TO));
        String proc = syntax.procedure(c, r, c.required(r, PROCEDURE_CODE));
        List<String> modifiers = syntax.modifiers(c, r, r.get(PROCEDURE_MODIFIERS));
        String revenue = syntax.revenue(c, r, r.get(REVENUE_CODE));
        BigDecimal units = r.get(SERVICE_UNITS) == null ? BigDecimal.ONE : syntax.quantity(c, r, SERVICE_UNITS, r.get(SERVICE_UNITS));
        BigDecimal charge = syntax.amount(c, r, LINE_CHARGE, r.get(LINE_CHARGE));
        Provider rendering = provider(c, r, RENDERING_NPI, RENDERING_LAST_NAME, RENDERING_FIRST_NAME);
        boolean renderingOk = rendering != null || (r.get(RENDERING_NPI) == null && r.get(RENDERING_LAST_NAME) == null
                && r.get(RENDERING_FIRST_NAME) == null);
        if (from == null || (r.get(SERVICE_DATE_TO) != null && to == null) || proc == null || modifiers == null
                || (r.get(REVENUE_CODE) != null && revenue == null) || units == null
                || (r.get(LINE_CHARGE) != null && charge == null) || !renderingOk) {
            return null;
        }
        return new ServiceLine(proc, modifiers, revenue, units, charge, from, to, rendering);
    }

    private static RetroReason retroReason(ClaimCheck c, ClaimRow r) {
        String v = c.required(r, RETRO_REASON);
        if (v == null) {
            return null;
        }
        try {
            return RetroReason.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            c.reject(r, RETRO_REASON, RejectionCode.INVALID_CODE, "retro_reason '" + v + "' is not one of "
                    + String.join(", ", Arrays.stream(RetroReason.values()).map(Enum::name).toList()));
            return null;
        }
    }

    private static String retroNote(ClaimCheck c, ClaimRow r, RetroReason reason) {
        String v = r.get(RETRO_NOTE);
        if (v == null) {
            return null;
        }
        String note = X12Text.freeText(v, c.delimiters());
        if (note.isEmpty()) {
            return null;
        }
        if (reason != null && note.length() > RetroExplanation.roomForNote(reason)) {
            c.reject(r, RETRO_NOTE, RejectionCode.TOO_LONG, "retro_note has " + note.length() + " characters; with the "
                    + reason + " explanation the 278 MSG carries at most " + RetroExplanation.roomForNote(reason)
                    + " (MSG01 is at most " + RetroExplanation.MAX_LENGTH + "); shorten it or send the rest as an attachment");
            return null;
        }
        return note;
    }

    private Attachment attachment(ClaimCheck c, ClaimRow r) {
        String type = r.get(ATTACHMENT_TYPE);
        String transmission = r.get(ATTACHMENT_TRANSMISSION);
        String acn = r.get(ATTACHMENT_CONTROL_NUMBER);
        if (type == null && transmission == null && acn == null) {
            return null;
        }
        if (type == null) {
            c.reject(r, ATTACHMENT_TYPE, RejectionCode.MISSING_VALUE, "attachment_type is required when "
                    + (transmission != null ? "attachment_transmission" : "attachment_control_number") + " is given");
            return null;
        }
        String t = syntax.x12Code(c, r, ATTACHMENT_TYPE, type, "an attachment report type code (PWK01)");
        if (transmission == null) {
            c.reject(r, ATTACHMENT_TRANSMISSION, RejectionCode.MISSING_VALUE, "attachment_transmission is required with attachment_type");
        }
        if (acn == null) {
            c.reject(r, ATTACHMENT_CONTROL_NUMBER, RejectionCode.MISSING_VALUE, "attachment_control_number is required with attachment_type");
        }
        String tr = syntax.x12Code(c, r, ATTACHMENT_TRANSMISSION, transmission, "an attachment transmission code (PWK02)");
        String a = acn == null ? null : syntax.text(c, r, ATTACHMENT_CONTROL_NUMBER, acn);
        if (t == null || tr == null || a == null) {
            return null;
        }
        return new Attachment(t, tr, a);
    }
}
