package org.retro278.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * One login of the embedded SFTP server: a name (also the name of its home folder) and how it may
 * authenticate — authorized public keys, a password, or both. Immutable; the password is kept only as
 * a salted SHA-256 hash.
 */
public final class SftpAccount {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,31}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final List<PublicKey> authorizedKeys;
    private final byte[] salt;
    private final byte[] passwordHash;

    private SftpAccount(String name, List<PublicKey> authorizedKeys, byte[] salt, byte[] passwordHash) {
        this.name = name;
        this.authorizedKeys = List.copyOf(authorizedKeys);
        this.salt = salt;
        this.passwordHash = passwordHash;
    }

    /**
     * An account that cannot log in yet; add keys or a password.
     *
     * @param name letters, digits, {@code . _ -}, at most 32, not starting with a dot or dash
     */
    public static SftpAccount named(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid SFTP account name: '" + name + "'"
                    + " (letters, digits, . _ -, at most 32, not starting with . or -)");
        }
        return new SftpAccount(name, List.of(), null, null);
    }

    /** This account, also accepting {@code key}. */
    public SftpAccount withAuthorizedKey(PublicKey key) {
        List<PublicKey> keys = new ArrayList<>(authorizedKeys);
        keys.add(java.util.Objects.requireNonNull(key, "key"));
        return new SftpAccount(name, keys, salt, passwordHash);
    }

    /** This account, also accepting every key of an OpenSSH {@code authorized_keys} file (options are ignored). */
    public SftpAccount withAuthorizedKeysFile(Path authorizedKeys) throws IOException {
        List<PublicKey> keys = new ArrayList<>(this.authorizedKeys);
        try {
            for (AuthorizedKeyEntry e : AuthorizedKeyEntry.readAuthorizedKeys(authorizedKeys)) {
                keys.add(e.resolvePublicKey(null, java.util.Map.of(), PublicKeyEntryResolver.FAILING));
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(authorizedKeys + ": unsupported key", e);
        }
        return new SftpAccount(name, keys, salt, passwordHash);
    }

    /**
     * This account, accepting {@code password} (replacing any earlier one). The caller may clear the
     * array afterwards; only a salted hash is kept.
     */
    public SftpAccount withPassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("an empty password is not a password");
        }
        byte[] s = new byte[16];
        RANDOM.nextBytes(s);
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] utf8 = new byte[encoded.remaining()];
        encoded.get(utf8);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        try {
            return new SftpAccount(name, authorizedKeys, s, hash(s, utf8));
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    public String name() {
        return name;
    }

    public List<PublicKey> authorizedKeys() {
        return authorizedKeys;
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    boolean acceptsKey(PublicKey offered) {
        for (PublicKey k : authorizedKeys) {
            if (KeyUtils.compareKeys(k, offered)) {
                return true;
            }
        }
        return false;
    }

    boolean acceptsPassword(String offered) {
        if (passwordHash == null || offered == null) {
            return false;
        }
        return MessageDigest.isEqual(passwordHash, hash(salt, offered.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hash(byte[] salt, byte[] password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(password);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "SftpAccount[" + name + ", keys=" + authorizedKeys.size() + ", password=" + (hasPassword() ? "yes" : "no") + "]";
    }
}
