package org.retro278.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpiTest {

    @ParameterizedTest
    @ValueSource(strings = {"1234567893", "1045678905", "1987654328", "1122334455"})
    void acceptsNpisWithTheirCheckDigit(String npi) {
        assertTrue(Npi.isValid(npi));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890", "1234567894", "123456789", "12345678931", "123456789X", "", "0000000001"})
    void refusesWrongCheckDigitLengthOrCharacters(String npi) {
        assertFalse(Npi.isValid(npi));
    }
}
