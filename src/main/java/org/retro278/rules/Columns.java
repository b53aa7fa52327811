package org.retro278.rules;

import java.util.List;

/**
 * The canonical column names of a claim row (those of the default layout, docs: claims-csv.md), and
 * which of them belong to the claim as a whole: those must agree across the rows of a claim.
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

    private Columns() {
    }
}
