package org.retro278.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.retro278.config.ConfigurationException;
import org.retro278.config.CoreGateway;
import org.retro278.sftp.Secrets;

/**
 * The TLS side of one payer's CORE gateway: an {@link SSLContext} that trusts only the certificates of the
 * configured trust store (never "trust all") and, for {@link CoreAuth#CERTIFICATE}, presents the client key of the
 * configured key store; TLS 1.3 and 1.2 only; host names verified ({@link #parameters()}). Built once per payer when
 * the adapter starts, so a missing secret or a wrong store stops the start naming the payer and the setting.
 * The passwords come from the environment ({@link Secrets}) and never appear in a message.
 */
public final class CoreTls {

    /** The protocols a CORE call may use, best first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final SSLContext context;
    private final List<String> protocols;
    private final List<X509Certificate> clientCertificates;

    private CoreTls(SSLContext context, List<X509Certificate> clientCertificates) {
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
        this.protocols = PROTOCOLS.stream().filter(supported::contains).toList();
        this.context = context;
        this.clientCertificates = clientCertificates;
    }

    /**
     * Reads the payer's stores and builds its TLS context.
     *
     * @param payerId the payer, for the messages
     * @throws ConfigurationException a secret is not set, a store cannot be read or opened, the key store holds no
     *                                private key, or the trust store holds no certificate
     */
    public static CoreTls forGateway(String payerId, CoreGateway gateway, Secrets secrets) throws ConfigurationException {
        String where = "payer " + payerId + ": gateway.core.";
        KeyStore trust = open(where, "trustStore", gateway.trustStore(),
                gateway.trustStorePasswordEnv() == null ? null : secret(where, "trustStorePasswordEnv",
                        gateway.trustStorePasswordEnv(), secrets));
        List<X509Certificate> clientCertificates = List.of();
        KeyManager[] keyManagers = null;
        try {
            if (trustedCertificates(trust) == 0) {
                throw new ConfigurationException(where + "trustStore: " + gateway.trustStore().toAbsolutePath()
                        + " holds no trusted certificate (it needs the payer's CA or server certificate"
                        + (gateway.trustStorePasswordEnv() == null ? "; a store with a password needs trustStorePasswordEnv" : "")
                        + ")");
            }
            if (gateway.auth() == CoreAuth.CERTIFICATE) {
                char[] password = secret(where, "keyStorePasswordEnv", gateway.keyStorePasswordEnv(), secrets);
                KeyStore keys = open(where, "keyStore", gateway.keyStore(), password);
                clientCertificates = clientCertificates(where, gateway.keyStore(), keys, password);
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, password);
                keyManagers = kmf.getKeyManagers();
                Arrays.fill(password, '\0');
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, tmf.getTrustManagers(), null);
            CoreTls tls = new CoreTls(context, clientCertificates);
            if (tls.protocols.isEmpty()) {
                throw new ConfigurationException(where + "endpoint: this Java offers neither TLS 1.3 nor TLS 1.2");
            }
            return tls;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(where + (gateway.auth() == CoreAuth.CERTIFICATE ? "keyStore" : "trustStore")
                    + ": the TLS context could not be built: " + e.getMessage(), e);
        }
    }

    /** The context the clients open their connections with. */
    public SSLContext context() {
        return context;
    }

    /** The protocols to enable on every connection: TLSv1.3 and TLSv1.2 (those this Java has). */
    public String[] protocols() {
        return protocols.toArray(String[]::new);
    }

    /**
     * A fresh copy of the parameters every connection must carry: {@link #protocols()} only, and host name
     * verification ({@code HTTPS}), so a server whose certificate does not name the endpoint's host is refused.
     */
    public SSLParameters parameters() {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(protocols());
        p.setEndpointIdentificationAlgorithm("HTTPS");
        return p;
    }

    /** Whether a client certificate is presented in the handshake ({@link CoreAuth#CERTIFICATE}). */
    public boolean presentsClientCertificate() {
        return !clientCertificates.isEmpty();
    }

    /**
     * Whole days from {@code clock}'s now until the client certificate expires (the soonest, when the key store holds
     * more than one key): negative once it has expired, empty without a client certificate.
     */
    public OptionalLong daysUntilClientCertificateExpires(Clock clock) {
        return clientCertificates.stream()
                .mapToLong(c -> Duration.between(clock.instant(), c.getNotAfter().toInstant()).toDays())
                .min();
    }

    private static char[] secret(String where, String setting, String env, Secrets secrets) throws ConfigurationException {
        return secrets.lookup(env).map(String::toCharArray).orElseThrow(() -> new ConfigurationException(where + setting
                + ": the environment variable " + env + " is not set (it holds the password of the store)"));
    }

    private static KeyStore open(String where, String setting, Path file, char[] password) throws ConfigurationException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigurationException(where + setting + ": " + file.toAbsolutePath() + " is not there or cannot be"
                    + " read (relative paths are read from the working directory)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new ConfigurationException(where + setting + ": the password does not open "
                        + file.toAbsolutePath() + " (check the environment variable that holds it)");
            }
            throw new ConfigurationException(where + setting + ": " + file.toAbsolutePath()
                    + " cannot be read as a PKCS#12 store (" + e.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(where + setting + ": " + file.toAbsolutePath()
                    + " cannot be read as a PKCS#12 store (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static int trustedCertificates(KeyStore trust) throws GeneralSecurityException {
        int n = 0;
        for (String alias : Collections.list(trust.aliases())) {
            if (trust.isCertificateEntry(alias)) {
                n++;
            }
        }
        return n;
    }

    /** The certificates of the key store's private keys: a key store without one cannot authenticate us. */
    private static List<X509Certificate> clientCertificates(String where, Path file, KeyStore keys, char[] password)
            throws GeneralSecurityException, ConfigurationException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (String alias : Collections.list(keys.aliases())) {
            if (!keys.isKeyEntry(alias)) {
                continue;
            }
            if (!(keys.getKey(alias, password) instanceof PrivateKey)) {
                continue;
            }
            Certificate c = keys.getCertificate(alias);
            if (c instanceof X509Certificate x) {
                certificates.add(x);
            }
        }
        if (certificates.isEmpty()) {
            throw new ConfigurationException(where + "keyStore: " + file.toAbsolutePath() + " holds no private key with"
                    + " its certificate (it needs the client key and certificate, not only certificates)");
        }
        return List.copyOf(certificates);
    }
}
