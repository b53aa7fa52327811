package org.retro278.sftp.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.retro278.sftp.AuthorizedKeys;
import org.retro278.sftp.PasswordHash;

/**
 * One login of the embedded SFTP server: a name (also the name of its home folder) and how it may
 * authenticate — authorized public keys (RSA, ECDSA or Ed25519), a password, or both — plus the
 * adapter's own key for this account, which is accepted only from a connection that starts on this
 * machine. Immutable; the password is kept only as a {@link PasswordHash}.
 */
public final class SftpAccount {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,31}");

    private final String name;
    private final List<PublicKey> authorizedKeys;
    private final List<PublicKey> adapterKeys;
    private final PasswordHash password;

    private SftpAccount(String name, List<PublicKey> authorizedKeys, List<PublicKey> adapterKeys, PasswordHash password) {
        this.name = name;
        this.authorizedKeys = List.copyOf(authorizedKeys);
        this.adapterKeys = List.copyOf(adapterKeys);
        this.password = password;
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
        return new SftpAccount(name, List.of(), List.of(), null);
    }

    /** This account, also accepting {@code key}. */
    public SftpAccount withAuthorizedKey(PublicKey key) {
        List<PublicKey> keys = new ArrayList<>(authorizedKeys);
        keys.add(Objects.requireNonNull(key, "key"));
        return new SftpAccount(name, keys, adapterKeys, password);
    }

    /**
     * This account, also accepting {@code key} when the connection comes from this machine (a loopback
     * or local interface address): the adapter's own key pair for this one account. A copy of the
     * private key taken elsewhere opens nothing from another machine, and it opens no other account.
     */
    public SftpAccount withAdapterKey(PublicKey key) {
        List<PublicKey> keys = new ArrayList<>(adapterKeys);
        keys.add(Objects.requireNonNull(key, "key"));
        return new SftpAccount(name, authorizedKeys, keys, password);
    }

    /** This account, also accepting every key of an OpenSSH {@code authorized_keys} file (options are ignored). */
    public SftpAccount withAuthorizedKeysFile(Path authorizedKeys) throws IOException {
        List<PublicKey> keys = new ArrayList<>(this.authorizedKeys);
        keys.addAll(AuthorizedKeys.read(authorizedKeys));
        return new SftpAccount(name, keys, adapterKeys, password);
    }

    /**
     * This account, accepting {@code password} (replacing any earlier one). The caller may clear the
     * array afterwards; only a slow salted hash is kept ({@link PasswordHash}).
     */
    public SftpAccount withPassword(char[] password) {
        return withPasswordHash(PasswordHash.of(password));
    }

    /** This account, accepting the password whose hash this is (replacing any earlier one). */
    public SftpAccount withPasswordHash(PasswordHash hash) {
        return new SftpAccount(name, authorizedKeys, adapterKeys, Objects.requireNonNull(hash, "hash"));
    }

    public String name() {
        return name;
    }

    public List<PublicKey> authorizedKeys() {
        return authorizedKeys;
    }

    public boolean hasPassword() {
        return password != null;
    }

    /** Whether {@code offered} opens this account; {@code fromThisMachine}: the client's address is local. */
    boolean acceptsKey(PublicKey offered, boolean fromThisMachine) {
        return contains(authorizedKeys, offered) || fromThisMachine && contains(adapterKeys, offered);
    }

    private static boolean contains(List<PublicKey> keys, PublicKey offered) {
        for (PublicKey k : keys) {
            if (KeyUtils.compareKeys(k, offered)) {
                return true;
            }
        }
        return false;
    }

    boolean acceptsPassword(String offered) {
        return password != null && password.matches(offered);
    }

    @Override
    public String toString() {
        return "SftpAccount[" + name + ", keys=" + authorizedKeys.size() + ", adapter keys=" + adapterKeys.size() + ", password=" + (hasPassword() ? "yes" : "no") + "]";
    }
}
