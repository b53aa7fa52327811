package org.retro278.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {

    @Test
    void theHostFieldCarriesThePortInBracketsUnlessItIs22() {
        assertEquals("[127.0.0.1]:2222", KnownHosts.hostField("127.0.0.1", 2222));
        assertEquals("sftp.payer.example", KnownHosts.hostField("sftp.payer.example", 22));
        assertEquals("[::1]:2222", KnownHosts.hostField("::1", 2222));
        assertThrows(IllegalArgumentException.class, () -> KnownHosts.hostField("a b", 22));
        assertThrows(IllegalArgumentException.class, () -> KnownHosts.hostField("host", 0));
    }

    @Test
    void writesOwnerOnlyLines(@TempDir Path dir) throws Exception {
        PublicKey key = SshKeyFiles.generate().getPublic();
        String line = KnownHosts.line("127.0.0.1", 40022, key);
        assertEquals("[127.0.0.1]:40022 " + SshKeyFiles.publicKeyLine(key), line);
        Path file = KnownHosts.write(dir.resolve("partners/payera/known_hosts"), List.of(line));
        assertEquals(line + "\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(key, SshKeyFiles.parsePublicKeyLine(line.substring(line.indexOf(' ') + 1)));
    }
}
