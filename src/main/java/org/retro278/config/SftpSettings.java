package org.retro278.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code sftp:} section that practice and payer profiles share. */
final class SftpSettings {

    static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]]{1,253}");
    static final Pattern USER = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");
    /** A folder below the account's home: no absolute paths, no '..'. */
    static final Pattern FOLDER = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9._\\-]+(/[A-Za-z0-9._\\-]+)*");
    static final Pattern ENV = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");

    private SftpSettings() {
    }

    static SftpConnection parse(YamlSection s) throws ConfigurationException {
        s.onlyKeys(Set.of("host", "port", "user", "auth", "privateKey", "passphraseEnv", "passwordEnv", "knownHosts"));
        String host = s.text("host", HOST, "a host name, an address, or 'embedded'");
        int port = s.integer("port", 1, 65_535, 22);
        String user = s.text("user", USER, "an account name (letters, digits, . _ -)");
        String authText = s.text("auth", Pattern.compile("(?i)key|password"), "key or password", "key");
        SftpConnection.Auth auth = SftpConnection.Auth.valueOf(authText.toUpperCase(Locale.ROOT));
        Path key = s.has("privateKey") ? existingFile(s, "privateKey", "the private key file") : null;
        String passphraseEnv = s.text("passphraseEnv", ENV, "an environment variable name", null);
        String passwordEnv = s.text("passwordEnv", ENV, "an environment variable name", null);
        if (auth == SftpConnection.Auth.PASSWORD && passwordEnv == null) {
            throw new ConfigurationException(s.where("passwordEnv") + ": password auth needs the name of the environment"
                    + " variable that holds the password (never the password itself)");
        }
        Path knownHosts = s.has("knownHosts") ? existingFile(s, "knownHosts", "the pinned known_hosts file") : null;
        if (knownHosts == null && !SftpConnection.EMBEDDED.equals(host)) {
            throw new ConfigurationException(s.where("knownHosts") + ": a pinned known_hosts file is required for " + host
                    + " (host keys are always verified)");
        }
        return new SftpConnection(host, port, user, auth, key, passphraseEnv, passwordEnv, knownHosts);
    }

    /** A file a setting names, which must be there when the configuration loads (not at the first poll). */
    private static Path existingFile(YamlSection s, String key, String what) throws ConfigurationException {
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
