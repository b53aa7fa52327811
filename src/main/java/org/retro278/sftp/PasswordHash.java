package org.retro278.sftp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password kept only as a salted, slow hash, so that a configuration file may hold it the way
 * {@code /etc/shadow} does: PBKDF2 with HMAC-SHA-256 (the JDK's {@code PBKDF2WithHmacSHA256}),
 * {@value #DEFAULT_ITERATIONS} iterations by default (OWASP's figure for this function), a 16-byte random
 * salt, a 32-byte result.
 *
 * <p>Text form, as {@code retro278 password-hash} prints it and a partner file's
 * {@code sftp.account.passwordHash} holds it:
 * <pre>pbkdf2-sha256$ITERATIONS$SALT$HASH</pre> with SALT and HASH in unpadded base64. The text form
 * never contains the password; {@link #toString()} hides even the hash.
 */
public final class PasswordHash {

    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Fewer iterations than this are refused when read: such a hash is too cheap to guess at. */
    public static final int MINIMUM_ITERATIONS = 100_000;
    public static final String SCHEME = "pbkdf2-sha256";

    private static final Pattern TEXT = Pattern.compile(
            Pattern.quote(SCHEME) + "\\$([0-9]{1,9})\\$([A-Za-z0-9+/]{16,88})\\$([A-Za-z0-9+/]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes {@code password} with a fresh salt; the caller may clear the array afterwards. */
    public static PasswordHash of(char[] password) {
        return of(password, DEFAULT_ITERATIONS);
    }

    static PasswordHash of(char[] password, int iterations) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("an empty password is not a password");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /**
     * Reads the text form.
     *
     * @throws IllegalArgumentException naming what is wrong (never echoing the text, which may be a
     *                                  password pasted by mistake)
     */
    public static PasswordHash parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a password hash of the form " + SCHEME + "$ITERATIONS$SALT$HASH"
                    + " (make one with: retro278 password-hash)");
        }
        int iterations = Integer.parseInt(m.group(1));
        if (iterations < MINIMUM_ITERATIONS) {
            throw new IllegalArgumentException("a password hash of " + iterations + " iterations is too weak (at least "
                    + MINIMUM_ITERATIONS + "; make a new one with: retro278 password-hash)");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        return new PasswordHash(iterations, b64.decode(m.group(2)), b64.decode(m.group(3)));
    }

    /** Whether {@code offered} is the password, compared in constant time. */
    public boolean matches(String offered) {
        if (offered == null || offered.isEmpty()) {
            return false;
        }
        char[] chars = offered.toCharArray();
        try {
            return MessageDigest.isEqual(hash, derive(chars, salt, iterations));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** The text form: {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}. */
    public String text() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    public int iterations() {
        return iterations;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        // the JDK's PBKDF2 hashes the UTF-8 bytes of the characters, as other PBKDF2 tools do
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[" + SCHEME + ", " + iterations + " iterations]";
    }
}
