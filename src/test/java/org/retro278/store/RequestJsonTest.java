package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.retro278.model.RetroAuthorizationRequest;

class RequestJsonTest {

    private final RequestJson codec = new RequestJson();

    @Test
    void aFullRequestRoundTripsExactly() {
        RetroAuthorizationRequest full = TestRequests.full("CLM-1", "PAYERA");
        RetroAuthorizationRequest back = codec.read(codec.write(full));
        assertEquals(full, back);
        // BigDecimal equality is scale-sensitive: 1.50 stays 1.50, 310.5 stays 310.5
        assertEquals(new BigDecimal("1.50"), back.services().get(1).units());
        assertEquals(1, back.services().get(1).charge().scale());
        assertTrue(back.services().get(0).isInstitutional());
        assertFalse(back.services().get(1).isInstitutional());
    }

    @Test
    void aRequestWithEveryOptionalPartAbsentRoundTrips() {
        RetroAuthorizationRequest simple = TestRequests.simple("CLM-2", "PAYERB", LocalDate.of(2026, 11, 1));
        RetroAuthorizationRequest back = codec.read(codec.write(simple));
        assertEquals(simple, back);
        assertNull(back.dependent());
        assertNull(back.attachment());
        assertNull(back.retroNote());
        assertNull(back.event().facility());
        assertNull(back.services().get(0).charge());
        assertTrue(back.services().get(0).modifiers().isEmpty());
    }

    @Test
    void datesAreIsoStringsAndDerivedAccessorsAreNotWritten() {
        String json = codec.write(TestRequests.full("CLM-3", "PAYERA"));
        assertTrue(json.contains("\"birthDate\":\"1981-02-28\""), json);
        assertTrue(json.contains("\"units\":\"1.50\""), json);
        assertFalse(json.contains("\"person\""), json);
        assertFalse(json.contains("\"institutional\""), json);
        assertFalse(json.contains("earliestServiceDate"), json);
        assertFalse(json.contains("null"), "absent parts are left out: " + json);
    }

    @Test
    void unknownNamesFromANewerVersionAreIgnored() {
        String json = codec.write(TestRequests.simple("CLM-4", "PAYERB", LocalDate.of(2026, 11, 1)));
        String newer = "{\"addedLater\":{\"x\":1}," + json.substring(1);
        assertEquals(codec.read(json), codec.read(newer));
    }

    @Test
    void aBadDocumentNamesThePathButNeverTheValue() {
        String json = codec.write(TestRequests.full("CLM-5", "PAYERA")).replace("1981-02-28", "1981-02-30");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.read(json));
        assertTrue(e.getMessage().contains("$.subscriber.birthDate"), e.getMessage());
        assertFalse(e.getMessage().contains("1981"), e.getMessage());
        assertNull(e.getCause());

        String missing = codec.write(TestRequests.full("CLM-6", "PAYERA")).replace("\"memberId\":\"W123456789\",", "");
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> codec.read(missing));
        assertFalse(e2.getMessage().contains("Fictional"), e2.getMessage());

        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class, () -> codec.read("{\"claimId\": W123"));
        assertFalse(e3.getMessage().contains("W123"), e3.getMessage());
    }
}
