package org.retro278.sftp;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Reads an OpenSSH {@code authorized_keys} file: one public key per line ({@code ssh-ed25519},
 * {@code ecdsa-sha2-nistp256/384/521} or {@code ssh-rsa}), blank lines and {@code #} comments allowed;
 * options before the key type are read and ignored (the embedded server offers SFTP only).
 */
public final class AuthorizedKeys {

    private AuthorizedKeys() {
    }

    /**
     * Every key of the file.
     *
     * @throws IOException when the file cannot be read, holds no key, or holds a key of a type this
     *                     runtime cannot check (the message names the file and the line's key type)
     */
    public static List<PublicKey> read(Path file) throws IOException {
        List<PublicKey> keys = new ArrayList<>();
        List<AuthorizedKeyEntry> entries;
        try {
            entries = AuthorizedKeyEntry.readAuthorizedKeys(file);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not an authorized_keys file (" + e.getMessage() + ")", e);
        }
        int n = 0;
        for (AuthorizedKeyEntry e : entries) {
            n++;
            try {
                PublicKey key = e.resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
                if (key == null) {
                    throw new GeneralSecurityException("unknown key type");
                }
                keys.add(key);
            } catch (GeneralSecurityException | RuntimeException ex) {
                throw new IOException(file + ": key " + n + " (" + e.getKeyType() + ") cannot be used: " + ex.getMessage(), ex);
            }
        }
        if (keys.isEmpty()) {
            throw new IOException(file + ": holds no public key (one 'type base64 comment' line per key)");
        }
        return List.copyOf(keys);
    }
}
