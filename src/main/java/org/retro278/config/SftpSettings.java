package org.retro278.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.retro278.sftp.AuthorizedKeys;
import org.retro278.sftp.PasswordHash;
import org.retro278.sftp.SftpConnection;

/** Reads the {@code sftp:} section that practice and payer profiles share. */
final class SftpSettings {

    static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]]{1,253}");
    static final Pattern USER = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");
    /** A folder below the account's home: no absolute paths, no '..'. */
    static final Pattern FOLDER = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9._\\-]+(/[A-Za-z0-9._\\-]+)*");
    static final Pattern ENV = YamlSection.ENV;

    private SftpSettings() {
    }

    static SftpConnection parse(YamlSection s) throws ConfigurationException {
        s.onlyKeys(Set.of("host", "port", "user", "auth", "privateKey", "passphraseEnv", "passwordEnv", "knownHosts",
                "account"));
        String host = s.text("host", HOST, "a host name, an address, or 'embedded'");
        int port = s.integer("port", 1, 65_535, 22);
        String user = s.text("user", USER, "an account name (letters, digits, . _ -)");
        String authText = s.text("auth", Pattern.compile("(?i)key|password"), "key or password", "key");
        SftpConnection.Auth auth = SftpConnection.Auth.valueOf(authText.toUpperCase(Locale.ROOT));
        Path key = s.has("privateKey") ? existingFile(s, "privateKey", "the private key file") : null;
        String passphraseEnv = s.secretName("passphraseEnv", "the key's passphrase", false);
        String passwordEnv = s.secretName("passwordEnv", "the password", false);
        if (auth == SftpConnection.Auth.PASSWORD && passwordEnv == null) {
            throw new ConfigurationException(s.where("passwordEnv") + ": password auth needs the name of the environment"
                    + " variable that holds the password (never the password itself)");
        }
        Path knownHosts = s.has("knownHosts") ? existingFile(s, "knownHosts", "the pinned known_hosts file") : null;
        if (knownHosts == null && !SftpConnection.EMBEDDED.equals(host)) {
            throw new ConfigurationException(s.where("knownHosts") + ": a pinned known_hosts file is required for " + host
                    + " (host keys are always verified)");
        }
        SftpConnection.PartnerLogin login = null;
        if (s.has("account")) {
            if (!SftpConnection.EMBEDDED.equals(host)) {
                throw new ConfigurationException(s.where("account") + ": only for host: embedded (" + host
                        + " keeps its own accounts)");
            }
            login = partnerLogin(s.section("account"));
        }
        return new SftpConnection(host, port, user, auth, key, passphraseEnv, passwordEnv, knownHosts, login);
    }

    /** {@code account:} how the partner logs in to its own folder on the embedded server. */
    private static SftpConnection.PartnerLogin partnerLogin(YamlSection a) throws ConfigurationException {
        a.onlyKeys(Set.of("authorizedKeys", "passwordHash"));
        Path keys = a.has("authorizedKeys") ? existingFile(a, "authorizedKeys", "the authorized_keys file") : null;
        if (keys != null) {
            try {
                AuthorizedKeys.read(keys);
            } catch (IOException e) {
                throw new ConfigurationException(a.where("authorizedKeys") + ": " + e.getMessage());
            }
        }
        PasswordHash hash = null;
        if (a.has("passwordHash")) {
            try {
                hash = PasswordHash.parse(a.text("passwordHash", null, "a password hash"));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(a.where("passwordHash") + ": " + e.getMessage());
            }
        }
        if (keys == null && hash == null) {
            throw new ConfigurationException(a.where("authorizedKeys") + ": the account needs authorizedKeys,"
                    + " passwordHash or both");
        }
        return new SftpConnection.PartnerLogin(keys, hash);
    }

    /** A file a setting names, which must be there when the configuration loads (not at the first poll). */
    static Path existingFile(YamlSection s, String key, String what) throws ConfigurationException {
        Path file = Path.of(s.text(key, null, "a file path"));
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(s.where(key) + ": " + what + " " + file.toAbsolutePath() + " does not exist"
                    + " (relative paths are read from the working directory)");
        }
        if (!Files.isReadable(file)) {
            throw new ConfigurationException(s.where(key) + ": " + what + " " + file.toAbsolutePath() + " cannot be read");
        }
        return file;
    }
}
