package org.retro278.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColumnNamesTest {

    @Test
    void caseSpacesAndPunctuationDoNotMatter() {
        assertEquals("claim_id", ColumnNames.normalise("CLAIM_ID"));
        assertEquals("claim_id", ColumnNames.normalise("Claim ID"));
        assertEquals("claim_id", ColumnNames.normalise(" claim-id "));
        assertEquals("encounter_no", ColumnNames.normalise("Encounter No."));
        assertEquals("dos_from", ColumnNames.normalise("DOS  From"));
        assertEquals("cpt_hcpcs", ColumnNames.normalise("CPT/HCPCS"));
    }

    @Test
    void signsAreSeparatorsSoMemberHashIsMember() {
        assertEquals("member", ColumnNames.normalise("Member #"));
        assertEquals("member", ColumnNames.normalise("#Member"));
    }

    @Test
    void accentsAreDroppedAndALeadingDigitGetsAnUnderscore() {
        assertEquals("codigo_postal", ColumnNames.normalise("Código Postal"));
        assertEquals("_2nd_dx", ColumnNames.normalise("2nd Dx"));
    }

    @Test
    void aHeaderWithoutLetterOrDigitIsNamedAfterItsPosition() {
        assertEquals("column_7", ColumnNames.normalise("  ", 7));
        assertEquals("column_3", ColumnNames.normalise("#", 3));
        assertEquals("payer", ColumnNames.normalise("Payer", 3));
    }
}
