package org.retro278.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.retro278.build.X12Checks;

/** The column table's X12 addresses name elements the request guide really has. */
class ColumnsTest {

    @Test
    void everyAddressIsAnElementOfTheRequestGuide() {
        X217Facts facts = X12Checks.facts();
        for (String column : List.of(Columns.PAYER_NAME, Columns.PAYER_ID, Columns.REQUESTER_NAME,
                Columns.REQUESTER_FIRST_NAME, Columns.REQUESTER_NPI, Columns.MEMBER_ID, Columns.SUBSCRIBER_LAST_NAME,
                Columns.SUBSCRIBER_FIRST_NAME, Columns.SUBSCRIBER_DOB, Columns.SUBSCRIBER_GENDER,
                Columns.PATIENT_RELATIONSHIP, Columns.PATIENT_LAST_NAME, Columns.PATIENT_FIRST_NAME, Columns.PATIENT_DOB,
                Columns.PATIENT_GENDER, Columns.REQUEST_CATEGORY, Columns.CERTIFICATION_TYPE, Columns.SERVICE_TYPE,
                Columns.PLACE_OF_SERVICE, Columns.LEVEL_OF_SERVICE, Columns.FACILITY_NAME, Columns.FACILITY_NPI,
                Columns.RENDERING_LAST_NAME, Columns.RENDERING_FIRST_NAME, Columns.RENDERING_NPI,
                Columns.ATTACHMENT_TYPE, Columns.ATTACHMENT_TRANSMISSION, Columns.ATTACHMENT_CONTROL_NUMBER)) {
            assertTrue(facts.maxLength(Columns.address(column)) > 0, column);
        }
    }

    @Test
    void addressesReadAsTheGuideNamesThem() {
        assertEquals("2010C NM109", Columns.address(Columns.MEMBER_ID).label());
        assertEquals("2000E UM04-1", Columns.address(Columns.PLACE_OF_SERVICE).label());
    }

    @Test
    void aColumnCarriedInSeveralElementsHasNoSingleAddress() {
        assertThrows(IllegalArgumentException.class, () -> Columns.address(Columns.SERVICE_DATE_FROM));
    }
}
