package org.retro278.x12.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code lists the input rules read, as the request schema defines them. */
class X217CodeListsTest {

    private final X217CodeLists lists = Fixtures.VALIDATOR.codeLists();

    @Test
    void requestCategoryAndCertificationType() {
        assertEquals(Set.of("AR", "HS", "SC", "IN"), lists.codes("2000E", "UM", 1, null));
        assertEquals(Set.of("I", "R", "S", "4", "3", "1", "2"), lists.codes("2000E", "UM", 2, null));
        assertEquals(Set.of("03", "E", "U"), lists.codes("2000E", "UM", 6, null));
    }

    @Test
    void serviceTypesAndFacilityCodes() {
        Set<String> serviceTypes = lists.codes("2000E", "UM", 3, null);
        assertTrue(serviceTypes.containsAll(Set.of("1", "2", "3", "42", "48", "56", "86", "A4", "UC")), serviceTypes::toString);
        assertEquals(Set.of("A", "B"), lists.codes("2000E", "UM", 4, 2));

        Set<String> facility = lists.codes("2000E", "UM", 4, 1);
        Set<String> places = lists.placeOfServiceCodes();
        Set<String> nubc = lists.facilityTypeCodes();
        assertTrue(places.containsAll(Set.of("11", "12", "21", "22", "23", "41", "99")), places::toString);
        assertTrue(nubc.contains("73") && !places.contains("73"), "NUBC-only code stays out of the places");
        assertTrue(facility.containsAll(places) && facility.containsAll(nubc));
    }

    @Test
    void attachmentsAndRelationships() {
        assertTrue(lists.codes("2000E", "PWK", 1, null).containsAll(Set.of("M1", "OZ", "PY", "DS")));
        // the notes give examples, not the guide's lists: PWK01 and PWK02 take the whole 005010 element lists
        assertEquals(Set.of("AA", "AB", "AD", "AF", "AG", "BM", "EL", "EM", "FT", "FX", "NS", "OL", "VO"),
                lists.codes("2000E", "PWK", 2, null));
        assertTrue(lists.codes("2000E", "PWK", 1, null).containsAll(Set.of("77", "AS", "XP", "03")));
        Set<String> relationships = lists.codes("2010D", "INS", 2, null);
        assertTrue(relationships.containsAll(Set.of("01", "19", "G8")) && !relationships.contains("18"));
        assertEquals(Set.of("18"), lists.codes("2010C", "INS", 2, null));
        assertEquals(Set.of("F", "M", "U"), lists.codes("2010C", "DMG", 3, null));
    }

    @Test
    void qualifiersPerLoop() {
        assertEquals(Set.of("472"), lists.codes("2000F", "DTP", 1, null));
        assertTrue(lists.codes("2000E", "DTP", 1, null).containsAll(Set.of("AAH", "435", "096")));
        assertEquals(Set.of("ABF", "ABJ", "ABK", "ABN", "BF", "BJ", "BK", "BN"), lists.codes("2000E", "HI", 1, 1));
        assertEquals(Set.of("13"), lists.codes(X217CodeLists.HEADER, "BHT", 2, null));
        assertEquals(Set.of("EV"), lists.codes("2000E", "HL", 3, null));
        assertEquals(Set.of("MI"), lists.codes("2010C", "NM1", 8, null));
    }

    @Test
    void lengthsTheRequestCanCarry() {
        assertEquals(60, lists.maxLength("2010C", "NM1", 3));
        assertEquals(35, lists.maxLength("2010D", "NM1", 4));
        assertEquals(264, lists.maxLength("2000E", "MSG", 1));
        assertEquals(48, lists.maxLength("2000F", "SV1", 1, 2));
        assertEquals(10, lists.minLength("2000E", "TRN", 3, null));
        assertTrue(lists.required("2010C", "NM1", 9, null));
        assertFalse(lists.required("2000E", "UM", 3, null));
    }

    @Test
    void freeElementsHaveNoList() {
        assertTrue(lists.codes("2010C", "NM1", 3, null).isEmpty());
        assertEquals("", lists.codesWithNames("2000E", "UM", 6, null).getOrDefault("X", ""));
        assertTrue(lists.codesWithNames("2000E", "UM", 4, 1).get("11").contains("place of service"));
    }

    @Test
    void whatTheGuideDoesNotUseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> lists.codes("2010D", "NM1", 8, null));
        assertThrows(IllegalArgumentException.class, () -> lists.codes("2000X", "UM", 1, null));
        assertThrows(IllegalArgumentException.class, () -> lists.codes("2000A", "UM", 1, null));
        assertThrows(IllegalArgumentException.class, () -> lists.codes("2000E", "UM", 4, null));
        assertThrows(IllegalArgumentException.class, () -> lists.codes("2000E", "UM", 1, 1));
    }

    @Test
    void dateFormatsPerQualifierAreTheMarksOfTheDtp01Titles() {
        Map<String, Set<String>> event = lists.dateFormats("2000E");
        assertEquals(Set.of("D8"), event.get("435"));
        assertEquals(Set.of("D8", "RD8"), event.get("AAH"));
        assertEquals(Map.of("472", Set.of("D8", "RD8")), lists.dateFormats("2000F"));
        assertEquals(Set.of("D8"), Fixtures.VALIDATOR.responseCodeLists().dateFormats("2000E").get("007"));
        assertTrue(lists.dateFormats("2010A").isEmpty(), "a loop without DTP has no date formats");
    }
}
