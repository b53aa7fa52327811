package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.config.ConfigurationException;
import org.retro278.config.PayerDirectory;
import org.retro278.core.CoreClient;
import org.retro278.core.MimeCoreClient;
import org.retro278.core.SoapCoreClient;
import org.retro278.sftp.Secrets;
import org.retro278.sim.LoopbackPki;
import org.retro278.testing.ProjectFiles;

/**
 * What the adapter checks of its real-time payers at start, and the embedded gateway's certificates: a missing secret
 * stops the start naming the payer's file and the setting; a client certificate close to its end is warned about
 * (payer and days, nothing else); the embedded stores are owner-only and kept across restarts.
 */
class RealTimeGatewaysTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-16T16:00:00Z"), ZoneOffset.UTC);
    private static final String PW = "store-pw";

    @TempDir
    Path tmp;

    @Test
    void aMissingKeyStorePasswordStopsTheStartNamingTheFileAndTheSetting() throws Exception {
        PayerDirectory payers = payerWithStores("soap", Instant.parse("2100-01-01T00:00:00Z"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> RealTimeGateways.start(payers, true,
                tmp.resolve("work"), null, Secrets.of(Map.of("PAYERD_TRUSTSTORE_PASSWORD", PW)), CLOCK));
        assertTrue(e.getMessage().startsWith(tmp.resolve("payers-soap/PAYERD.yaml") + ": gateway.core.keyStorePasswordEnv: the environment variable"
                + " PAYERD_KEYSTORE_PASSWORD is not set"), e.getMessage());
    }

    @Test
    void aClientCertificateExpiringWithin30DaysIsWarnedAboutAndTheClientFollowsTheEnvelope() throws Exception {
        PayerDirectory payers = payerWithStores("mime", Instant.parse("2026-12-06T16:00:00Z"));
        try (LogCapture log = new LogCapture();
             RealTimeGateways g = RealTimeGateways.start(payers, true, tmp.resolve("work"), null, secrets(), CLOCK);
             CoreClient client = g.open(payers.find("PAYERD").orElseThrow())) {
            assertTrue(client instanceof MimeCoreClient, client.getClass().getName());
            String warned = log.events().stream().map(LogCapture::text).filter(t -> t.contains("expires in")).findFirst().orElse("");
            assertEquals("payer PAYERD: the client certificate of gateway.core.keyStore expires in 20 day(s); renew it with"
                    + " the payer before then (docs/partners.md)", warned);
        }
        PayerDirectory soap = payerWithStores("soap", Instant.parse("2100-01-01T00:00:00Z"));
        try (LogCapture log = new LogCapture();
             RealTimeGateways g = RealTimeGateways.start(soap, true, tmp.resolve("work"), null, secrets(), CLOCK);
             CoreClient client = g.open(soap.find("PAYERD").orElseThrow())) {
            assertTrue(client instanceof SoapCoreClient, client.getClass().getName());
            assertFalse(log.events().stream().map(LogCapture::text).anyMatch(t -> t.contains("expires in")));
        }
    }

    @Test
    void anEmbeddedGatewayNeedsTheSimulator() throws Exception {
        PayerDirectory payers = PayerDirectory.load(ProjectFiles.path("demo/config/payers"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> RealTimeGateways.start(payers, false,
                tmp.resolve("work"), null, Secrets.of(Map.of()), CLOCK));
        assertTrue(e.getMessage().startsWith(ProjectFiles.path("demo/config/payers/PAYERD.yaml") + ": gateway.core.endpoint: embedded"),
                e.getMessage());
    }

    @Test
    void theEmbeddedGatewaysStoresAreOwnerOnlyAndKeptAcrossRestarts() throws Exception {
        PayerDirectory payers = PayerDirectory.load(ProjectFiles.path("demo/config/payers"));
        Path work = tmp.resolve("work");
        String endpoint;
        try (RealTimeGateways g = RealTimeGateways.start(payers, true, work, null, Secrets.of(Map.of()), CLOCK)) {
            endpoint = g.gateway("PAYERD").orElseThrow().endpoint().toString();
            assertTrue(endpoint.startsWith("https://127.0.0.1:"), endpoint);
        }
        Path dir = work.resolve("core/PAYERD");
        Map<Path, byte[]> first = new HashMap<>();
        Set<PosixFilePermission> ownerOnly = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertEquals(ownerOnly, Files.getPosixFilePermissions(f), f.toString());
                first.put(f, Files.readAllBytes(f));
            }
        }
        assertEquals(4, first.size(), first.keySet().toString());
        try (RealTimeGateways g = RealTimeGateways.start(payers, true, work, null, Secrets.of(Map.of()), CLOCK)) {
            assertTrue(g.gateway("PAYERD").isPresent());
        }
        for (Map.Entry<Path, byte[]> f : first.entrySet()) {
            assertTrue(Arrays.equals(f.getValue(), Files.readAllBytes(f.getKey())), "made again: " + f.getKey());
        }
    }

    private static Secrets secrets() {
        return Secrets.of(Map.of("PAYERD_TRUSTSTORE_PASSWORD", PW, "PAYERD_KEYSTORE_PASSWORD", PW));
    }

    /** The demo's PAYERD with a gateway at a (never called) loopback URL and stores whose client certificate ends then. */
    private PayerDirectory payerWithStores(String envelope, Instant clientCertificateEnds) throws Exception {
        LoopbackPki ca = LoopbackPki.create("test", Instant.parse("2020-01-01T00:00:00Z"), clientCertificateEnds);
        Path trust = ca.writeTrustStore(tmp.resolve("trust.p12"), PW.toCharArray());
        Path keys = ca.client("retro278").writeKeyStore(tmp.resolve("client.p12"), PW.toCharArray());
        String core = "    endpoint: https://127.0.0.1:9/core\n    envelope: " + envelope + "\n    auth: certificate\n"
                + "    keyStore: " + keys + "\n    keyStorePasswordEnv: PAYERD_KEYSTORE_PASSWORD\n    trustStore: " + trust
                + "\n    trustStorePasswordEnv: PAYERD_TRUSTSTORE_PASSWORD\n    senderId: RETRO278\n    receiverId: DOGWOODHP\n";
        String yaml = Files.readString(ProjectFiles.path("demo/config/payers/PAYERD.yaml"))
                .replaceAll("(?s)  core:\n.*?(?=  sftp:)", Matcher.quoteReplacement("  core:\n" + core));
        Path dir = Files.createDirectories(tmp.resolve("payers-" + envelope));
        Files.writeString(dir.resolve("PAYERD.yaml"), yaml);
        return PayerDirectory.load(dir);
    }
}
