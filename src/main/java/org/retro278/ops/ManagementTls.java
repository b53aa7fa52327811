package org.retro278.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.retro278.config.ConfigurationException;
import org.retro278.config.RuntimeSettings;
import org.retro278.sftp.Secrets;

/**
 * The management port's HTTPS: the certificate and key of a PKCS12 keystore
 * ({@code retro278.management.tls.keystore}), opened with the password from the environment
 * ({@code retro278.management.tls.keystorePasswordEnv}). The password is never logged.
 */
final class ManagementTls {

    private ManagementTls() {
    }

    /** @throws ConfigurationException when the password is unset or the keystore cannot be read with it */
    static SSLContext context(RuntimeSettings.Tls tls, Secrets secrets) throws ConfigurationException {
        String key = "retro278.management.tls.keystore: " + tls.keystore();
        char[] password = secrets.lookup(tls.passwordEnv()).orElseThrow(() -> new ConfigurationException(
                "retro278.management.tls.keystorePasswordEnv: the environment variable " + tls.passwordEnv() + " is not set"))
                .toCharArray();
        if (!Files.isRegularFile(tls.keystore())) {
            throw new ConfigurationException(key + ": no such file");
        }
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            // the message of a wrong password or a damaged file says which; it never holds the password
            throw new ConfigurationException(key + ": cannot be read as a PKCS12 keystore with the password of "
                    + tls.passwordEnv() + " (" + e.getMessage() + ")", e);
        }
    }
}
