package org.retro278.rules;

import static java.util.Map.entry;

import java.util.List;
import java.util.Map;

/**
 * The canonical column names of a claim row (those of the default layout, docs: claims-csv.md), which of
 * them belong to the claim as a whole (those must agree across the rows of a claim), and where in the 278
 * each value travels: the one table the rules and their rejection messages take an element's address from.
 */
public final class Columns {
    public static final String CLAIM_ID = "claim_id";
    public static final String PAYER_ID = "payer_id";
    public static final String PAYER_NAME = "payer_name";
    public static final String REQUESTER_NPI = "requester_npi";
    public static final String REQUESTER_NAME = "requester_name";
    public static final String REQUESTER_FIRST_NAME = "requester_first_name";
    public static final String REQUESTER_TAXONOMY = "requester_taxonomy";
    public static final String MEMBER_ID = "member_id";
    public static final String SUBSCRIBER_LAST_NAME = "subscriber_last_name";
    public static final String SUBSCRIBER_FIRST_NAME = "subscriber_first_name";
    public static final String SUBSCRIBER_DOB = "subscriber_dob";
    public static final String SUBSCRIBER_GENDER = "subscriber_gender";
    public static final String PATIENT_RELATIONSHIP = "patient_relationship";
    public static final String PATIENT_LAST_NAME = "patient_last_name";
    public static final String PATIENT_FIRST_NAME = "patient_first_name";
    public static final String PATIENT_DOB = "patient_dob";
    public static final String PATIENT_GENDER = "patient_gender";
    public static final String REQUEST_CATEGORY = "request_category";
    public static final String CERTIFICATION_TYPE = "certification_type";
    public static final String SERVICE_TYPE = "service_type";
    public static final String PLACE_OF_SERVICE = "place_of_service";
    public static final String LEVEL_OF_SERVICE = "level_of_service";
    public static final String ADMISSION_DATE = "admission_date";
    public static final String DISCHARGE_DATE = "discharge_date";
    public static final String SERVICE_DATE_FROM = "service_date_from";
    public static final String SERVICE_DATE_TO = "service_date_to";
    public static final String DIAGNOSIS_CODES = "diagnosis_codes";
    public static final String PROCEDURE_CODE = "procedure_code";
    public static final String PROCEDURE_MODIFIERS = "procedure_modifiers";
    public static final String REVENUE_CODE = "revenue_code";
    public static final String SERVICE_UNITS = "service_units";
    public static final String LINE_CHARGE = "line_charge";
    public static final String RENDERING_NPI = "rendering_npi";
    public static final String RENDERING_LAST_NAME = "rendering_last_name";
    public static final String RENDERING_FIRST_NAME = "rendering_first_name";
    public static final String FACILITY_NPI = "facility_npi";
    public static final String FACILITY_NAME = "facility_name";
    public static final String RETRO_REASON = "retro_reason";
    public static final String RETRO_NOTE = "retro_note";
    public static final String ATTACHMENT_TYPE = "attachment_type";
    public static final String ATTACHMENT_TRANSMISSION = "attachment_transmission";
    public static final String ATTACHMENT_CONTROL_NUMBER = "attachment_control_number";

    /** Columns that describe the claim, not a line: every row of a claim must carry the same value. */
    public static final List<String> CLAIM_LEVEL = List.of(PAYER_ID, PAYER_NAME, REQUESTER_NPI, REQUESTER_NAME,
            REQUESTER_FIRST_NAME, REQUESTER_TAXONOMY, MEMBER_ID, SUBSCRIBER_LAST_NAME, SUBSCRIBER_FIRST_NAME,
            SUBSCRIBER_DOB, SUBSCRIBER_GENDER, PATIENT_RELATIONSHIP, PATIENT_LAST_NAME, PATIENT_FIRST_NAME,
            PATIENT_DOB, PATIENT_GENDER, REQUEST_CATEGORY, CERTIFICATION_TYPE, SERVICE_TYPE, PLACE_OF_SERVICE,
            LEVEL_OF_SERVICE, ADMISSION_DATE, DISCHARGE_DATE, DIAGNOSIS_CODES, FACILITY_NPI, FACILITY_NAME,
            RETRO_REASON, RETRO_NOTE, ATTACHMENT_TYPE, ATTACHMENT_TRANSMISSION, ATTACHMENT_CONTROL_NUMBER);

    /**
     * The element each column fills, for the columns carried in exactly one element. Dates (DTP by
     * qualifier), diagnoses, procedures, amounts and the retro note are placed by the writer, not here.
     */
    private static final Map<String, X12Address> ADDRESSES = Map.ofEntries(
            entry(PAYER_NAME, new X12Address("2010A", "NM1", 3)),
            entry(PAYER_ID, new X12Address("2010A", "NM1", 9)),
            entry(REQUESTER_NAME, new X12Address("2010B", "NM1", 3)),
            entry(REQUESTER_FIRST_NAME, new X12Address("2010B", "NM1", 4)),
            entry(REQUESTER_NPI, new X12Address("2010B", "NM1", 9)),
            entry(SUBSCRIBER_LAST_NAME, new X12Address("2010C", "NM1", 3)),
            entry(SUBSCRIBER_FIRST_NAME, new X12Address("2010C", "NM1", 4)),
            entry(MEMBER_ID, new X12Address("2010C", "NM1", 9)),
            entry(SUBSCRIBER_DOB, new X12Address("2010C", "DMG", 2)),
            entry(SUBSCRIBER_GENDER, new X12Address("2010C", "DMG", 3)),
            entry(PATIENT_RELATIONSHIP, new X12Address("2010D", "INS", 2)),
            entry(PATIENT_LAST_NAME, new X12Address("2010D", "NM1", 3)),
            entry(PATIENT_FIRST_NAME, new X12Address("2010D", "NM1", 4)),
            entry(PATIENT_DOB, new X12Address("2010D", "DMG", 2)),
            entry(PATIENT_GENDER, new X12Address("2010D", "DMG", 3)),
            entry(REQUEST_CATEGORY, new X12Address("2000E", "UM", 1)),
            entry(CERTIFICATION_TYPE, new X12Address("2000E", "UM", 2)),
            entry(SERVICE_TYPE, new X12Address("2000E", "UM", 3)),
            entry(PLACE_OF_SERVICE, new X12Address("2000E", "UM", 4, 1)),
            entry(LEVEL_OF_SERVICE, new X12Address("2000E", "UM", 6)),
            entry(FACILITY_NAME, new X12Address("2010EA", "NM1", 3)),
            entry(FACILITY_NPI, new X12Address("2010EA", "NM1", 9)),
            entry(RENDERING_LAST_NAME, new X12Address("2010F", "NM1", 3)),
            entry(RENDERING_FIRST_NAME, new X12Address("2010F", "NM1", 4)),
            entry(RENDERING_NPI, new X12Address("2010F", "NM1", 9)),
            entry(ATTACHMENT_TYPE, new X12Address("2000E", "PWK", 1)),
            entry(ATTACHMENT_TRANSMISSION, new X12Address("2000E", "PWK", 2)),
            entry(ATTACHMENT_CONTROL_NUMBER, new X12Address("2000E", "PWK", 6)));

    /**
     * The element a column's value travels in.
     *
     * @throws IllegalArgumentException for a column not carried in exactly one element
     */
    public static X12Address address(String column) {
        X12Address a = ADDRESSES.get(column);
        if (a == null) {
            throw new IllegalArgumentException("column " + column + " has no single X12 address");
        }
        return a;
    }

    private Columns() {
    }
}
