package org.retro278.sftp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.retro278.config.ConfigurationException;
import org.retro278.sftp.embedded.EmbeddedSftpServer;

/**
 * The route-template parameters that say how to reach one partner's SFTP server: host, port, user, the
 * pinned known_hosts file and the authentication. The endpoint URIs themselves are in the templates
 * (routes/*.yaml); this only fills them in. Secrets are read from the environment here and go nowhere
 * but the endpoint (Camel masks them in everything it prints).
 */
public final class SftpParameters {

    private SftpParameters() {
    }

    public static Map<String, String> of(String who, SftpConnection c, EmbeddedSftpServer embedded, AdapterKey adapterKey,
                                  Secrets secrets) throws ConfigurationException {
        Map<String, String> p = new LinkedHashMap<>();
        if (c.embedded()) {
            if (embedded == null) {
                throw new ConfigurationException(who + ": sftp.host is 'embedded' but the embedded SFTP server is not running");
            }
            p.put("host", embedded.host());
            p.put("port", Integer.toString(embedded.port()));
            p.put("knownHostsFile", embedded.root().resolve(EmbeddedSftpServer.KNOWN_HOSTS_FILE).toAbsolutePath().toString());
        } else {
            p.put("host", c.host());
            p.put("port", Integer.toString(c.port()));
            p.put("knownHostsFile", c.knownHosts().toAbsolutePath().toString());
        }
        p.put("user", c.user());
        if (c.auth() == SftpConnection.Auth.KEY) {
            boolean own = c.privateKey() == null;
            p.put("keyFile", (own ? adapterKey.privateKeyFile() : c.privateKey()).toAbsolutePath().toString());
            String passphraseEnv = c.passphraseEnv() != null ? c.passphraseEnv() : own ? AdapterKey.PASSPHRASE_VARIABLE : null;
            p.put("passphrase", passphraseEnv == null ? "" : secrets.lookup(passphraseEnv).orElse(""));
            p.put("password", "");
            p.put("authMethod", "publickey");
        } else {
            String password = secrets.lookup(c.passwordEnv()).orElseThrow(() -> new ConfigurationException(who
                    + ": password authentication needs the environment variable " + c.passwordEnv() + ", which is not set"));
            p.put("keyFile", "");
            p.put("passphrase", "");
            p.put("password", password);
            p.put("authMethod", "password");
        }
        return p;
    }
}
