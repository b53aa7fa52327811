package org.retro278.sftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.retro278.io.SecureFiles;

/**
 * Pinned SSH host keys in OpenSSH {@code known_hosts} format, one file per partner (camel-sftp:
 * {@code knownHostsFile=...&useUserKnownHostsFile=false&strictHostKeyChecking=yes}).
 *
 * <p>The host field must be written exactly as the client looks it up: JSch (like OpenSSH) checks the
 * host as it appears in the endpoint URI, bracketed with the port when the port is not 22 —
 * {@code [127.0.0.1]:2222}. A line for {@code localhost} does not match a URI that says
 * {@code 127.0.0.1}, and a line without the port does not pin a non-standard port (JSch falls back to
 * the bare host only when no bracketed entry exists).
 */
public final class KnownHosts {

    private KnownHosts() {
    }

    /** The host field of a known_hosts line: {@code host} for port 22, {@code [host]:port} otherwise. */
    public static String hostField(String host, int port) {
        if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == ',' || c == '#')) {
            throw new IllegalArgumentException("not a host name or address: '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** One known_hosts line pinning {@code key} for {@code host:port}. */
    public static String line(String host, int port, PublicKey key) {
        return hostField(host, port) + " " + SshKeyFiles.publicKeyLine(key);
    }

    /** Writes (replaces) a known_hosts file, owner-only and atomically. */
    public static Path write(Path file, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String l : lines) {
            if (l.indexOf('\n') >= 0 || l.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a known_hosts line must not contain a line break");
            }
            text.append(l).append('\n');
        }
        SecureFiles.createPrivateDirectories(file.toAbsolutePath().getParent());
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        SecureFiles.writeAtomically(file, out -> out.write(bytes));
        return file;
    }
}
