package org.retro278.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void theTextFormReadsBackAndMatchesOnlyThePassword() {
        PasswordHash h = PasswordHash.of("pässword 1".toCharArray(), PasswordHash.MINIMUM_ITERATIONS);
        String text = h.text();
        assertTrue(text.matches("pbkdf2-sha256\\$100000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), text);
        PasswordHash read = PasswordHash.parse(text);
        assertTrue(read.matches("pässword 1"));
        assertFalse(read.matches("pässword 2"));
        assertFalse(read.matches("password 1"), "UTF-8 bytes, not Latin-1 folding");
        assertFalse(read.matches(""));
        assertFalse(read.matches(null));
        assertEquals(text, read.text());
    }

    @Test
    void eachHashHasItsOwnSaltAndHidesItself() {
        PasswordHash a = PasswordHash.of("same".toCharArray(), PasswordHash.MINIMUM_ITERATIONS);
        PasswordHash b = PasswordHash.of("same".toCharArray(), PasswordHash.MINIMUM_ITERATIONS);
        assertNotEquals(a.text(), b.text());
        assertFalse(a.text().contains("same"));
        assertFalse(a.toString().contains(a.text().substring(a.text().lastIndexOf('$') + 1)), a.toString());
    }

    @Test
    void theDefaultIsOwaspsIterationCount() {
        PasswordHash h = PasswordHash.of("x".toCharArray());
        assertEquals(600_000, h.iterations());
        assertTrue(h.text().startsWith("pbkdf2-sha256$600000$"));
    }

    @Test
    void malformedOrWeakHashesAreRefusedWithoutEchoingThem() {
        for (String bad : new String[] {"", "hunter2", "pbkdf2-sha256$600000$short$short", "sha256$600000$"
                + "A".repeat(22) + "$" + "A".repeat(43)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(bad));
            assertTrue(e.getMessage().contains("retro278 password-hash"), e.getMessage());
            assertFalse(!bad.isEmpty() && e.getMessage().contains(bad), e.getMessage());
        }
        IllegalArgumentException weak = assertThrows(IllegalArgumentException.class,
                () -> PasswordHash.parse("pbkdf2-sha256$99999$" + "A".repeat(22) + "$" + "A".repeat(43)));
        assertTrue(weak.getMessage().contains("too weak"), weak.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.of(new char[0]));
    }
}
