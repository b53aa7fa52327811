package org.retro278.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The management port's credential: the configured token in an Authorization header, nothing else. */
class BearerTokenTest {

    private static final String TOKEN = "s3cret-management-token";

    @Test
    void theTokenAfterBearerIsAdmitted() {
        BearerToken t = BearerToken.of(TOKEN);
        assertTrue(t.admits("Bearer " + TOKEN));
        assertTrue(t.admits("bearer " + TOKEN), "the scheme is case-insensitive (RFC 7235)");
        assertTrue(t.admits("Bearer  " + TOKEN + " "), "spaces around the token");
    }

    @Test
    void anythingElseIsRefused() {
        BearerToken t = BearerToken.of(TOKEN);
        assertFalse(t.admits(null), "no header");
        assertFalse(t.admits(""));
        assertFalse(t.admits("Bearer"));
        assertFalse(t.admits("Bearer "));
        assertFalse(t.admits(TOKEN), "no scheme");
        assertFalse(t.admits("Basic " + TOKEN), "another scheme");
        assertFalse(t.admits("Bearer " + TOKEN + "x"), "longer");
        assertFalse(t.admits("Bearer " + TOKEN.substring(1)), "shorter");
        assertFalse(t.admits("Bearer " + TOKEN.toUpperCase()), "the token itself is case-sensitive");
    }

    @Test
    void aWeakOrMalformedTokenIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> BearerToken.of(null));
        assertThrows(IllegalArgumentException.class, () -> BearerToken.of("short"));
        assertThrows(IllegalArgumentException.class, () -> BearerToken.of("a token with spaces in it"));
        assertThrows(IllegalArgumentException.class, () -> BearerToken.of("line-break-in-token\nxx"));
        BearerToken.of("x".repeat(BearerToken.MIN_LENGTH));
    }
}
