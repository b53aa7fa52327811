package org.retro278.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.core.CoreAuth;
import org.retro278.core.CoreEnvelope;

/** The {@code gateway.core} section of a payer profile: what it takes, its defaults, and every refusal. */
class PayerDirectoryCoreTest {

    @TempDir
    Path dir;
    Path keys;
    Path trust;

    private static final String PAYER = PayerDirectoryTest.GOOD + "gateway:\n";

    @BeforeEach
    void stores() throws Exception {
        keys = Files.writeString(dir.resolve("client.p12"), "not read when the configuration loads");
        trust = Files.writeString(dir.resolve("trust.p12"), "not read when the configuration loads");
    }

    private String certificateCore() {
        return """
                core:
                  endpoint: https://core.example:8443/core
                  envelope: soap
                  auth: certificate
                  keyStore: %s
                  keyStorePasswordEnv: PAYERX_KEYSTORE_PASSWORD
                  trustStore: %s
                  senderId: SUBMITTER
                  receiverId: urn:oid:2.16.840.1.113883.3.0
                """.formatted(keys, trust);
    }

    private Path payer(String gateway) throws Exception {
        return Files.writeString(dir.resolve("PAYERX.yaml"), PAYER + gateway.indent(2));
    }

    @Test
    void anEmbeddedGatewayNamesNoStoresAndRefusesThem() throws Exception {
        String embedded = """
                core:
                  endpoint: embedded
                  envelope: mime
                  auth: password
                  user: retro278
                  senderId: SUBMITTER
                  receiverId: PAYERX
                """;
        CoreGateway c = PayerDirectory.loadFile(payer(embedded)).gateway().core();
        assertTrue(c.embedded());
        assertNull(c.trustStore());
        assertNull(c.passwordEnv());
        assertEquals("retro278", c.user());
        assertFalse(PayerDirectory.loadFile(payer(certificateCore())).gateway().core().embedded());
        for (String extra : List.of("trustStore: " + trust, "passwordEnv: PAYERX_CORE_PASSWORD")) {
            Path f = payer(embedded + "  " + extra + "\n");
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> PayerDirectory.loadFile(f));
            assertTrue(e.getMessage().startsWith(f + ": gateway.core." + extra.substring(0, extra.indexOf(':'))
                    + ": not with endpoint: embedded"), e.getMessage());
        }
    }

    @Test
    void aCertificateGatewayTakesTheRulesTimingByDefault() throws Exception {
        PayerGateway g = PayerDirectory.loadFile(payer(certificateCore())).gateway();
        assertTrue(g.realTime());
        assertFalse(g.hasSftp());
        assertNull(g.inboundFolder());
        assertNull(g.outboundFolder());
        CoreGateway c = g.core();
        assertEquals(URI.create("https://core.example:8443/core"), c.endpoint());
        assertEquals(CoreEnvelope.SOAP, c.envelope());
        assertEquals(CoreAuth.CERTIFICATE, c.auth());
        assertEquals(keys, c.keyStore());
        assertEquals("PAYERX_KEYSTORE_PASSWORD", c.keyStorePasswordEnv());
        assertEquals(trust, c.trustStore());
        assertNull(c.trustStorePasswordEnv());
        assertNull(c.user());
        assertNull(c.passwordEnv());
        assertEquals("SUBMITTER", c.senderId());
        assertEquals("urn:oid:2.16.840.1.113883.3.0", c.receiverId());
        assertEquals("2.2.0", c.ruleVersion());
        assertEquals(Duration.ofSeconds(10), c.connectTimeout());
        assertEquals(Duration.ofSeconds(20), c.answerTimeout());
        assertEquals(Duration.ofSeconds(60), c.connectionHold());
        assertEquals(Duration.ofSeconds(90), c.retransmitAfter());
        assertEquals(2, c.retries());
        assertEquals(Duration.ofSeconds(90), c.retrySpacing());
        assertEquals(8, c.maxInFlight());
    }

    @Test
    void aPasswordGatewayWithABatchPathForUnsolicitedAnswers() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "edi.example ssh-ed25519 AAAA\n");
        PayerGateway g = PayerDirectory.loadFile(payer("""
                sftp:
                  host: edi.example
                  user: sub1
                  knownHosts: %s
                outboundFolder: outbound
                pollMillis: 1000
                core:
                  endpoint: HTTPS://core.example/rt
                  envelope: MIME
                  auth: password
                  user: sub1@example
                  passwordEnv: PAYERX_CORE_PASSWORD
                  trustStore: %s
                  trustStorePasswordEnv: PAYERX_TRUST_PASSWORD
                  senderId: SUBMITTER
                  receiverId: EXAMPLE
                  ruleVersion: 4.0.0
                  connectTimeoutSeconds: 5
                  answerTimeoutSeconds: 30
                  connectionHoldSeconds: 45
                  retransmitAfterSeconds: 120
                  retries: 0
                  retrySpacingSeconds: 600
                  maxInFlight: 64
                """.formatted(hosts, trust))).gateway();
        assertTrue(g.realTime() && g.hasSftp());
        assertNull(g.inboundFolder());
        assertEquals("outbound", g.outboundFolder());
        assertEquals(Duration.ofSeconds(1), g.poll());
        CoreGateway c = g.core();
        assertEquals(CoreEnvelope.MIME, c.envelope());
        assertEquals(CoreAuth.PASSWORD, c.auth());
        assertEquals("sub1@example", c.user());
        assertEquals("PAYERX_CORE_PASSWORD", c.passwordEnv());
        assertNull(c.keyStore());
        assertEquals("PAYERX_TRUST_PASSWORD", c.trustStorePasswordEnv());
        assertEquals("4.0.0", c.ruleVersion());
        assertEquals(Duration.ofSeconds(5), c.connectTimeout());
        assertEquals(Duration.ofSeconds(30), c.answerTimeout());
        assertEquals(Duration.ofSeconds(45), c.connectionHold());
        assertEquals(Duration.ofSeconds(120), c.retransmitAfter());
        assertEquals(0, c.retries());
        assertEquals(Duration.ofSeconds(600), c.retrySpacing());
        assertEquals(64, c.maxInFlight());
    }

    @Test
    void theRetrySpacingFollowsALaterRetransmissionAndAShortHoldShortensTheAnswerTimeout() throws Exception {
        CoreGateway c = PayerDirectory.loadFile(payer(certificateCore()
                + "  retransmitAfterSeconds: 300\n  connectionHoldSeconds: 15\n")).gateway().core();
        assertEquals(Duration.ofSeconds(300), c.retrySpacing());
        assertEquals(Duration.ofSeconds(15), c.answerTimeout());
    }

    @Test
    void everyMistakeIsRefusedNamingTheFileAndTheSetting() throws Exception {
        String cert = certificateCore();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(cert.replace("https://core.example:8443/core", "http://core.example/core"), "gateway.core.endpoint: 'http://core.example/core' is not an https URL");
        cases.put(cert.replace("https://core.example:8443/core", "https:///core"), "gateway.core.endpoint: 'https:///core' names no host");
        cases.put(cert.replace("https://core.example:8443/core", "'https://a b'"), "gateway.core.endpoint: 'https://a b' is not a URL");
        cases.put(cert.replace("https://core.example:8443/core", "https://sub1:s3cret@core.example/core"), "gateway.core.endpoint: a user or password in the URL is refused");
        cases.put(cert.replace("envelope: soap", "envelope: rest"), "gateway.core.envelope: 'rest' is not soap or mime");
        cases.put(cert.replace("  envelope: soap\n", ""), "gateway.core.envelope: missing");
        cases.put(cert.replace("auth: certificate", "auth: token"), "gateway.core.auth: 'token' is not certificate or password");
        cases.put(cert + "  user: sub1\n", "gateway.core.user: not with auth: certificate");
        cases.put(cert + "  passwordEnv: PW\n", "gateway.core.passwordEnv: not with auth: certificate");
        cases.put(cert.replace("  keyStore: " + keys + "\n", ""), "gateway.core.keyStore: missing");
        cases.put(cert.replace(keys.toString(), dir.resolve("nothere.p12").toString()), "gateway.core.keyStore: the PKCS#12 key store with the client certificate " + dir.resolve("nothere.p12") + " does not exist");
        cases.put(cert.replace("  keyStorePasswordEnv: PAYERX_KEYSTORE_PASSWORD\n", ""), "gateway.core.keyStorePasswordEnv: missing");
        cases.put(cert.replace("PAYERX_KEYSTORE_PASSWORD", "s3cret"), "gateway.core.keyStorePasswordEnv: not the name of an environment variable");
        String password = cert.replace("auth: certificate", "auth: password").replace("  keyStore: " + keys + "\n", "")
                .replace("  keyStorePasswordEnv: PAYERX_KEYSTORE_PASSWORD\n", "");
        cases.put(password + "  passwordEnv: PW\n", "gateway.core.user: missing");
        cases.put(password + "  user: sub1\n", "gateway.core.passwordEnv: missing");
        cases.put(password + "  user: sub1\n  passwordEnv: pw-1\n", "gateway.core.passwordEnv: not the name of an environment variable");
        cases.put(password + "  user: sub1\n  passwordEnv: PW\n  keyStore: " + keys + "\n", "gateway.core.keyStore: not with auth: password");
        cases.put(password + "  user: sub1\n  passwordEnv: PW\n  keyStorePasswordEnv: KS\n", "gateway.core.keyStorePasswordEnv: not with auth: password");
        cases.put(cert.replace("  trustStore: " + trust + "\n", ""), "gateway.core.trustStore: missing");
        cases.put(cert.replace(trust.toString(), dir.resolve("none.p12").toString()), "gateway.core.trustStore: the PKCS#12 trust store");
        cases.put(cert + "  trustStorePasswordEnv: lower\n", "gateway.core.trustStorePasswordEnv: not the name of an environment variable");
        cases.put(cert.replace("  senderId: SUBMITTER\n", ""), "gateway.core.senderId: missing");
        cases.put(cert.replace("receiverId: urn:oid:2.16.840.1.113883.3.0", "receiverId: 'two words'"), "gateway.core.receiverId: 'two words' is not");
        cases.put(cert + "  ruleVersion: v2\n", "gateway.core.ruleVersion: 'v2' is not a CORE rule version");
        cases.put(cert + "  connectTimeoutSeconds: 0\n", "gateway.core.connectTimeoutSeconds: expected a whole number from 1 to 60");
        cases.put(cert + "  connectTimeoutSeconds: 61\n", "gateway.core.connectTimeoutSeconds: expected a whole number from 1 to 60");
        cases.put(cert + "  answerTimeoutSeconds: 61\n", "gateway.core.answerTimeoutSeconds: 61 is longer than connectionHoldSeconds (60)");
        cases.put(cert + "  answerTimeoutSeconds: 0\n", "gateway.core.answerTimeoutSeconds: expected a whole number from 1");
        cases.put(cert + "  connectionHoldSeconds: 91\n", "gateway.core.connectionHoldSeconds: 91 is longer than retransmitAfterSeconds (90)");
        cases.put(cert + "  retransmitAfterSeconds: 89\n", "gateway.core.retransmitAfterSeconds: expected a whole number from 90");
        cases.put(cert + "  retries: 11\n", "gateway.core.retries: expected a whole number from 0 to 10");
        cases.put(cert + "  retrySpacingSeconds: 60\n", "gateway.core.retrySpacingSeconds: 60 is shorter than retransmitAfterSeconds (90)");
        cases.put(cert + "  maxInFlight: 0\n", "gateway.core.maxInFlight: expected a whole number from 1 to 64");
        cases.put(cert + "  maxInFlight: 65\n", "gateway.core.maxInFlight: expected a whole number from 1 to 64");
        cases.put(cert + "  timeoutSeconds: 5\n", "unknown setting(s) [timeoutSeconds] under gateway.core");
        cases.put(cert + "inboundFolder: inbound\n", "gateway.inboundFolder: not with gateway.core");
        cases.put(cert + "maxWaitSeconds: 0\n", "gateway.maxWaitSeconds: not with gateway.core");
        cases.put(cert + "outboundFolder: outbound\n", "gateway.outboundFolder: needs gateway.sftp");
        cases.put(cert + "sftp:\n  host: embedded\n  user: payerx\n", "gateway.outboundFolder: missing");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path f = payer(c.getKey());
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> PayerDirectory.loadFile(f), c.getKey());
            assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(c.getValue()), c.getValue() + " <- " + e.getMessage());
            assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains("pw-1"),
                    "a password pasted by mistake is not echoed: " + e.getMessage());
        }
    }

    @Test
    void withoutCoreTheSftpGatewayIsRequiredAsBefore() throws Exception {
        Path f = payer("inboundFolder: inbound\noutboundFolder: outbound\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> PayerDirectory.loadFile(f));
        assertTrue(e.getMessage().contains(f + ": gateway.sftp: missing"), e.getMessage());
    }
}
