package org.retro278.sftp;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How retro278 reaches a partner's SFTP server. Host keys are always verified against a pinned
 * known_hosts file; secrets are never part of the configuration, only the names of the environment
 * variables that hold them.
 *
 * @param host          a host name or address, or {@link #EMBEDDED} for the SFTP server this installation
 *                      runs itself (the default set-up, demo and tests)
 * @param port          the port (ignored for the embedded server, which has its own)
 * @param user          the account
 * @param auth          key or password
 * @param privateKey    the OpenSSH private key file for key auth, or {@code null} for the adapter's own key
 * @param passphraseEnv environment variable holding the key's passphrase, or {@code null} when it has none
 * @param passwordEnv   environment variable holding the password for password auth, or {@code null}
 * @param knownHosts    the pinned known_hosts file, or {@code null} for the embedded server's own
 * @param partnerLogin  for the embedded server only: how the partner itself logs in to this account, or
 *                      {@code null} when only the adapter does
 */
public record SftpConnection(String host, int port, String user, Auth auth, Path privateKey, String passphraseEnv,
                             String passwordEnv, Path knownHosts, PartnerLogin partnerLogin) {

    /** The host name that means "the embedded SFTP server of this installation". */
    public static final String EMBEDDED = "embedded";

    public enum Auth { KEY, PASSWORD }

    public SftpConnection {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(auth, "auth");
        if (auth == Auth.PASSWORD && passwordEnv == null) {
            throw new IllegalArgumentException("password auth needs passwordEnv");
        }
    }

    /**
     * How a practice or payer logs in to its account on the embedded server, besides the adapter's own key.
     *
     * @param authorizedKeys an OpenSSH {@code authorized_keys} file, or {@code null}
     * @param passwordHash   the password's hash ({@code retro278 password-hash}), or {@code null}
     */
    public record PartnerLogin(Path authorizedKeys, PasswordHash passwordHash) {
        public PartnerLogin {
            if (authorizedKeys == null && passwordHash == null) {
                throw new IllegalArgumentException("a login needs authorized keys or a password hash");
            }
        }
    }

    public boolean embedded() {
        return EMBEDDED.equals(host);
    }
}
