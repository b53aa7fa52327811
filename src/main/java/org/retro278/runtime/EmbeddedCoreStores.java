package org.retro278.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.retro278.io.SecureFiles;
import org.retro278.sim.LoopbackPki;

/**
 * The certificates and passwords of one payer's embedded CORE gateway ({@code gateway.core.endpoint: embedded}),
 * under {@code <work>/core/<PAYER>/}: a loopback CA of its own as the trust store of both sides, the simulated
 * gateway's server key store (127.0.0.1 and localhost), the adapter's client key store, and the passwords of the
 * three (and, in password mode, the gateway's password) in {@code passwords.properties}. All owner-only, made at
 * the first start with fresh passwords and kept across restarts; none of it is ever a real payer's.
 *
 * @param trustStore       the CA's certificate (what both sides verify the other against)
 * @param serverKeyStore   the simulated gateway's key and certificate
 * @param clientKeyStore   the adapter's client key and certificate
 * @param passwords        the passwords by {@link #TRUST_STORE}, {@link #SERVER_KEY_STORE}, {@link #CLIENT_KEY_STORE},
 *                         {@link #GATEWAY_PASSWORD}
 */
record EmbeddedCoreStores(Path trustStore, Path serverKeyStore, Path clientKeyStore, Map<String, String> passwords) {

    static final String TRUST_STORE = "trustStore";
    static final String SERVER_KEY_STORE = "serverKeyStore";
    static final String CLIENT_KEY_STORE = "clientKeyStore";
    static final String GATEWAY_PASSWORD = "gatewayPassword";
    private static final List<String> NAMES = List.of(TRUST_STORE, SERVER_KEY_STORE, CLIENT_KEY_STORE, GATEWAY_PASSWORD);
    // a loopback CA that only this installation's simulator and adapter trust: fixed dates that the adapter's
    // clock (--as-of, the tests' pinned clocks) and the machine's clock both fall inside
    private static final Instant VALID_FROM = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant VALID_TO = Instant.parse("2100-01-01T00:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The stores in {@code dir}, made (with fresh passwords) unless all of them are there already. */
    static EmbeddedCoreStores loadOrCreate(Path dir, String payerId) throws IOException {
        EmbeddedCoreStores stores = new EmbeddedCoreStores(dir.resolve("trust.p12"), dir.resolve("server.p12"),
                dir.resolve("client.p12"), Map.of());
        Path passwordFile = dir.resolve("passwords.properties");
        if (Files.isRegularFile(passwordFile) && Files.isRegularFile(stores.trustStore) && Files.isRegularFile(stores.serverKeyStore)
                && Files.isRegularFile(stores.clientKeyStore)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(passwordFile)) {
                p.load(in);
            }
            if (NAMES.stream().allMatch(n -> p.getProperty(n, "").length() > 0)) {
                return stores.with(p);
            }
        }
        SecureFiles.createPrivateDirectories(dir);
        Properties p = new Properties();
        NAMES.forEach(n -> p.setProperty(n, freshPassword()));
        LoopbackPki pki = LoopbackPki.create("retro278 embedded " + payerId, VALID_FROM, VALID_TO);
        pki.writeTrustStore(stores.trustStore, p.getProperty(TRUST_STORE).toCharArray());
        pki.server("retro278 embedded " + payerId + " gateway").writeKeyStore(stores.serverKeyStore,
                p.getProperty(SERVER_KEY_STORE).toCharArray());
        pki.client("retro278 adapter for " + payerId).writeKeyStore(stores.clientKeyStore,
                p.getProperty(CLIENT_KEY_STORE).toCharArray());
        // the passwords last: a start that died before this point makes everything again
        SecureFiles.writeAtomically(passwordFile, out -> p.store(out, "the embedded CORE gateway of payer " + payerId
                + " (made by retro278; loopback only)"));
        return stores.with(p);
    }

    char[] password(String name) {
        return passwords.get(name).toCharArray();
    }

    private EmbeddedCoreStores with(Properties p) {
        return new EmbeddedCoreStores(trustStore, serverKeyStore, clientKeyStore,
                Map.of(TRUST_STORE, p.getProperty(TRUST_STORE), SERVER_KEY_STORE, p.getProperty(SERVER_KEY_STORE),
                        CLIENT_KEY_STORE, p.getProperty(CLIENT_KEY_STORE), GATEWAY_PASSWORD, p.getProperty(GATEWAY_PASSWORD)));
    }

    private static String freshPassword() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return new String(Base64.getUrlEncoder().withoutPadding().encode(b), StandardCharsets.US_ASCII);
    }
}
