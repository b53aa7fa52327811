package org.retro278.sftp;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.retro278.config.ConfigurationException;
import org.retro278.sftp.embedded.EmbeddedSftpServer;

/**
 * The route-template parameters that say how to reach one partner's SFTP server: {@code host},
 * {@code port}, {@code user}, and {@code sftpOptions}, the endpoint query every route of that partner
 * starts with (the pinned known_hosts file with strict host key checking, the login, the timeouts). Made
 * once per partner here so that the templates (routes/*.yaml) write it once each and cannot drift apart,
 * and so that no template can turn host key checking off. Secrets are read from the environment here and
 * go nowhere but the endpoint (Camel masks them in everything it prints).
 */
public final class SftpParameters {

    /** How long a connection attempt may take before the poll or upload counts as failed. */
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private SftpParameters() {
    }

    public static Map<String, String> of(String who, SftpConnection c, EmbeddedSftpServer embedded, AdapterKey adapterKey,
                                         Secrets secrets) throws ConfigurationException {
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
                + "&privateKeyPassphrase=" + raw(passphrase)
                + "&password=" + raw(password)
                + "&preferredAuthentications=" + authMethod
                + "&connectTimeout=" + CONNECT_TIMEOUT_MILLIS
                + "&disconnect=true");
        return p;
    }

    /** A value Camel takes as it is, not URI-decoded: file paths and secrets may hold {@code & + %} or spaces. */
    private static String raw(String value) {
        return "RAW(" + value + ")";
    }
}
