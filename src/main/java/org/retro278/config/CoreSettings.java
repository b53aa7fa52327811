package org.retro278.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.retro278.core.CoreAuth;
import org.retro278.core.CoreEnvelope;

/**
 * Reads the {@code gateway.core:} section of a payer profile, a real-time gateway over CAQH CORE connectivity
 * (docs/configuration.md "gateway.core settings"). The timing limits are the rule's: an answer within the
 * time the connection is held, and a request never sent again sooner than 90 s after it was sent.
 */
final class CoreSettings {

    /** What the CORE rule allows as the soonest retransmission, in seconds. */
    static final int RETRANSMIT_AT_LEAST = 90;
    /** {@code endpoint: embedded}: the payer simulator's gateway on loopback (the demo, the default installation). */
    static final String EMBEDDED = "embedded";
    private static final int LONGEST = 86_400;
    /** SenderID / ReceiverID: visible ASCII without spaces (plain ids, or OIDs such as urn:oid:2.16.840...). */
    private static final Pattern CORE_ID = Pattern.compile("[\\x21-\\x7E]{1,80}");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@\\-]{1,128}");
    private static final Pattern RULE_VERSION = Pattern.compile("\\d{1,2}\\.\\d{1,2}\\.\\d{1,2}");

    private CoreSettings() {
    }

    static CoreGateway parse(YamlSection s) throws ConfigurationException {
        s.onlyKeys(Set.of("endpoint", "envelope", "auth", "user", "passwordEnv", "keyStore", "keyStorePasswordEnv",
                "trustStore", "trustStorePasswordEnv", "senderId", "receiverId", "ruleVersion", "connectTimeoutSeconds",
                "answerTimeoutSeconds", "connectionHoldSeconds", "retransmitAfterSeconds", "retries",
                "retrySpacingSeconds", "maxInFlight"));
        boolean embedded = EMBEDDED.equals(s.text("endpoint", null, "the gateway's https URL, or 'embedded'"));
        URI endpoint = embedded ? CoreGateway.EMBEDDED_PLACEHOLDER : endpoint(s);
        if (embedded) {
            for (String key : List.of("keyStore", "keyStorePasswordEnv", "trustStore", "trustStorePasswordEnv", "passwordEnv")) {
                if (s.has(key)) {
                    throw new ConfigurationException(s.where(key) + ": not with endpoint: embedded (the adapter makes the"
                            + " simulated gateway's certificates and passwords under its work directory)");
                }
            }
        }
        CoreEnvelope envelope = CoreEnvelope.valueOf(s.text("envelope", Pattern.compile("(?i)soap|mime"), "soap or mime")
                .toUpperCase(Locale.ROOT));
        CoreAuth auth = s.text("auth", Pattern.compile("(?i)certificate|password"), "certificate or password")
                .equalsIgnoreCase("password") ? CoreAuth.PASSWORD : CoreAuth.CERTIFICATE;
        String user = null;
        String passwordEnv = null;
        Path keyStore = null;
        String keyStorePasswordEnv = null;
        if (auth == CoreAuth.PASSWORD) {
            refuse(s, "keyStore", auth, "it sends a user name and password, not a client certificate");
            refuse(s, "keyStorePasswordEnv", auth, "it has no key store");
            user = s.text("user", USER, "a user name (letters, digits, . _ @ -)");
            passwordEnv = embedded ? null : s.secretName("passwordEnv", "the password", true);
        } else {
            refuse(s, "user", auth, "the client certificate says who we are; or use auth: password");
            refuse(s, "passwordEnv", auth, "it sends no password; or use auth: password");
            if (!embedded) {
                keyStore = SftpSettings.existingFile(s, "keyStore", "the PKCS#12 key store with the client certificate");
                keyStorePasswordEnv = s.secretName("keyStorePasswordEnv", "the key store's password", true);
            }
        }
        Path trustStore = embedded ? null
                : SftpSettings.existingFile(s, "trustStore", "the PKCS#12 trust store for the payer's server certificate");
        String trustStorePasswordEnv = embedded ? null : s.secretName("trustStorePasswordEnv", "the trust store's password", false);
        String senderId = s.text("senderId", CORE_ID, "a CORE SenderID of 1-80 visible characters without spaces");
        String receiverId = s.text("receiverId", CORE_ID, "a CORE ReceiverID of 1-80 visible characters without spaces");
        String ruleVersion = s.text("ruleVersion", RULE_VERSION, "a CORE rule version such as 2.2.0", "2.2.0");

        int connect = s.integer("connectTimeoutSeconds", 1, 60, 10);
        int retransmit = s.integer("retransmitAfterSeconds", RETRANSMIT_AT_LEAST, LONGEST, RETRANSMIT_AT_LEAST);
        int hold = s.integer("connectionHoldSeconds", 1, 300, 60);
        if (hold > retransmit) {
            throw new ConfigurationException(s.where("connectionHoldSeconds") + ": " + hold + " is longer than"
                    + " retransmitAfterSeconds (" + retransmit + "): a request would be sent again while its first"
                    + " connection may still be open");
        }
        int answer = s.integer("answerTimeoutSeconds", 1, 300, Math.min(20, hold));
        if (answer > hold) {
            throw new ConfigurationException(s.where("answerTimeoutSeconds") + ": " + answer + " is longer than"
                    + " connectionHoldSeconds (" + hold + "): the answer is awaited only while the connection is held");
        }
        int retries = s.integer("retries", 0, 10, 2);
        int spacing = s.integer("retrySpacingSeconds", 1, LONGEST, retransmit);
        if (spacing < retransmit) {
            throw new ConfigurationException(s.where("retrySpacingSeconds") + ": " + spacing + " is shorter than"
                    + " retransmitAfterSeconds (" + retransmit + "): a request is never sent again sooner");
        }
        int maxInFlight = s.integer("maxInFlight", 1, 64, 8);
        return new CoreGateway(endpoint, envelope, auth, user, passwordEnv, keyStore, keyStorePasswordEnv, trustStore,
                trustStorePasswordEnv, senderId, receiverId, ruleVersion, Duration.ofSeconds(connect),
                Duration.ofSeconds(answer), Duration.ofSeconds(hold), Duration.ofSeconds(retransmit), retries,
                Duration.ofSeconds(spacing), maxInFlight, embedded);
    }

    /** The gateway's URL: https only (the rule's transport), with a host, and no credentials in it. */
    private static URI endpoint(YamlSection s) throws ConfigurationException {
        String text = s.text("endpoint", null, "the gateway's https URL");
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(s.where("endpoint") + ": '" + text + "' is not a URL: " + e.getReason());
        }
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("https")) {
            throw new ConfigurationException(s.where("endpoint") + ": '" + text + "' is not an https URL (CORE connectivity"
                    + " runs over TLS only; http is refused)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ConfigurationException(s.where("endpoint") + ": '" + text + "' names no host");
        }
        if (uri.getRawUserInfo() != null) {
            // never echo the URL: what precedes the host may be a pasted password
            throw new ConfigurationException(s.where("endpoint") + ": a user or password in the URL is refused"
                    + " (use auth: password with user and passwordEnv)");
        }
        if (uri.getRawFragment() != null) {
            throw new ConfigurationException(s.where("endpoint") + ": '" + text + "' has a #fragment, which a gateway URL never has");
        }
        return uri;
    }

    private static void refuse(YamlSection s, String key, CoreAuth auth, String why) throws ConfigurationException {
        if (s.has(key)) {
            throw new ConfigurationException(s.where(key) + ": not with auth: " + auth.name().toLowerCase(Locale.ROOT)
                    + " (" + why + ")");
        }
    }
}
