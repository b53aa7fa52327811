package org.retro278.sftp;

import org.retro278.testing.Needs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter's key pair: created once, owner-only, in a format JSch 2.28 (camel-sftp) reads. */
class AdapterKeyTest {

    @TempDir
    Path dir;

    @Test
    void isCreatedOnceOwnerOnlyAndLoadedAgainUnchanged() throws Exception {
        AdapterKey first = AdapterKey.loadOrCreateIn(dir.resolve("keys"), Secrets.of(Map.of()));
        Path file = dir.resolve("keys").resolve(AdapterKey.DEFAULT_FILE_NAME);
        assertEquals(file, first.privateKeyFile());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.publicKeyFile())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        String text = Files.readString(file);
        assertTrue(text.startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n"), text.substring(0, 40));
        assertEquals(first.authorizedKeysLine() + "\n", Files.readString(first.publicKeyFile()));
        assertTrue(first.authorizedKeysLine().startsWith("ecdsa-sha2-nistp256 AAAA"));

        AdapterKey again = AdapterKey.loadOrCreateIn(dir.resolve("keys"), Secrets.of(Map.of()));
        assertEquals(first.fingerprint(), again.fingerprint());
        assertEquals(text, Files.readString(file));
    }

    @Test
    void jschReadsTheUnencryptedKey() throws Exception {
        AdapterKey key = AdapterKey.loadOrCreate(dir.resolve("k"), (char[]) null);
        KeyPair jschKey = KeyPair.load(new JSch(), key.privateKeyFile().toString());
        assertFalse(jschKey.isEncrypted());
        assertEquals(KeyPair.ECDSA, jschKey.getKeyType());
        assertArrayEquals(Base64.getDecoder().decode(key.authorizedKeysLine().split(" ")[1]), jschKey.getPublicKeyBlob());
        new JSch().addIdentity(key.privateKeyFile().toString()); // what camel-sftp's privateKeyFile does
    }

    @Test
    void aPassphraseFromTheEnvironmentEncryptsTheKeyAndJschDecryptsIt() throws Exception {
        Secrets env = Secrets.of(Map.of(AdapterKey.PASSPHRASE_VARIABLE, "p@ss phrase+&=%"));
        AdapterKey key = AdapterKey.loadOrCreateIn(dir, env);
        String body = Files.readString(key.privateKeyFile()).lines().filter(l -> !l.startsWith("-----"))
                .reduce("", String::concat);
        String decoded = new String(Base64.getDecoder().decode(body), StandardCharsets.ISO_8859_1);
        assertTrue(decoded.contains("aes256-ctr") && decoded.contains("bcrypt"), "encrypted with aes256-ctr and bcrypt");

        KeyPair jschKey = KeyPair.load(new JSch(), key.privateKeyFile().toString());
        assertTrue(jschKey.isEncrypted());
        assertFalse(jschKey.decrypt("wrong".getBytes(StandardCharsets.UTF_8)));
        assertTrue(jschKey.decrypt("p@ss phrase+&=%".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(Base64.getDecoder().decode(key.authorizedKeysLine().split(" ")[1]), jschKey.getPublicKeyBlob());
        new JSch().addIdentity(key.privateKeyFile().toString(), "p@ss phrase+&=%".getBytes(StandardCharsets.UTF_8));
        JSchException wrong = assertThrows(JSchException.class,
                () -> new JSch().addIdentity(key.privateKeyFile().toString(), "nope".getBytes(StandardCharsets.UTF_8)));
        assertEquals(SftpFailure.Kind.CLIENT_KEY_UNUSABLE, SftpFailure.of(wrong).kind());

        // loading it again needs the passphrase; without it the message names the variable
        assertEquals(key.fingerprint(), AdapterKey.loadOrCreateIn(dir, env).fingerprint());
        IOException missing = assertThrows(IOException.class, () -> AdapterKey.loadOrCreateIn(dir, Secrets.of(Map.of())));
        assertTrue(missing.getMessage().contains(AdapterKey.PASSPHRASE_VARIABLE), missing.getMessage());
        IOException bad = assertThrows(IOException.class,
                () -> AdapterKey.loadOrCreateIn(dir, Secrets.of(Map.of(AdapterKey.PASSPHRASE_VARIABLE, "nope"))));
        assertTrue(bad.getMessage().contains("wrong passphrase"), bad.getMessage());
        assertFalse(bad.getMessage().contains("p@ss"), "never the passphrase in a message");
    }

    @Test
    void aLostPublicKeyFileIsWrittenAgainFromThePrivateKey() throws Exception {
        AdapterKey key = AdapterKey.loadOrCreate(dir.resolve("k"), (char[]) null);
        Files.delete(key.publicKeyFile());
        AdapterKey again = AdapterKey.loadOrCreate(dir.resolve("k"), (char[]) null);
        assertEquals(key.authorizedKeysLine() + "\n", Files.readString(again.publicKeyFile()));
    }

    @Test
    void openSshReadsItToo() throws Exception {
        Path keygen = Needs.openSsh(Path.of("/usr/bin/ssh-keygen"));
        AdapterKey key = AdapterKey.loadOrCreate(dir.resolve("k"), "secret".toCharArray());
        Process p = new ProcessBuilder(keygen.toString(), "-y", "-P", "secret", "-f", key.privateKeyFile().toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertEquals(0, p.waitFor(), out);
        assertEquals(key.authorizedKeysLine(), out);
    }
}
