package org.retro278.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RequireTest {

    @Test
    void aNullPartIsRefusedByItsName() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> new PersonName("DOE", null));
        assertEquals("first", e.getMessage());
        assertEquals("last", assertThrows(NullPointerException.class, () -> Require.nonNull("last first", null, null))
                .getMessage());
    }

    @Test
    void everyPartPresentPasses() {
        assertDoesNotThrow(() -> Require.nonNull("id name", "P1", "Payer One"));
    }

    @Test
    void namesThatDoNotMatchTheValuesAreADefectOfTheCaller() {
        assertThrows(IllegalArgumentException.class, () -> Require.nonNull("id name", "P1"));
    }
}
