package org.retro278.core;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.retro278.config.ConfigurationException;
import org.retro278.config.CoreGateway;
import org.retro278.sftp.Secrets;
import org.retro278.sim.LoopbackPki;

/**
 * The key and trust stores of a CORE gateway on loopback for the MIME tests (the loopback PKI, valid
 * 2020..2100), the gateway settings that name them, and the client TLS context {@link CoreTls} makes from those
 * settings, as the adapter does.
 *
 * @param strangerClientKeys a client key and certificate from another authority than the gateway's
 * @param otherTrust         a trust store of another authority than the one that signed the server's certificate
 */
public record LoopbackStores(Path serverKeys, Path trust, Path clientKeys, Path strangerClientKeys, Path otherTrust) {

    public static final char[] PASSWORD = "changeit-loopback".toCharArray();
    /** The stores' password, under the variables the gateways name. */
    public static final Secrets STORE_PASSWORDS = Secrets.of(Map.of("TRUST_PW", new String(PASSWORD), "KEYS_PW", new String(PASSWORD)));

    public static LoopbackStores in(Path dir) throws IOException {
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        Instant to = Instant.parse("2100-01-01T00:00:00Z");
        LoopbackPki payer = LoopbackPki.create("payer", from, to);
        LoopbackPki stranger = LoopbackPki.create("stranger", from, to);
        return new LoopbackStores(payer.server("gateway").writeKeyStore(dir.resolve("server.p12"), PASSWORD),
                payer.writeTrustStore(dir.resolve("trust.p12"), PASSWORD),
                payer.client("riverside").writeKeyStore(dir.resolve("client.p12"), PASSWORD),
                stranger.client("riverside").writeKeyStore(dir.resolve("stranger-client.p12"), PASSWORD),
                stranger.writeTrustStore(dir.resolve("other-trust.p12"), PASSWORD));
    }

    /**
     * A MIME gateway at {@code endpoint}: password mode (user riverside, password from CORE_PW) when {@code keyStore}
     * is {@code null}, else certificate mode with that key store.
     */
    public static CoreGateway gateway(URI endpoint, Path keyStore, Path trustStore, Duration answerTimeout, int maxInFlight) {
        boolean password = keyStore == null;
        return new CoreGateway(endpoint, CoreEnvelope.MIME, password ? CoreAuth.PASSWORD : CoreAuth.CERTIFICATE,
                password ? "riverside" : null, password ? "CORE_PW" : null, keyStore, password ? null : "KEYS_PW", trustStore,
                "TRUST_PW", "SUBMITTER01", "PAYERCORE", "2.2.0", Duration.ofSeconds(5), answerTimeout, Duration.ofSeconds(60),
                Duration.ofSeconds(90), 1, Duration.ofSeconds(90), maxInFlight);
    }

    /** The client TLS context the adapter makes for the gateway ({@link CoreTls}). */
    public static SSLContext tls(CoreGateway gateway) throws ConfigurationException {
        return CoreTls.forGateway("PAYERCORE", gateway, STORE_PASSWORDS).context();
    }
}
