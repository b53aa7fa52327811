package org.retro278.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackPkiTest {

    private static final Instant FROM = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2100-01-01T00:00:00Z");
    private static final char[] PASSWORD = "pki-pass".toCharArray();

    @TempDir
    Path dir;

    @Test
    void theServerCertificateNamesLoopbackAndChainsToTheAuthority() throws Exception {
        LoopbackPki pki = LoopbackPki.create("payer", FROM, TO);
        X509Certificate server = pki.server("core.payer").certificate();
        Set<String> names = server.getSubjectAlternativeNames().stream().map(n -> (String) n.get(1)).collect(Collectors.toSet());
        assertEquals(Set.of("127.0.0.1", "localhost"), names);
        server.verify(pki.authority().getPublicKey());
        assertEquals(pki.authority().getSubjectX500Principal(), server.getIssuerX500Principal());
        assertEquals(FROM, server.getNotBefore().toInstant());
        assertEquals(TO, server.getNotAfter().toInstant());
        assertTrue(server.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
        assertEquals(-1, server.getBasicConstraints(), "not a CA");
        assertTrue(pki.authority().getBasicConstraints() >= 0, "the authority is a CA");
    }

    @Test
    void aClientCertificateIsForClientAuthenticationOnly() throws Exception {
        LoopbackPki pki = LoopbackPki.create("payer", FROM, TO);
        X509Certificate client = pki.client("retro278").certificate();
        client.verify(pki.authority().getPublicKey());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), client.getExtendedKeyUsage());
        assertNull(client.getSubjectAlternativeNames());
    }

    @Test
    void theStoresHoldTheKeyWithItsChainAndTheAuthority() throws Exception {
        LoopbackPki pki = LoopbackPki.create("payer", FROM, TO);
        LoopbackPki.Issued client = pki.client("retro278");
        KeyStore keys = load(client.writeKeyStore(dir.resolve("keys/client.p12"), PASSWORD));
        assertTrue(keys.getKey("key", PASSWORD) instanceof PrivateKey);
        Certificate[] chain = keys.getCertificateChain("key");
        assertEquals(List.of(client.certificate(), pki.authority()), List.of(chain));
        KeyStore trust = load(pki.writeTrustStore(dir.resolve("trust.p12"), PASSWORD));
        assertTrue(trust.isCertificateEntry("ca"));
        assertEquals(pki.authority(), trust.getCertificate("ca"));
        Collection<String> aliases = Collections.list(trust.aliases());
        assertEquals(List.of("ca"), List.copyOf(aliases));
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }
}
