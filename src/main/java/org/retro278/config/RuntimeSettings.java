package org.retro278.config;

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
 * @param readFolders       where the files the adapter has read go on the partner's server
 * @param pollTimes         how often the routes look and how long a file must be quiet
 * @param management        where the metrics and health checks are served (org.retro278.ops)
 * @param retention         how long final claims are kept, and how often run purges (org.retro278.retention)
 * @param responseRetry     how long a response file that failed for a passing cause waits before it is read again
 *                          ({@code retro278.responses.retryBackoff.*}; the wait doubles with each failure up to the max)
 */
public record RuntimeSettings(Path workDir, String storeUrl, String storeUser, String storePasswordEnv,
                              String embeddedSftpBind, int embeddedSftpPort, boolean simulatePayers,
                              String interchangeFileName, Duration retryBackoffFirst, Duration retryBackoffMax,
                              ReadFolders readFolders, PollTimes pollTimes, Management management,
                              Retention retention, Backoff responseRetry) {

    static final String FILE_NAME = "retro278.submit.fileName";
    static final String BACKOFF_FIRST = "retro278.submit.retryBackoff.firstSeconds";
    static final String BACKOFF_MAX = "retro278.submit.retryBackoff.maxSeconds";
    static final String RESPONSE_BACKOFF = "retro278.responses.retryBackoff";

    /** A retry back-off: the first wait, doubled with each further failure up to {@code max}. */
    public record Backoff(Duration first, Duration max) {
    }
    /** What a file name may be once {@code {payer}} and {@code {isa13}} are put in: no path, no dot-file. */
    private static final Pattern FILE_NAME_CHARS = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,119}");

    /** A folder name below a drop or outbound folder: letters, digits, {@code . _ -}, not only dots, no {@code ..}. */
    private static final Pattern FOLDER_NAME = Pattern.compile("(?!.*\\.\\.)(?=.*[A-Za-z0-9_\\-])[A-Za-z0-9._\\-]{1,64}");

    /**
     * Where a claim or response file goes once read (routes practice-intake, payer-responses): below the
     * folder it was read from.
     *
     * @param done         files that were read ({@code retro278.folders.done})
     * @param error        files refused as a whole, duplicates, responses not wholly applied
     *                     ({@code retro278.folders.error})
     * @param reportSuffix the report beside a file in {@code error} is the file's name plus this
     *                     ({@code retro278.folders.reportSuffix})
     */
    public record ReadFolders(String done, String error, String reportSuffix) {
    }

    /**
     * Defaults of the routes' timers. A practice file's {@code pollSeconds} and {@code quietSeconds}
     * override the first two for that practice.
     *
     * @param practicePoll       how often a drop folder is looked at ({@code retro278.practice.pollSeconds})
     * @param practiceQuiet      a claim file is read once it has not changed for this long
     *                           ({@code retro278.practice.quietSeconds})
     * @param statusPoll         how often changed claims are looked for to write status files
     *                           ({@code retro278.status.pollMillis})
     * @param statusBytesPerSecond the pace of a claim file's status files: written again at most once per their
     *                           size over this, so that a large file whose claims keep moving is not rewritten at
     *                           every poll ({@code retro278.status.bytesPerSecond})
     * @param responsePollAtLeast a payer's outbound folder is looked at at most this often, whatever the
     *                           gateway's {@code pollMillis} ({@code retro278.responses.minPollMillis})
     * @param responseQuiet      a response file is read once it has not changed for this long
     *                           ({@code retro278.responses.quietMillis})
     * @param dotFileQuiet       a claim file whose name starts with a dot (an upload in progress) is refused into
     *                           .error once it has not changed for this long ({@code retro278.practice.dotFileQuietSeconds})
     */
    public record PollTimes(Duration practicePoll, Duration practiceQuiet, Duration statusPoll, long statusBytesPerSecond,
                            Duration responsePollAtLeast, Duration responseQuiet, Duration dotFileQuiet) {
    }

    static final String MANAGEMENT_PORT = "retro278.management.port";
    static final String MANAGEMENT_BIND = "retro278.management.bind";
    static final String MANAGEMENT_TOKEN_ENV = "retro278.management.tokenEnv";
    static final String MANAGEMENT_KEYSTORE = "retro278.management.tls.keystore";
    static final String MANAGEMENT_KEYSTORE_PASSWORD_ENV = "retro278.management.tls.keystorePasswordEnv";

    /**
     * The management port: {@code /metrics}, {@code /health/live}, {@code /health/ready}.
     *
     * @param bind     the address it listens on ({@code retro278.management.bind}; loopback unless configured)
     * @param port     its port, 0 for any free one, or {@code null} when it is off ({@code retro278.management.port},
     *                 a number or {@code off})
     * @param portSet  whether the port was configured: a configured port that cannot be bound stops the start; the
     *                 default one, taken by something else, is only warned about
     * @param tokenEnv the environment variable holding the bearer token every request must carry, or {@code null}
     *                 for none ({@code retro278.management.tokenEnv}); it is also the console's login
     * @param tls      the certificate to serve HTTPS with, or {@code null} for plain HTTP
     */
    public record Management(String bind, Integer port, boolean portSet, String tokenEnv, Tls tls) {

        /** Plain HTTP. */
        public Management(String bind, Integer port, boolean portSet, String tokenEnv) {
            this(bind, port, portSet, tokenEnv, null);
        }

        public boolean enabled() {
            return port != null;
        }
    }

    static final String RETENTION_DAYS = "retro278.retention.days";
    static final String RETENTION_EVERY = "retro278.retention.everyHours";

    /**
     * Retention ({@code retro278 purge} and run's schedule): claims final for longer than {@code period} are purged to
     * PHI-free tombstones with their local copies.
     *
     * @param period how long a final claim is kept ({@code retro278.retention.days}, default 2190: six years), or
     *               {@code null} when run purges nothing by itself ({@code off}; {@code purge --older-than} still works)
     * @param every  how often run purges ({@code retro278.retention.everyHours}, default 24)
     */
    public record Retention(Duration period, Duration every) {
        public boolean enabled() {
            return period != null;
        }
    }

    /**
     * The management port's certificate: a PKCS12 keystore holding one private key and its chain.
     *
     * @param keystore    the keystore file ({@code retro278.management.tls.keystore}; relative to the working directory)
     * @param passwordEnv the environment variable holding its password
     *                    ({@code retro278.management.tls.keystorePasswordEnv})
     */
    public record Tls(Path keystore, String passwordEnv) {
    }

    public static RuntimeSettings defaults() {
        return new RuntimeSettings(Path.of("work"), null, null, "RETRO278_STORE_PASSWORD", "127.0.0.1", 2222, false,
                "retro278-{payer}-{isa13}.x12", Duration.ofSeconds(2), Duration.ofMinutes(5),
                new ReadFolders(".done", ".error", ".report.txt"),
                new PollTimes(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMillis(1000), 128 * 1024,
                        Duration.ofMillis(1000), Duration.ofMillis(1000), Duration.ofMinutes(10)),
                new Management("127.0.0.1", 9278, false, null), new Retention(Duration.ofDays(2190), Duration.ofHours(24)),
                new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5)));
    }

    public static RuntimeSettings load(Path file) throws ConfigurationException {
        Properties p = ApplicationProperties.read(file);
        RuntimeSettings d = defaults();
        String work = trimmed(p, "retro278.work.dir");
        String url = trimmed(p, "retro278.store.url");
        String user = trimmed(p, "retro278.store.user");
        String pwEnv = trimmed(p, "retro278.store.passwordEnv");
        String bind = trimmed(p, "retro278.sftp.embedded.bind");
        String simulate = trimmed(p, "retro278.simulator.enabled");
        if (simulate != null && !simulate.equals("true") && !simulate.equals("false")) {
            throw new ConfigurationException(file + ": retro278.simulator.enabled: true or false");
        }
        String port = trimmed(p, "retro278.sftp.embedded.port");
        int portNumber = d.embeddedSftpPort();
        if (port != null) {
            long n = number(port, -1);
            if (n < 0 || n > 65_535) {
                throw new ConfigurationException(file + ": retro278.sftp.embedded.port: '" + port + "' is not a port (0-65535)");
            }
            portNumber = (int) n;
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
        Backoff submitRetry = backoff(file, p, BACKOFF_FIRST, BACKOFF_MAX, new Backoff(d.retryBackoffFirst(), d.retryBackoffMax()));
        Backoff responseRetry = backoff(file, p, RESPONSE_BACKOFF + ".firstSeconds", RESPONSE_BACKOFF + ".maxSeconds",
                d.responseRetry());
        return new RuntimeSettings(work == null ? d.workDir() : Path.of(work), url, user,
                pwEnv == null ? d.storePasswordEnv() : pwEnv, bind == null ? d.embeddedSftpBind() : bind, portNumber,
                "true".equals(simulate), fileName == null ? d.interchangeFileName() : fileName, submitRetry.first(),
                submitRetry.max(),
                readFolders(file, p, d.readFolders()), pollTimes(file, p, d.pollTimes()), management(file, p, d.management()),
                retention(file, p, d.retention()), responseRetry);
    }

    private static Backoff backoff(Path file, Properties p, String firstKey, String maxKey, Backoff d)
            throws ConfigurationException {
        Duration first = seconds(p, file, firstKey, d.first(), 1, 3_600);
        Duration max = seconds(p, file, maxKey, d.max(), 1, 86_400);
        if (max.compareTo(first) < 0) {
            throw new ConfigurationException(file + ": " + maxKey + ": less than " + firstKey);
        }
        return new Backoff(first, max);
    }

    private static Retention retention(Path file, Properties p, Retention d) throws ConfigurationException {
        String days = trimmed(p, RETENTION_DAYS);
        Duration period = "off".equals(days) ? null
                : Duration.ofDays(days == null ? d.period().toDays() : numberWithin(file, RETENTION_DAYS, days, 1, 36_500));
        return new Retention(period, Duration.ofHours(within(file, p, RETENTION_EVERY, 1, 24 * 31, d.every().toHours())));
    }

    private static long numberWithin(Path file, String key, String v, long min, long max) throws ConfigurationException {
        long n = number(v, min - 1);
        if (n < min || n > max) {
            throw new ConfigurationException(file + ": " + key + ": '" + v + "' is not a whole number from " + min + " to " + max
                    + (key.equals(RETENTION_DAYS) ? " or off" : ""));
        }
        return n;
    }

    private static Management management(Path file, Properties p, Management d) throws ConfigurationException {
        String port = trimmed(p, MANAGEMENT_PORT);
        Integer number = d.port();
        if ("off".equals(port)) {
            number = null;
        } else if (port != null) {
            long n = number(port, -1);
            if (n < 0 || n > 65_535) {
                throw new ConfigurationException(file + ": " + MANAGEMENT_PORT + ": '" + port + "' is not a port (0-65535) or off");
            }
            number = (int) n;
        }
        String bind = trimmed(p, MANAGEMENT_BIND);
        String tokenEnv = trimmed(p, MANAGEMENT_TOKEN_ENV);
        if (tokenEnv != null && !SftpSettings.ENV.matcher(tokenEnv).matches()) {
            throw new ConfigurationException(file + ": " + MANAGEMENT_TOKEN_ENV + ": not an environment variable name");
        }
        return new Management(bind == null ? d.bind() : bind, number, port != null, tokenEnv, tls(file, p));
    }

    private static Tls tls(Path file, Properties p) throws ConfigurationException {
        String keystore = trimmed(p, MANAGEMENT_KEYSTORE);
        String passwordEnv = trimmed(p, MANAGEMENT_KEYSTORE_PASSWORD_ENV);
        if (keystore == null && passwordEnv == null) {
            return null;
        }
        if (keystore == null || passwordEnv == null) {
            throw new ConfigurationException(file + ": " + MANAGEMENT_KEYSTORE + " and " + MANAGEMENT_KEYSTORE_PASSWORD_ENV
                    + " go together (HTTPS needs the keystore and its password)");
        }
        if (!SftpSettings.ENV.matcher(passwordEnv).matches()) {
            throw new ConfigurationException(file + ": " + MANAGEMENT_KEYSTORE_PASSWORD_ENV + ": not an environment variable name");
        }
        return new Tls(Path.of(keystore), passwordEnv);
    }

    private static Duration seconds(Properties p, Path file, String key, Duration byDefault, long min, long max)
            throws ConfigurationException {
        String v = trimmed(p, key);
        if (v == null) {
            return byDefault;
        }
        long n = number(v, -1);
        if (n < min || n > max) {
            throw new ConfigurationException(file + ": " + key + ": '" + v + "' is not a number of seconds (" + min + "-" + max + ")");
        }
        return Duration.ofSeconds(n);
    }

    private static ReadFolders readFolders(Path file, Properties p, ReadFolders d) throws ConfigurationException {
        String done = folderName(file, p, "retro278.folders.done", d.done());
        String error = folderName(file, p, "retro278.folders.error", d.error());
        if (done.equals(error)) {
            throw new ConfigurationException(file + ": retro278.folders.done and retro278.folders.error are both '" + done
                    + "': read and refused files must stay apart");
        }
        String suffix = trimmed(p, "retro278.folders.reportSuffix");
        if (suffix != null && !FOLDER_NAME.matcher(suffix).matches()) {
            throw new ConfigurationException(file + ": retro278.folders.reportSuffix: '" + suffix
                    + "' is not a file name ending (letters, digits, . _ -)");
        }
        return new ReadFolders(done, error, suffix == null ? d.reportSuffix() : suffix);
    }

    private static PollTimes pollTimes(Path file, Properties p, PollTimes d) throws ConfigurationException {
        return new PollTimes(
                Duration.ofSeconds(within(file, p, "retro278.practice.pollSeconds", 1, 3_600, d.practicePoll().toSeconds())),
                Duration.ofSeconds(within(file, p, "retro278.practice.quietSeconds", 1, 3_600, d.practiceQuiet().toSeconds())),
                Duration.ofMillis(within(file, p, "retro278.status.pollMillis", 100, 3_600_000, d.statusPoll().toMillis())),
                within(file, p, "retro278.status.bytesPerSecond", 1_024, 1L << 30, d.statusBytesPerSecond()),
                Duration.ofMillis(within(file, p, "retro278.responses.minPollMillis", 100, 3_600_000,
                        d.responsePollAtLeast().toMillis())),
                Duration.ofMillis(within(file, p, "retro278.responses.quietMillis", 100, 3_600_000, d.responseQuiet().toMillis())),
                Duration.ofSeconds(within(file, p, "retro278.practice.dotFileQuietSeconds", 1, 86_400,
                        d.dotFileQuiet().toSeconds())));
    }

    private static String folderName(Path file, Properties p, String key, String dflt) throws ConfigurationException {
        String v = trimmed(p, key);
        if (v == null) {
            return dflt;
        }
        if (!FOLDER_NAME.matcher(v).matches()) {
            throw new ConfigurationException(file + ": " + key + ": '" + v + "' is not a folder name (letters, digits, . _ -)");
        }
        return v;
    }

    private static long within(Path file, Properties p, String key, long min, long max, long dflt) throws ConfigurationException {
        String v = trimmed(p, key);
        if (v == null) {
            return dflt;
        }
        long n = number(v, min - 1);
        if (n < min || n > max) {
            throw new ConfigurationException(file + ": " + key + ": '" + v + "' is not a whole number from " + min + " to " + max);
        }
        return n;
    }

    private static long number(String v, long otherwise) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return otherwise;
        }
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
