package org.retro278.sftp;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.retro278.config.ConfigurationException;
import org.retro278.sftp.embedded.EmbeddedSftpServer;

/**
 * The route-template parameters that say how to reach one partner's SFTP server: {@code host},
 * {@code port}, {@code user}, and {@code sftpOptions}, the endpoint query every route of that partner
 * starts with (the pinned known_hosts file with strict host key checking, the login, the timeouts, the
 * session kept between polls and uploads). Made once per partner here so that the templates (routes/*.yaml)
 * write it once each and cannot drift apart, and so that no template can turn host key checking off.
 *
 * <p>Each endpoint keeps its SSH session from one poll or upload to the next ({@code disconnect=false}) instead
 * of a handshake per poll; a keep-alive every {@link #KEEP_ALIVE_MILLIS} finds a session the server or the
 * network dropped, and the next poll or upload of an endpoint whose session is gone connects again, checking
 * the host key against the pinned one as every new connection does (docs/sftp.md, "Sessions").
 *
 * <p>Secrets (a key's passphrase, a password) are read from the environment here and never written into
 * the options: Camel prints template parameters and resolved placeholders in clear at DEBUG, whatever its
 * URI masking does. They are handed to {@code secretBeans} (the Camel registry) under a name, and the
 * options name the bean ({@code privateKeyPassphrase=#bean:NAME}), which is all any log line can show.
 */
public final class SftpParameters {

    /** How long a connection attempt may take before the poll or upload counts as failed. */
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    /** How often a kept session is asked whether the server is still there (an SSH keep-alive). */
    static final int KEEP_ALIVE_MILLIS = 15_000;

    /** Keep-alives left unanswered before the session counts as dropped (and the next use connects again). */
    static final int KEEP_ALIVES_UNANSWERED = 3;

    private SftpParameters() {
    }

    /**
     * @param secretBeans where the secrets go, by bean name ({@code camel.getRegistry()::bind})
     */
    public static Map<String, String> of(String who, SftpConnection c, EmbeddedSftpServer embedded, AdapterKey adapterKey,
                                         Secrets secrets, BiConsumer<String, String> secretBeans) throws ConfigurationException {
        String host;
        int port;
        Path knownHosts;
        if (c.embedded()) {
            if (embedded == null) {
                throw new ConfigurationException(who + ": sftp.host is 'embedded' but the embedded SFTP server is not running");
            }
            host = embedded.host();
            port = embedded.port();
            knownHosts = embedded.root().resolve(EmbeddedSftpServer.KNOWN_HOSTS_FILE);
        } else {
            host = c.host();
            port = c.port();
            knownHosts = c.knownHosts();
        }
        String keyFile;
        String passphrase;
        String password;
        String authMethod;
        if (c.auth() == SftpConnection.Auth.KEY) {
            boolean own = c.privateKey() == null;
            keyFile = (own ? adapterKey.privateKeyFile() : c.privateKey()).toAbsolutePath().toString();
            String passphraseEnv = c.passphraseEnv() != null ? c.passphraseEnv() : own ? AdapterKey.PASSPHRASE_VARIABLE : null;
            passphrase = passphraseEnv == null ? "" : secrets.lookup(passphraseEnv).orElse("");
            password = "";
            authMethod = "publickey";
        } else {
            password = secrets.lookup(c.passwordEnv()).orElseThrow(() -> new ConfigurationException(who
                    + ": password authentication needs the environment variable " + c.passwordEnv() + ", which is not set"));
            keyFile = "";
            passphrase = "";
            authMethod = "password";
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("host", host);
        p.put("port", Integer.toString(port));
        p.put("user", c.user());
        p.put("sftpOptions", "strictHostKeyChecking=yes"
                + "&useUserKnownHostsFile=false"
                + "&knownHostsFile=" + raw(knownHosts.toAbsolutePath().toString())
                + "&privateKeyFile=" + raw(keyFile)
                + secretOption("privateKeyPassphrase", who, passphrase, secretBeans)
                + secretOption("password", who, password, secretBeans)
                + "&preferredAuthentications=" + authMethod
                + "&connectTimeout=" + CONNECT_TIMEOUT_MILLIS
                + "&disconnect=false"
                + "&serverAliveInterval=" + KEEP_ALIVE_MILLIS
                + "&serverAliveCountMax=" + KEEP_ALIVES_UNANSWERED);
        return p;
    }

    /** {@code &option=#bean:NAME} with the secret bound as NAME, or nothing when there is no secret. */
    private static String secretOption(String option, String who, String secret, BiConsumer<String, String> secretBeans) {
        if (secret.isEmpty()) {
            return "";
        }
        String bean = "retro278-secret-" + who.replaceAll("[^A-Za-z0-9]+", "-") + "-" + option;
        secretBeans.accept(bean, secret);
        return "&" + option + "=#bean:" + bean;
    }

    /** A value Camel takes as it is, not URI-decoded: file paths and secrets may hold {@code & + %} or spaces. */
    private static String raw(String value) {
        return "RAW(" + value + ")";
    }
}
