package org.retro278.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The credential the management port asks for when one is configured ({@code retro278.management.tokenEnv}):
 * {@code Authorization: Bearer <token>}, and what an operator types to log in to the console. Compared in constant
 * time (as SHA-256 digests, so neither content nor length leaks through timing); the token itself is kept only as its
 * digest and never logged.
 */
final class BearerToken {

    /** Shorter tokens are refused at start: a guessable credential is worse than a plain loopback-only port. */
    static final int MIN_LENGTH = 16;

    private final byte[] digest;

    private BearerToken(byte[] digest) {
        this.digest = digest;
    }

    /**
     * @throws IllegalArgumentException when the token is shorter than {@value #MIN_LENGTH} characters or holds
     *                                  spaces or control characters (it could not travel in a header)
     */
    static BearerToken of(String token) {
        if (token == null || token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the token must have at least " + MIN_LENGTH + " characters");
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("the token must be printable ASCII without spaces");
        }
        return new BearerToken(sha256(token));
    }

    /** Whether an {@code Authorization} header value carries this token ({@code null}: no header). */
    boolean admits(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(7).trim()));
    }

    /** Whether a value typed in (the console's login) is this token. */
    boolean matches(String value) {
        return value != null && MessageDigest.isEqual(digest, sha256(value.trim()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
