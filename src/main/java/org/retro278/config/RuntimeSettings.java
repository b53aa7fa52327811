package org.retro278.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Settings of the running adapter ({@code run}), from {@code <config>/application.properties}.
 *
 * @param workDir           where the adapter keeps its state: the embedded database, spool, outbox,
 *                          quarantine, keys and the embedded SFTP server's folders
 * @param storeUrl          JDBC URL of the transaction store, or {@code null} for the embedded H2 database
 *                          under the work directory
 * @param storeUser         database user (for PostgreSQL)
 * @param storePasswordEnv  environment variable that holds the database password
 * @param embeddedSftpBind  address the embedded SFTP server listens on
 * @param embeddedSftpPort  its port
 * @param simulatePayers    whether payers whose gateway is the embedded server are answered by the payer
 *                          simulator (the default installation and the demo; never for real payers)
 * @param interchangeFileName the pattern of an interchange's file name at the gateway: {@code {payer}} and
 *                          {@code {isa13}} (9 digits) stand for the payer id and the control number
 * @param retryBackoffFirst how long an interchange waits after its first failed upload
 * @param retryBackoffMax   the longest wait, however many uploads failed (the wait doubles up to it)
 */
public record RuntimeSettings(Path workDir, String storeUrl, String storeUser, String storePasswordEnv,
                              String embeddedSftpBind, int embeddedSftpPort, boolean simulatePayers,
                              String interchangeFileName, Duration retryBackoffFirst, Duration retryBackoffMax) {

    static final String FILE_NAME = "retro278.submit.fileName";
    static final String BACKOFF_FIRST = "retro278.submit.retryBackoff.firstSeconds";
    static final String BACKOFF_MAX = "retro278.submit.retryBackoff.maxSeconds";
    /** What a file name may be once {@code {payer}} and {@code {isa13}} are put in: no path, no dot-file. */
    private static final Pattern FILE_NAME_CHARS = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,119}");

    public static RuntimeSettings defaults() {
        return new RuntimeSettings(Path.of("work"), null, null, "RETRO278_STORE_PASSWORD", "127.0.0.1", 2222, false,
                "retro278-{payer}-{isa13}.x12", Duration.ofSeconds(2), Duration.ofMinutes(5));
    }

    public static RuntimeSettings load(Path file) throws ConfigurationException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigurationException(file + ": cannot read: " + e.getMessage(), e);
        }
        RuntimeSettings d = defaults();
        String work = trimmed(p, "retro278.work.dir");
        String url = trimmed(p, "retro278.store.url");
        String user = trimmed(p, "retro278.store.user");
        String pwEnv = trimmed(p, "retro278.store.passwordEnv");
        String bind = trimmed(p, "retro278.sftp.embedded.bind");
        String port = trimmed(p, "retro278.sftp.embedded.port");
        String simulate = trimmed(p, "retro278.simulator.enabled");
        if (simulate != null && !simulate.equals("true") && !simulate.equals("false")) {
            throw new ConfigurationException(file + ": retro278.simulator.enabled: true or false");
        }
        int portNumber = d.embeddedSftpPort();
        if (port != null) {
            try {
                portNumber = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                portNumber = -1;
            }
            if (portNumber < 0 || portNumber > 65_535) {
                throw new ConfigurationException(file + ": retro278.sftp.embedded.port: '" + port + "' is not a port (0-65535)");
            }
        }
        if (url != null && !url.startsWith("jdbc:")) {
            throw new ConfigurationException(file + ": retro278.store.url: a JDBC URL starts with jdbc:");
        }
        if (pwEnv != null && !SftpSettings.ENV.matcher(pwEnv).matches()) {
            throw new ConfigurationException(file + ": retro278.store.passwordEnv: not an environment variable name");
        }
        String fileName = trimmed(p, FILE_NAME);
        if (fileName != null && (!fileName.contains("{isa13}")
                || !FILE_NAME_CHARS.matcher(fileName.replace("{payer}", "P").replace("{isa13}", "0")).matches())) {
            throw new ConfigurationException(file + ": " + FILE_NAME + ": '" + fileName + "' must contain {isa13} and"
                    + " otherwise only letters, digits, '.', '_' and '-' (at most 120, not starting with '.')");
        }
        Duration first = seconds(p, file, BACKOFF_FIRST, d.retryBackoffFirst(), 1, 3_600);
        Duration max = seconds(p, file, BACKOFF_MAX, d.retryBackoffMax(), 1, 86_400);
        if (max.compareTo(first) < 0) {
            throw new ConfigurationException(file + ": " + BACKOFF_MAX + ": less than " + BACKOFF_FIRST);
        }
        return new RuntimeSettings(work == null ? d.workDir() : Path.of(work), url, user,
                pwEnv == null ? d.storePasswordEnv() : pwEnv, bind == null ? d.embeddedSftpBind() : bind, portNumber,
                "true".equals(simulate), fileName == null ? d.interchangeFileName() : fileName, first, max);
    }

    private static Duration seconds(Properties p, Path file, String key, Duration byDefault, long min, long max)
            throws ConfigurationException {
        String v = trimmed(p, key);
        if (v == null) {
            return byDefault;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < min || n > max) {
            throw new ConfigurationException(file + ": " + key + ": '" + v + "' is not a number of seconds (" + min + "-" + max + ")");
        }
        return Duration.ofSeconds(n);
    }

    private static String trimmed(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            return null;
        }
        v = v.trim();
        return v.isEmpty() ? null : v;
    }
}
