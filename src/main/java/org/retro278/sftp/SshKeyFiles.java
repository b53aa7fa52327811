package org.retro278.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Iterator;
import java.util.Map;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.retro278.io.SecureFiles;

/**
 * Reads and writes SSH key pairs as OpenSSH key files: {@code NAME} holds the private key in the
 * {@code -----BEGIN OPENSSH PRIVATE KEY-----} format (encrypted with aes256-ctr and bcrypt when a
 * passphrase is given), {@code NAME.pub} the public key as one {@code type base64 comment} line.
 *
 * <p>New keys are ECDSA P-256 ({@value #KEY_TYPE}): the JDK generates them without extra providers,
 * and MINA SSHD, JSch 2.x (camel-sftp) and OpenSSH all read that format and key type out of the box.
 * Both files are written owner-only and appear atomically; key bytes never reach a log.
 */
public final class SshKeyFiles {

    /** The SSH name of the key type new keys get. */
    public static final String KEY_TYPE = KeyPairProvider.ECDSA_SHA2_NISTP256;

    private static final String PUBLIC_SUFFIX = ".pub";

    private SshKeyFiles() {
    }

    /** A fresh ECDSA P-256 key pair. */
    public static KeyPair generate() throws IOException {
        try {
            return KeyUtils.generateKeyPair(KEY_TYPE, 256);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate an " + KEY_TYPE + " key pair", e);
        }
    }

    /** The public key file that belongs to a private key file: {@code NAME.pub} beside it. */
    public static Path publicKeyFile(Path privateKeyFile) {
        return privateKeyFile.resolveSibling(privateKeyFile.getFileName() + PUBLIC_SUFFIX);
    }

    /**
     * Writes {@code keys} to {@code privateKeyFile} and its {@code .pub} file, replacing them.
     *
     * @param passphrase encrypts the private key when not null and not empty
     */
    public static void write(KeyPair keys, Path privateKeyFile, String comment, char[] passphrase) throws IOException {
        SecureFiles.createPrivateDirectories(privateKeyFile.toAbsolutePath().getParent());
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null && passphrase.length > 0) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherName(OpenSSHKeyEncryptionContext.AES);
            encryption.setCipherType("256");
            encryption.setCipherMode("CTR");
            encryption.setPassword(new String(passphrase));
        }
        OpenSSHKeyEncryptionContext options = encryption;
        SecureFiles.writeAtomically(privateKeyFile, out -> {
            try {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keys, comment, options, out);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot encode the private key for " + privateKeyFile.getFileName(), e);
            }
        });
        String line = publicKeyLine(keys.getPublic()) + (comment == null || comment.isBlank() ? "" : " " + comment) + "\n";
        SecureFiles.writeAtomically(publicKeyFile(privateKeyFile),
                out -> out.write(line.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Reads a private key file (OpenSSH or PEM format).
     *
     * @param passphrase needed when the file is encrypted; may be null otherwise
     * @throws IOException when the file is missing, unreadable, encrypted without a passphrase given,
     *         or the passphrase is wrong (the message says which, never the key)
     */
    public static KeyPair read(Path privateKeyFile, char[] passphrase) throws IOException {
        String name = privateKeyFile.getFileName().toString();
        boolean[] asked = {false};
        FilePasswordProvider passwords = (session, resource, retry) -> {
            asked[0] = true;
            if (retry > 0 || passphrase == null || passphrase.length == 0) {
                return null;
            }
            return new String(passphrase);
        };
        try (InputStream in = Files.newInputStream(privateKeyFile)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(name), in, passwords);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw new IOException(privateKeyFile + ": no key pair found in the file");
            }
            return it.next();
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (asked[0] && (passphrase == null || passphrase.length == 0)) {
                throw new IOException(privateKeyFile + ": the private key is encrypted and no passphrase was given", e);
            }
            if (asked[0]) {
                throw new IOException(privateKeyFile + ": cannot decrypt the private key (wrong passphrase?)", e);
            }
            throw new IOException(privateKeyFile + ": not a readable private key file", e);
        }
    }

    /** The OpenSSH public-key line of {@code key}, without comment: {@code ecdsa-sha2-nistp256 AAAA...}. */
    public static String publicKeyLine(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    /** Parses one OpenSSH public-key line ({@code type base64 [comment]}), as in {@code .pub} files. */
    public static PublicKey parsePublicKeyLine(String line) throws IOException {
        try {
            PublicKey key = PublicKeyEntry.parsePublicKeyEntry(line.strip())
                    .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
            if (key == null) {
                throw new IOException("unsupported public key type");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("not an OpenSSH public key line", e);
        }
    }

    /** The SHA-256 fingerprint as OpenSSH prints it: {@code SHA256:base64}. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }
}
