package org.retro278.runtime;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.retro278.core.CoreAuth;
import org.retro278.core.CoreEnvelope;
import org.retro278.sftp.embedded.SftpServerExtension;
import org.retro278.sim.CoreMimeEndpoint;
import org.retro278.sim.CoreResponder;
import org.retro278.sim.CoreSoapEndpoint;
import org.retro278.sim.LoopbackPki;
import org.retro278.sim.PayerSimulator;
import org.retro278.sim.SimulatedCorePayer;
import org.retro278.testing.ProjectFiles;

/**
 * A real-time payer for the adapter ITs: PAYERD of the demo installation, its gateway a simulated CORE endpoint
 * on loopback started by the test (SOAP or MIME, certificate or password), its certificates from a {@link LoopbackPki}
 * with fixed validity (2020..2100), its batch path (final 278s after a pended answer) the test SFTP server's
 * {@code payerd} account. Counts what reached it: every PayloadID and every BHT03.
 */
final class CorePayer implements AutoCloseable {

    static final Path REALTIME_SAMPLE = ProjectFiles.path("sample-edi/claims/realtime-2026-11-15.csv");
    static final String CERTIFIED_CLAIM = "CLM3001";
    static final String PENDED_CLAIM = "CLM3010";
    /** The loopback certificates' validity: fixed, covering every clock a test runs on. */
    private static final Instant FROM = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2100-01-01T00:00:00Z");
    static final String STORE_PASSWORD = "loopback-store-pw";
    static final String GATEWAY_USER = "retro278@dogwood";
    static final String GATEWAY_PASSWORD = "right-password";

    final SimulatedCorePayer payer;
    final List<String> payloadIds = new CopyOnWriteArrayList<>();
    final List<String> bht03s = new CopyOnWriteArrayList<>();
    private final AutoCloseable endpoint;
    private final URI address;
    private final Path dir;
    private final CoreEnvelope envelope;
    private final CoreAuth auth;

    /**
     * @param serverCa the CA of the server certificate the endpoint presents: {@code ca} itself, or another (a wrong
     *                 server certificate)
     */
    private CorePayer(Path dir, LoopbackPki ca, LoopbackPki serverCa, CoreEnvelope envelope, CoreAuth auth, Path outbound,
                      Clock clock) throws Exception {
        this.dir = dir;
        this.envelope = envelope;
        this.auth = auth;
        char[] pw = STORE_PASSWORD.toCharArray();
        ca.writeTrustStore(dir.resolve("trust.p12"), pw);
        ca.client("retro278 adapter").writeKeyStore(dir.resolve("client.p12"), pw);
        Path server = serverCa.server("dogwood gateway").writeKeyStore(dir.resolve("server.p12"), pw);
        payer = new SimulatedCorePayer("DOGWOODHP", "2.2.0", PayerSimulator.MIXED, clock)
                .pendedFinalsTo(outbound, Duration.ofSeconds(3)).start(Duration.ofMillis(200));
        CoreResponder counting = (request, user) -> {
            payloadIds.add(request.payloadId());
            Matcher m = Pattern.compile("BHT\\*[^*]*\\*[^*]*\\*([^*~]+)").matcher(request.payload());
            if (m.find()) {
                bht03s.add(m.group(1));
            }
            return payer.answer(request, user);
        };
        if (envelope == CoreEnvelope.MIME) {
            CoreMimeEndpoint e = auth == CoreAuth.PASSWORD
                    ? CoreMimeEndpoint.withPassword(counting, server, pw, GATEWAY_USER, GATEWAY_PASSWORD, clock)
                    : CoreMimeEndpoint.withCertificate(counting, server, pw, dir.resolve("trust.p12"), pw, clock);
            address = e.start(0).address();
            endpoint = e;
        } else {
            CoreSoapEndpoint e = CoreSoapEndpoint.fromStores(counting, auth, auth == CoreAuth.PASSWORD ? GATEWAY_USER : null,
                    auth == CoreAuth.PASSWORD ? GATEWAY_PASSWORD : null, server, pw, dir.resolve("trust.p12"), pw);
            e.start(0);
            address = URI.create(e.address());
            endpoint = e;
        }
    }

    static CorePayer start(Path dir, CoreEnvelope envelope, CoreAuth auth, SftpServerExtension sftp, Clock clock) throws Exception {
        LoopbackPki ca = LoopbackPki.create("dogwood", FROM, TO);
        return new CorePayer(Files.createDirectories(dir), ca, ca, envelope, auth, sftp.home("payerd").resolve("outbound"), clock);
    }

    /** A payer whose server certificate comes from a CA our trust store does not hold. */
    static CorePayer withUntrustedServerCertificate(Path dir, SftpServerExtension sftp, Clock clock) throws Exception {
        return new CorePayer(Files.createDirectories(dir), LoopbackPki.create("dogwood", FROM, TO),
                LoopbackPki.create("impostor", FROM, TO), CoreEnvelope.SOAP, CoreAuth.CERTIFICATE,
                sftp.home("payerd").resolve("outbound"), clock);
    }

    /**
     * Writes PAYERD's profile into the installation: the demo's one with this endpoint and these stores, its SFTP at
     * the test server, and {@code extraCore} (more {@code gateway.core} settings, indented by four spaces).
     */
    void configure(AdapterHarness h, SftpServerExtension sftp, String extraCore) throws IOException {
        String shipped = Files.readString(ProjectFiles.path("demo/config/payers/PAYERD.yaml"));
        String credential = auth == CoreAuth.CERTIFICATE
                ? "    auth: certificate\n    keyStore: " + dir.resolve("client.p12") + "\n    keyStorePasswordEnv: PAYERD_KEYSTORE_PASSWORD\n"
                : "    auth: password\n    user: " + GATEWAY_USER + "\n    passwordEnv: PAYERD_CORE_PASSWORD\n";
        String core = "    endpoint: " + address + "\n    envelope: " + envelope.name().toLowerCase(Locale.ROOT) + "\n" + credential
                + "    trustStore: " + dir.resolve("trust.p12") + "\n    trustStorePasswordEnv: PAYERD_TRUSTSTORE_PASSWORD\n"
                + "    senderId: RETRO278\n    receiverId: DOGWOODHP\n" + extraCore;
        String yaml = shipped.replaceAll("(?s)  core:\n.*?(?=  sftp:)", Matcher.quoteReplacement("  core:\n" + core))
                .replaceAll("(?m)^    host: embedded$", Matcher.quoteReplacement("    host: " + sftp.host() + "\n    port: "
                        + sftp.port() + "\n    knownHosts: " + sftp.knownHostsFile() + "\n    privateKey: " + sftp.adapterKeyFile()));
        Files.writeString(h.config().resolve("payers/PAYERD.yaml"), yaml);
    }

    /** The secrets the adapter needs for this payer, with the gateway password {@code password} (password mode). */
    static Map<String, String> secrets(String password) {
        return Map.of("PAYERD_KEYSTORE_PASSWORD", STORE_PASSWORD, "PAYERD_TRUSTSTORE_PASSWORD", STORE_PASSWORD,
                "PAYERD_CORE_PASSWORD", password);
    }

    /** The real-time sample's rows of one claim, as a claim file of its own. */
    static byte[] claimFile(String claimId) throws IOException {
        List<String> lines = Files.readAllLines(REALTIME_SAMPLE);
        StringBuilder out = new StringBuilder(lines.get(0)).append('\n');
        lines.stream().skip(1).filter(l -> l.startsWith(claimId + ",")).forEach(l -> out.append(l).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        endpoint.close();
        payer.close();
    }
}
