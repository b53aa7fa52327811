package org.retro278.sftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.retro278.io.SecureFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's own SSH key pair, with which it logs in to partner SFTP servers (and to the embedded
 * one). Created on first use in the work folder and kept there: {@code NAME} (OpenSSH private key,
 * owner-only) and {@code NAME.pub} (the line a partner adds to its authorized keys).
 *
 * <p>camel-sftp endpoints use it as {@code privateKeyFile=<privateKeyFile()>}, and when the key is
 * encrypted {@code privateKeyPassphrase=#bean:NAME} (SftpParameters binds it; never a placeholder). The passphrase
 * comes only from the environment variable {@value #PASSPHRASE_VARIABLE} (or a method argument): when
 * it is set at creation the key is written encrypted, and it is then needed to load it.
 */
public final class AdapterKey {

    /** Environment variable with the passphrase of the adapter's private key (optional). */
    public static final String PASSPHRASE_VARIABLE = "RETRO278_SFTP_KEY_PASSPHRASE";

    /** File name of the private key in the keys folder of the work directory. */
    public static final String DEFAULT_FILE_NAME = "retro278_ecdsa";

    private static final Logger LOG = LoggerFactory.getLogger(AdapterKey.class);
    private static final String COMMENT = "retro278-adapter";

    private final Path privateKeyFile;
    private final PublicKey publicKey;

    private AdapterKey(Path privateKeyFile, PublicKey publicKey) {
        this.privateKeyFile = privateKeyFile;
        this.publicKey = publicKey;
    }

    /** The key in {@code keysDir/}{@value #DEFAULT_FILE_NAME}, passphrase from {@code secrets}. */
    public static AdapterKey loadOrCreateIn(Path keysDir, Secrets secrets) throws IOException {
        return loadOrCreate(keysDir.resolve(DEFAULT_FILE_NAME), secrets);
    }

    /** Loads the key, creating it when the file does not exist; passphrase from {@code secrets}. */
    public static AdapterKey loadOrCreate(Path privateKeyFile, Secrets secrets) throws IOException {
        char[] passphrase = secrets.lookup(PASSPHRASE_VARIABLE).map(String::toCharArray).orElse(null);
        try {
            return loadOrCreate(privateKeyFile, passphrase);
        } catch (IOException e) {
            if (passphrase == null && e.getMessage() != null && e.getMessage().contains("no passphrase")) {
                throw new IOException(e.getMessage() + ": set " + PASSPHRASE_VARIABLE, e);
            }
            throw e;
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    /**
     * Loads the key, creating it when the file does not exist.
     *
     * @param passphrase encrypts a new key and decrypts an existing one; null or empty for none
     */
    public static AdapterKey loadOrCreate(Path privateKeyFile, char[] passphrase) throws IOException {
        Path file = privateKeyFile.toAbsolutePath();
        if (!Files.exists(file)) {
            SshKeyFiles.write(SshKeyFiles.generate(), file, COMMENT, passphrase);
            LOG.info("Created the adapter's SSH key {} ({})", file, passphrase == null || passphrase.length == 0
                    ? "not encrypted" : "encrypted with the passphrase");
        }
        SecureFiles.restrict(file);
        // read back from disk: what camel-sftp will use is the file, not what we generated
        KeyPair keys = SshKeyFiles.read(file, passphrase);
        Path pub = SshKeyFiles.publicKeyFile(file);
        if (!Files.exists(pub) || !KeyUtils.compareKeys(SshKeyFiles.parsePublicKeyLine(Files.readString(pub)), keys.getPublic())) {
            // the .pub file is only a convenience copy: rewrite it from the private key
            String line = SshKeyFiles.publicKeyLine(keys.getPublic()) + " " + COMMENT + "\n";
            SecureFiles.writeAtomically(pub, out -> out.write(line.getBytes(StandardCharsets.US_ASCII)));
        }
        AdapterKey key = new AdapterKey(file, keys.getPublic());
        LOG.debug("Adapter SSH key {} {}", key.publicKeyType(), key.fingerprint());
        return key;
    }

    /** The private key file (for camel-sftp's {@code privateKeyFile}). */
    public Path privateKeyFile() {
        return privateKeyFile;
    }

    /** The public key file ({@code NAME.pub}), to hand to partners. */
    public Path publicKeyFile() {
        return SshKeyFiles.publicKeyFile(privateKeyFile);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The key as one authorized_keys line: {@code ecdsa-sha2-nistp256 AAAA... retro278-adapter}. */
    public String authorizedKeysLine() {
        return SshKeyFiles.publicKeyLine(publicKey) + " " + COMMENT;
    }

    /** SSH name of the key type, e.g. {@code ecdsa-sha2-nistp256}. */
    public String publicKeyType() {
        return KeyUtils.getKeyType(publicKey);
    }

    /** {@code SHA256:...}, as {@code ssh-keygen -lf NAME.pub} prints it. */
    public String fingerprint() {
        return SshKeyFiles.fingerprint(publicKey);
    }

    @Override
    public String toString() {
        return "AdapterKey[" + privateKeyFile + ", " + fingerprint() + "]";
    }
}
