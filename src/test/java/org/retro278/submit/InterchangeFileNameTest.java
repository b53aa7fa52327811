package org.retro278.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.retro278.config.RuntimeSettings;

/** Interchange file names from the installation's pattern. */
class InterchangeFileNameTest {

    @Test
    void theDefaultNameCarriesThePayerAndTheNineDigitControlNumber() {
        InterchangeFileName names = new InterchangeFileName(RuntimeSettings.defaults().interchangeFileName());
        assertEquals("retro278-PAYERA-000000042.x12", names.of("PAYERA", 42));
    }

    @Test
    void aPatternOfTheInstallationsOwn() {
        assertEquals("278_000123456_ACME.edi", new InterchangeFileName("278_{isa13}_{payer}.edi").of("ACME", 123_456));
    }

    @Test
    void aPatternWithoutTheControlNumberIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InterchangeFileName("retro278-{payer}.x12"));
    }
}
