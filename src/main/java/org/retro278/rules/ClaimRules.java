package org.retro278.rules;

import static org.retro278.rules.Columns.*;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.retro278.config.PayerDirectory;
import org.retro278.config.PayerProfile;
import org.retro278.mapping.ClaimGroup;
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
import org.retro278.x12.RequestIdentifiers;
import org.retro278.x12.RetroExplanation;

/**
 * The pre-submission rules: everything a claim must satisfy before a 278 is built for it, and the
 * payer's retro rules. A claim either becomes a {@link RetroAuthorizationRequest} that the writer can
 * turn into a valid 005010X217 request for any value that passed, or is refused with every reason found
 * (claim, rows, field, code, plain words).
 *
 * <p>Code lists and element lengths come from the implementation schema through {@link X217Facts}.
 * Rules that go beyond the guide and are ours to decide are kept here as named constants.
 */
public final class ClaimRules {

    /** Claim ids are carried inside BHT03 and TRN02; this keeps them unambiguous and sendable. */
    static final Pattern CLAIM_ID_FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0," + (RequestIdentifiers.MAX_CLAIM_ID_LENGTH - 1) + "}");
    /** ICD-10-CM: a letter, a digit, a digit or letter, then up to four letters or digits (no dot). */
    static final Pattern ICD10CM = Pattern.compile("[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}");
    /** CPT (five digits; Category II/III and PLA codes end in F, T, U or M) or HCPCS Level II (A-V + four digits). */
    static final Pattern PROCEDURE = Pattern.compile("[0-9]{4}[0-9FTUM]|[A-V][0-9]{4}");
    static final Pattern MODIFIER = Pattern.compile("[A-Z0-9]{2}");
    /** NUBC revenue codes are four digits (leading zero included). */
    static final Pattern REVENUE = Pattern.compile("[0-9]{4}");
    /** NUCC health care provider taxonomy codes: ten characters ending in X. */
    static final Pattern TAXONOMY = Pattern.compile("[0-9]{3}[0-9A-Z]{6}X");
    /** HI carries twelve diagnosis composites. */
    static final int MAX_DIAGNOSES = 12;
    /** SV101 / SV202 carry up to four modifiers. */
    static final int MAX_MODIFIERS = 4;
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

    private final PayerDirectory payers;
    private final X217Facts facts;
    private final DateTimeFormatter dateFormat;
    private final String dateFormatLabel;
    private final LocalDate asOf;

    /**
     * @param datePattern the layout's date pattern (java.time), e.g. {@code uuuu-MM-dd}
     * @param asOf        the processing date: retro windows count to it and no date may lie after it
     */
    public ClaimRules(PayerDirectory payers, X217Facts facts, String datePattern, LocalDate asOf) {
        this.payers = Objects.requireNonNull(payers);
        this.facts = Objects.requireNonNull(facts);
        this.dateFormat = DateTimeFormatter.ofPattern(datePattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
        this.dateFormatLabel = datePattern.replace("uuuu", "YYYY").replace("yyyy", "YYYY").replace("dd", "DD");
        this.asOf = Objects.requireNonNull(asOf);
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** The profile of a payer that claims have already been accepted for. */
    public PayerProfile payerOf(String payerId) {
        return payers.find(payerId).orElseThrow(() -> new IllegalArgumentException("unknown payer " + payerId));
    }

    /** The verdict on one claim. */
    public sealed interface Outcome permits Accepted, Refused {
        String claimId();
    }

    public record Accepted(RetroAuthorizationRequest request, PayerProfile payer) implements Outcome {
        @Override
        public String claimId() {
            return request.claimId();
        }
    }

    /**
     * @param payerId     the payer the claim named, when known, else {@code null}
     * @param serviceFrom the earliest date of service of the lines whose dates could be read, else {@code null}
     * @param serviceTo   the latest date of service of those lines, else {@code null}
     */
    public record Refused(String claimId, String payerId, List<Rejection> reasons, LocalDate serviceFrom,
                          LocalDate serviceTo) implements Outcome {
        public Refused {
            reasons = List.copyOf(reasons);
        }

        public Refused(String claimId, String payerId, List<Rejection> reasons) {
            this(claimId, payerId, reasons, null, null);
        }
    }

    public Outcome check(ClaimGroup g) {
        String claimId = g.claimId();
        List<ClaimRow> rows = g.rows();
        ClaimRow first = rows.get(0);
        ClaimCheck c = new ClaimCheck(claimId, dateFormat, dateFormatLabel, facts);

        if (claimId == null) {
            c.reject(first, CLAIM_ID, RejectionCode.MISSING_CLAIM_ID, "row " + first.row() + " has no claim_id");
            return new Refused(null, first.get(PAYER_ID), c.rejections());
        }
        if (!CLAIM_ID_FORM.matcher(claimId).matches()) {
            c.reject(rowsOf(rows), CLAIM_ID, RejectionCode.INVALID_CLAIM_ID, "claim_id '" + claimId
                    + "' must be 1-" + RequestIdentifiers.MAX_CLAIM_ID_LENGTH
                    + " letters, digits or . _ / - starting with a letter or digit (it travels in BHT03 and TRN02)");
        }
        for (ClaimRow r : rows) {
            if (r.defect() != null) {
                c.reject(r, null, RejectionCode.ROW_DEFECT, r.defect());
            }
        }
        if (!c.ok()) {
            return new Refused(claimId, first.get(PAYER_ID), c.rejections());
        }
        checkConsistency(c, rows);
        if (!c.ok()) {
            return new Refused(claimId, first.get(PAYER_ID), c.rejections());
        }

        // payer first: its delimiters decide which characters can be sent
        String payerId = c.required(first, PAYER_ID);
        PayerProfile profile = null;
        if (payerId != null) {
            profile = payers.find(payerId).orElse(null);
            if (profile == null) {
                c.reject(first, PAYER_ID, RejectionCode.UNKNOWN_PAYER, "no payer profile for payer_id '" + payerId
                        + "' (known: " + String.join(", ", payers.all().stream().map(PayerProfile::id).toList()) + ")");
            } else {
                c.delimiters(profile.delimiters());
            }
        }
        String payerName = c.text(first, PAYER_NAME, c.required(first, PAYER_NAME), "2010A", "NM1", 3);
        if (payerId != null) {
            c.length(first, PAYER_ID, payerId, "2010A", "NM1", 9, null);
        }

        Requester requester = requester(c, first);
        Subscriber subscriber = subscriber(c, first);
        Dependent dependent = dependent(c, first, subscriber);
        PatientEvent event = event(c, first);
        List<String> diagnoses = diagnoses(c, first);
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

        // dates against each other and against the processing date
        if (c.ok()) {
            checkDates(c, rows, subscriber, dependent, event, lines);
        }
        if (c.ok() && profile != null) {
            checkPayerRules(c, rows, profile, event, lines, attachment);
        }
        if (!c.ok()) {
            LocalDate from = lines.stream().map(ServiceLine::dateFrom).min(java.util.Comparator.naturalOrder()).orElse(null);
            LocalDate to = lines.stream().map(ServiceLine::lastDate).max(java.util.Comparator.naturalOrder()).orElse(null);
            return new Refused(claimId, payerId, c.rejections(), from, to);
        }
        RetroAuthorizationRequest request = new RetroAuthorizationRequest(claimId, new Payer(payerId, payerName),
                requester, subscriber, dependent, event, lines, diagnoses, attachment, reason, note);
        return new Accepted(request, profile);
    }

    // ---- parts ------------------------------------------------------------------------------------

    private static List<Long> rowsOf(List<ClaimRow> rows) {
        return rows.stream().map(ClaimRow::row).toList();
    }

    private static void checkConsistency(ClaimCheck c, List<ClaimRow> rows) {
        if (rows.size() < 2) {
            return;
        }
        ClaimRow first = rows.get(0);
        for (String col : CLAIM_LEVEL) {
            String v = first.get(col);
            List<Long> differing = new ArrayList<>();
            for (ClaimRow r : rows.subList(1, rows.size())) {
                if (!Objects.equals(v, r.get(col))) {
                    differing.add(r.row());
                }
            }
            if (!differing.isEmpty()) {
                List<Long> all = new ArrayList<>();
                all.add(first.row());
                all.addAll(differing);
                c.reject(all, col, RejectionCode.INCONSISTENT_CLAIM_ROWS, col + " differs between row " + first.row()
                        + " and row(s) " + join(differing) + "; every row of a claim must carry the same " + col);
            }
        }
    }

    private Requester requester(ClaimCheck c, ClaimRow r) {
        String npi = c.npi(r, REQUESTER_NPI, c.required(r, REQUESTER_NPI));
        String first = r.get(REQUESTER_FIRST_NAME);
        String name = c.text(r, REQUESTER_NAME, c.required(r, REQUESTER_NAME), "2010B", "NM1", 3);
        String firstName = c.text(r, REQUESTER_FIRST_NAME, first, "2010B", "NM1", 4);
        String taxonomy = c.matching(r, REQUESTER_TAXONOMY, upper(r.get(REQUESTER_TAXONOMY)),
                t -> TAXONOMY.matcher(t).matches(), RejectionCode.INVALID_CODE, "a NUCC taxonomy code (10 characters ending in X)");
        if (npi == null || name == null || (first != null && firstName == null)) {
            return null;
        }
        return new Requester(npi, name, firstName, taxonomy);
    }

    private Subscriber subscriber(ClaimCheck c, ClaimRow r) {
        String memberId = c.text(r, MEMBER_ID, c.required(r, MEMBER_ID), "2010C", "NM1", 9);
        String last = c.text(r, SUBSCRIBER_LAST_NAME, c.required(r, SUBSCRIBER_LAST_NAME), "2010C", "NM1", 3);
        String first = c.text(r, SUBSCRIBER_FIRST_NAME, c.required(r, SUBSCRIBER_FIRST_NAME), "2010C", "NM1", 4);
        LocalDate dob = c.date(r, SUBSCRIBER_DOB, c.required(r, SUBSCRIBER_DOB));
        Gender gender = gender(c, r, SUBSCRIBER_GENDER, c.required(r, SUBSCRIBER_GENDER));
        if (memberId == null || last == null || first == null || dob == null || gender == null) {
            return null;
        }
        return new Subscriber(memberId, new PersonName(last, first), dob, gender);
    }

    private Gender gender(ClaimCheck c, ClaimRow r, String column, String value) {
        String g = c.x12Code(r, column, value, "2010C", "DMG", 3, null, "a gender code");
        return g == null ? null : Gender.valueOf(g);
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
        Set<String> codes = new TreeSet<>(facts.codes("2010D", "INS", 2, null));
        codes.remove(SELF);
        String relationship = c.code(r, PATIENT_RELATIONSHIP, rel, codes, "an individual relationship code for a dependent");
        String last = c.text(r, PATIENT_LAST_NAME, c.required(r, PATIENT_LAST_NAME), "2010D", "NM1", 3);
        String first = c.text(r, PATIENT_FIRST_NAME, c.required(r, PATIENT_FIRST_NAME), "2010D", "NM1", 4);
        LocalDate dob = c.date(r, PATIENT_DOB, c.required(r, PATIENT_DOB));
        String g = c.x12Code(r, PATIENT_GENDER, c.required(r, PATIENT_GENDER), "2010D", "DMG", 3, null, "a gender code");
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
        Set<String> categories = new TreeSet<>(facts.codes("2000E", "UM", 1, null));
        categories.removeAll(NOT_RETRO_CATEGORIES);
        String category = c.code(r, REQUEST_CATEGORY, categoryText, categories, "a request category for a retro request");
        String certText = r.get(CERTIFICATION_TYPE) == null ? "I" : r.get(CERTIFICATION_TYPE);
        Set<String> certTypes = new TreeSet<>(facts.codes("2000E", "UM", 2, null));
        certTypes.retainAll(CERTIFICATION_TYPES);
        String cert = c.code(r, CERTIFICATION_TYPE, certText, certTypes,
                "a certification type retro278 can send (initial requests only: the others need a previous authorization number)");
        String serviceType = c.x12Code(r, SERVICE_TYPE, c.required(r, SERVICE_TYPE), "2000E", "UM", 3, null,
                "a service type code (X12 code source 1365)");
        String pos = c.x12Code(r, PLACE_OF_SERVICE, c.required(r, PLACE_OF_SERVICE), "2000E", "UM", 4, 1,
                "a CMS place-of-service code");
        String level = c.x12Code(r, LEVEL_OF_SERVICE, r.get(LEVEL_OF_SERVICE), "2000E", "UM", 6, null, "a level-of-service code");
        LocalDate admission = c.date(r, ADMISSION_DATE, r.get(ADMISSION_DATE));
        LocalDate discharge = c.date(r, DISCHARGE_DATE, r.get(DISCHARGE_DATE));
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
        Provider facility = provider(c, r, FACILITY_NPI, FACILITY_NAME, null, "2010EA");
        if (category == null || cert == null || serviceType == null || pos == null
                || (r.get(LEVEL_OF_SERVICE) != null && level == null)) {
            return null;
        }
        return new PatientEvent(RequestCategory.valueOf(category), cert, serviceType, pos, level,
                "AR".equals(category) ? admission : null, "AR".equals(category) ? discharge : null, facility);
    }

    /** A provider named by NPI and name; both or neither. */
    private Provider provider(ClaimCheck c, ClaimRow r, String npiColumn, String nameColumn, String firstNameColumn, String loop) {
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
        String npi = c.npi(r, npiColumn, npiText);
        String name = c.text(r, nameColumn, nameText, loop, "NM1", 3);
        String first = firstNameColumn == null ? null : c.text(r, firstNameColumn, firstText, loop, "NM1", 4);
        if (npi == null || name == null || (firstText != null && first == null)) {
            return null;
        }
        return new Provider(npi, name, first);
    }

    private List<String> diagnoses(ClaimCheck c, ClaimRow r) {
        String text = c.required(r, DIAGNOSIS_CODES);
        if (text == null) {
            return List.of();
        }
        Set<String> codes = new LinkedHashSet<>();
        int position = 0;
        for (String part : text.split("\\|", -1)) {
            String raw = part.trim();
            if (raw.isEmpty()) {
                continue;
            }
            position++;
            String code = raw.toUpperCase(Locale.ROOT);
            // a dot after the category (S52.501A) is a common way of writing the same code
            if (code.length() > 4 && code.charAt(3) == '.') {
                code = code.substring(0, 3) + code.substring(4);
            } else if (code.length() == 4 && code.charAt(3) == '.') {
                code = code.substring(0, 3);
            }
            if (!ICD10CM.matcher(code).matches()) {
                c.reject(r, DIAGNOSIS_CODES, RejectionCode.INVALID_DIAGNOSIS, "diagnosis code " + position
                        + " is not a well-formed ICD-10-CM code (3-7 characters: letter, digit, digit or letter, then letters or digits)");
                continue;
            }
            if (!codes.add(code)) {
                c.reject(r, DIAGNOSIS_CODES, RejectionCode.INVALID_DIAGNOSIS, "diagnosis code " + position + " is listed twice");
            }
        }
        if (codes.isEmpty()) {
            c.reject(r, DIAGNOSIS_CODES, RejectionCode.MISSING_VALUE, "diagnosis_codes holds no code");
        } else if (codes.size() > MAX_DIAGNOSES) {
            c.reject(r, DIAGNOSIS_CODES, RejectionCode.TOO_MANY, "diagnosis_codes has " + codes.size()
                    + " codes; the 278 HI segment carries at most " + MAX_DIAGNOSES);
        }
        return List.copyOf(codes);
    }

    private ServiceLine line(ClaimCheck c, ClaimRow r) {
        LocalDate from = c.date(r, SERVICE_DATE_FROM, c.required(r, SERVICE_DATE_FROM));
        LocalDate to = c.date(r, SERVICE_DATE_TO, r.get(SERVICE_DATE_TO));
        String procText = c.required(r, PROCEDURE_CODE);
        String proc = c.matching(r, PROCEDURE_CODE, upper(procText), p -> PROCEDURE.matcher(p).matches(),
                RejectionCode.INVALID_PROCEDURE, "a CPT code (5 characters: 4 digits, then a digit or F, T, U, M) or a HCPCS code (a letter A-V and 4 digits)");
        List<String> modifiers = new ArrayList<>();
        boolean modsOk = true;
        String modText = r.get(PROCEDURE_MODIFIERS);
        if (modText != null) {
            for (String m : modText.split("\\|", -1)) {
                String mod = m.trim().toUpperCase(Locale.ROOT);
                if (mod.isEmpty()) {
                    continue;
                }
                if (!MODIFIER.matcher(mod).matches()) {
                    c.reject(r, PROCEDURE_MODIFIERS, RejectionCode.INVALID_MODIFIER, "procedure modifier '" + m.trim()
                            + "' is not two letters or digits");
                    modsOk = false;
                } else {
                    modifiers.add(mod);
                }
            }
            if (modifiers.size() > MAX_MODIFIERS) {
                c.reject(r, PROCEDURE_MODIFIERS, RejectionCode.TOO_MANY, "procedure_modifiers has " + modifiers.size()
                        + " modifiers; the 278 carries at most " + MAX_MODIFIERS + " per line");
                modsOk = false;
            }
        }
        String revenue = c.matching(r, REVENUE_CODE, r.get(REVENUE_CODE), v -> REVENUE.matcher(v).matches(),
                RejectionCode.INVALID_REVENUE_CODE, "a four-digit NUBC revenue code such as 0450");
        var units = r.get(SERVICE_UNITS) == null ? java.math.BigDecimal.ONE : c.quantity(r, SERVICE_UNITS, r.get(SERVICE_UNITS));
        var charge = c.amount(r, LINE_CHARGE, r.get(LINE_CHARGE));
        Provider rendering = provider(c, r, RENDERING_NPI, RENDERING_LAST_NAME, RENDERING_FIRST_NAME, "2010F");
        boolean renderingOk = rendering != null || (r.get(RENDERING_NPI) == null && r.get(RENDERING_LAST_NAME) == null
                && r.get(RENDERING_FIRST_NAME) == null);
        if (from == null || (r.get(SERVICE_DATE_TO) != null && to == null) || proc == null || !modsOk
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
                    + String.join(", ", java.util.Arrays.stream(RetroReason.values()).map(Enum::name).toList()));
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
        String t = c.x12Code(r, ATTACHMENT_TYPE, type, "2000E", "PWK", 1, null, "an attachment report type code (PWK01)");
        if (transmission == null) {
            c.reject(r, ATTACHMENT_TRANSMISSION, RejectionCode.MISSING_VALUE, "attachment_transmission is required with attachment_type");
        }
        if (acn == null) {
            c.reject(r, ATTACHMENT_CONTROL_NUMBER, RejectionCode.MISSING_VALUE, "attachment_control_number is required with attachment_type");
        }
        String tr = c.x12Code(r, ATTACHMENT_TRANSMISSION, transmission, "2000E", "PWK", 2, null,
                "an attachment transmission code (PWK02)");
        String a = acn == null ? null : c.text(r, ATTACHMENT_CONTROL_NUMBER, acn, "2000E", "PWK", 6);
        if (t == null || tr == null || a == null) {
            return null;
        }
        return new Attachment(t, tr, a);
    }

    private void checkDates(ClaimCheck c, List<ClaimRow> rows, Subscriber subscriber, Dependent dependent,
                            PatientEvent event, List<ServiceLine> lines) {
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

    private void checkPayerRules(ClaimCheck c, List<ClaimRow> rows, PayerProfile payer, PatientEvent event,
                                 List<ServiceLine> lines, Attachment attachment) {
        ClaimRow first = rows.get(0);
        var retro = payer.retro();
        if (!retro.accepted()) {
            c.reject(rowsOf(rows), PAYER_ID, RejectionCode.RETRO_NOT_ACCEPTED, payer.name()
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
            c.reject(rowsOf(rows), startColumn, RejectionCode.RETRO_WINDOW_EXCEEDED, payer.name()
                    + " accepts retro requests up to " + retro.windowDays() + " days after service; " + startWords + " "
                    + start + " is " + days + " days before " + asOf);
        }
        if (retro.attachmentRequired() && attachment == null) {
            c.reject(first, ATTACHMENT_TYPE, RejectionCode.ATTACHMENT_REQUIRED, payer.name()
                    + " requires supporting documents with every retro request; fill attachment_type, attachment_transmission and attachment_control_number");
        }
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static String join(List<Long> rows) {
        return String.join(", ", rows.stream().map(String::valueOf).toList());
    }
}
