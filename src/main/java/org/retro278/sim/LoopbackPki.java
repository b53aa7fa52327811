package org.retro278.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.retro278.io.SecureFiles;

/**
 * The certificates of a CORE gateway on loopback (the simulator, the demo, the tests): a certificate
 * authority of its own, a server certificate for {@code 127.0.0.1} and {@code localhost}, and client
 * certificates, written as PKCS#12 key and trust stores readable only by their owner. Nothing here is for
 * a real payer: a real gateway's certificates come from the payer and the practice's own CA
 * (docs/partners.md).
 */
public final class LoopbackPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private final String name;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final Instant notBefore;
    private final Instant notAfter;

    private LoopbackPki(String name, KeyPair caKeys, X509Certificate ca, Instant notBefore, Instant notAfter) {
        this.name = name;
        this.caKeys = caKeys;
        this.ca = ca;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
    }

    /** A new certificate authority named {@code name}, whose certificates are valid from {@code notBefore} to {@code notAfter}. */
    public static LoopbackPki create(String name, Instant notBefore, Instant notAfter) {
        try {
            KeyPair keys = keyPair();
            X500Name subject = new X500Name("CN=" + name + " loopback CA,O=retro278");
            X509v3CertificateBuilder b = builder(subject, subject, keys, notBefore, notAfter)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new LoopbackPki(name, keys, sign(b, keys.getPrivate()), notBefore, notAfter);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("the loopback certificate authority could not be made", e);
        }
    }

    /** The CA's certificate (what a trust store holds). */
    public X509Certificate authority() {
        return ca;
    }

    /** A server key and certificate for 127.0.0.1 and localhost, signed by this CA. */
    public Issued server(String commonName) {
        return issue(commonName, true);
    }

    /** A client key and certificate (TLS client authentication), signed by this CA. */
    public Issued client(String commonName) {
        return issue(commonName, false);
    }

    private Issued issue(String commonName, boolean server) {
        try {
            KeyPair keys = keyPair();
            X509v3CertificateBuilder b = builder(new X500Name("CN=" + name + " loopback CA,O=retro278"),
                    new X500Name("CN=" + commonName + ",O=retro278"), keys, notBefore, notAfter)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
            if (server) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
            }
            return new Issued(keys.getPrivate(), sign(b, caKeys.getPrivate()), ca);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("a loopback certificate could not be made", e);
        }
    }

    /** Writes a PKCS#12 trust store holding this CA's certificate, readable only by its owner. */
    public Path writeTrustStore(Path file, char[] password) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", ca);
            return write(ks, file, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("the trust store " + file.getFileName() + " could not be written", e);
        }
    }

    private static Path write(KeyStore ks, Path file, char[] password) throws IOException, GeneralSecurityException {
        SecureFiles.createPrivateDirectories(file.toAbsolutePath().getParent());
        Path tmp = SecureFiles.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString());
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** A key and its certificate chain. */
    public record Issued(PrivateKey key, X509Certificate certificate, X509Certificate issuer) {

        /** Writes a PKCS#12 key store with this key and chain under alias {@code key}, readable only by its owner. */
        public Path writeKeyStore(Path file, char[] password) throws IOException {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("key", key, password, new Certificate[] {certificate, issuer});
                return write(ks, file, password);
            } catch (GeneralSecurityException e) {
                throw new IOException("the key store " + file.getFileName() + " could not be written", e);
            }
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, Instant from, Instant to) {
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from),
                Date.from(to), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }
}
