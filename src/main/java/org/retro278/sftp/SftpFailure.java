package org.retro278.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchAlgoNegoFailException;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchRevokedHostKeyException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.SftpException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What went wrong with an SFTP connection or transfer, told so that an operator can act on it —
 * turned from the exception chain camel-sftp throws (Camel's {@code GenericFileOperationFailedException}
 * around JSch's exceptions). Routes put {@link #message()} into the error state of a file or claim.
 *
 * <p>Messages hold only the server ({@code host:port}, {@code [host]:port} as pinned), the login name,
 * the SSH methods or status codes involved and the remedy: never a file name, path or file content
 * (file names of practices may carry patient names), never a key, password or passphrase.
 *
 * @param kind   the class of failure; {@link Kind#retryable()} tells whether waiting can fix it
 * @param server the server as JSch or Camel named it ({@code [127.0.0.1]:2222}, {@code 127.0.0.1:2222}),
 *               or {@code "the SFTP server"} when the chain does not say
 * @param message one or two sentences for the operator
 */
public record SftpFailure(Kind kind, String server, String message) {

    /** Classes of failure, with whether retrying later can succeed without someone acting. */
    public enum Kind {
        /** The server's host key differs from the pinned one: possible man-in-the-middle, or a key rotation. */
        HOST_KEY_MISMATCH(false),
        /** The known_hosts file has no key for this host and port. */
        HOST_KEY_NOT_PINNED(false),
        /** The server's host key is marked {@code @revoked} in known_hosts. */
        HOST_KEY_REVOKED(false),
        /** The server refused the login (account, key or password). */
        AUTHENTICATION_FAILED(false),
        /** The adapter's private key could not be used (wrong or missing passphrase, unreadable file). */
        CLIENT_KEY_UNUSABLE(false),
        /** Client and server share no key-exchange, cipher, MAC or host-key algorithm. */
        NO_COMMON_ALGORITHM(false),
        /** Connection refused, timed out, host unknown, or the connection dropped. */
        UNREACHABLE(true),
        /** The final file already exists at the server (with {@code fileExist=Fail}). */
        TARGET_EXISTS(false),
        /** The server refused a file operation (permission denied, no such folder, ...). */
        REMOTE_FILE_OPERATION(false),
        /** Anything else. */
        OTHER(true);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether trying again later can succeed without anybody changing configuration or keys. */
        public boolean retryable() {
            return retryable;
        }
    }

    private static final String SOME_SERVER = "the SFTP server";
    // Camel: "Cannot connect to sftp://user@host:port"; JSch host-key messages end with the pinned host field
    private static final Pattern CAMEL_SERVER = Pattern.compile("s?ftps?://(?:([A-Za-z0-9._-]+)@)?([A-Za-z0-9._:\\[\\]-]+)");
    private static final Pattern HOST_FIELD = Pattern.compile(":\\s+(\\[[A-Za-z0-9._:-]+\\]:\\d+|[A-Za-z0-9._-]+)");
    private static final Pattern AUTH_METHODS = Pattern.compile("for methods '([a-z0-9@.,-]*)'");

    /** Explains a failure thrown by a camel-sftp producer or consumer (or by JSch directly). */
    public static SftpFailure of(Throwable failure) {
        List<Throwable> chain = chain(failure);
        String server = SOME_SERVER;
        String user = null;
        for (Throwable t : chain) {
            Matcher m = CAMEL_SERVER.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                user = m.group(1);
                server = m.group(2);
                break;
            }
        }

        for (Throwable t : chain) {
            if (t instanceof JSchRevokedHostKeyException) {
                String host = hostField(t, server);
                return new SftpFailure(Kind.HOST_KEY_REVOKED, host, "SFTP host key revoked: the key that " + host
                        + " presented is marked @revoked in its known_hosts file. Not connecting. Ask the partner"
                        + " for its current key and verify the fingerprint out of band (docs/sftp.md).");
            }
            if (t instanceof JSchChangedHostKeyException) {
                String host = hostField(t, server);
                return new SftpFailure(Kind.HOST_KEY_MISMATCH, host, "SFTP host key mismatch: " + host
                        + " presented a host key that does not match the key pinned in its known_hosts file."
                        + " Not connecting: this is what a man-in-the-middle looks like. If the partner has"
                        + " changed its key, get the new fingerprint from them out of band, compare it with"
                        + " 'ssh-keyscan' output, then replace the pinned line (docs/sftp.md).");
            }
            if (t instanceof JSchUnknownHostKeyException) {
                String host = hostField(t, server);
                return new SftpFailure(Kind.HOST_KEY_NOT_PINNED, host, "SFTP host key not pinned: the known_hosts"
                        + " file has no key for " + host + " (the host field must be written exactly as the"
                        + " endpoint names the host, with [host]:port for a port other than 22). Not connecting."
                        + " Pin the partner's key after verifying its fingerprint out of band (docs/sftp.md).");
            }
        }
        for (Throwable t : chain) {
            String msg = String.valueOf(t.getMessage());
            if (t instanceof JSchException && (msg.startsWith("Auth fail") || msg.startsWith("Auth cancel"))) {
                Matcher m = AUTH_METHODS.matcher(msg);
                String methods = m.find() ? " (the server offers: " + m.group(1) + ")" : "";
                return new SftpFailure(Kind.AUTHENTICATION_FAILED, server, "SFTP login refused by " + server
                        + (user == null ? "" : " for user '" + user + "'") + methods + ": check the account name,"
                        + " that the partner has the adapter's public key, or the password variable.");
            }
            if (t instanceof JSchException && (msg.startsWith("Incorrect passphrase") || msg.contains("invalid privatekey")
                    || msg.startsWith("Cannot read private key") || msg.startsWith("privatekey:"))) {
                return new SftpFailure(Kind.CLIENT_KEY_UNUSABLE, server, "The adapter's SSH private key cannot be used"
                        + " for " + server + ": wrong or missing passphrase (" + AdapterKey.PASSPHRASE_VARIABLE
                        + ") or not a private key file.");
            }
            if (t instanceof JSchAlgoNegoFailException) {
                return new SftpFailure(Kind.NO_COMMON_ALGORITHM, server, "SFTP connection to " + server
                        + " failed: client and server share no " + algorithmKind(msg) + " algorithm.");
            }
        }
        for (Throwable t : chain) {
            String reason = unreachableReason(t);
            if (reason != null) {
                return new SftpFailure(Kind.UNREACHABLE, server, "SFTP server " + server + " is unreachable ("
                        + reason + "); trying again later can succeed.");
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SftpException se) {
                return new SftpFailure(Kind.REMOTE_FILE_OPERATION, server, "SFTP server " + server
                        + " refused a file operation: " + statusName(se.id) + ".");
            }
            String msg = String.valueOf(t.getMessage());
            if (msg.startsWith("File already exist")) {
                return new SftpFailure(Kind.TARGET_EXISTS, server, "The file already exists on " + server
                        + "; it was not uploaded again.");
            }
        }
        List<String> names = new ArrayList<>();
        for (Throwable t : chain) {
            names.add(t.getClass().getSimpleName());
        }
        return new SftpFailure(Kind.OTHER, server, "SFTP transfer with " + server + " failed (" + String.join(" <- ", names)
                + ").");
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayList<Throwable> todo = new ArrayList<>();
        if (failure != null) {
            todo.add(failure);
        }
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(0);
            if (t == null || !seen.add(t)) {
                continue;
            }
            chain.add(t);
            todo.add(t.getCause());
            Collections.addAll(todo, t.getSuppressed());
        }
        return chain;
    }

    private static String hostField(Throwable t, String fallback) {
        Matcher m = HOST_FIELD.matcher(String.valueOf(t.getMessage()));
        return m.find() ? m.group(1) : fallback;
    }

    private static String unreachableReason(Throwable t) {
        String msg = String.valueOf(t.getMessage());
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (t instanceof UnknownHostException) {
            return "unknown host";
        }
        if (t instanceof SocketTimeoutException || t instanceof JSchException && msg.startsWith("timeout")) {
            return "timed out";
        }
        // JSch reports a channel whose connection went away mid-operation as a generic failure status wrapping the
        // I/O error ("Pipe closed", "inputstream is closed"); a failure status the server sent has no cause
        if (t instanceof SftpException se && se.id == ChannelSftp.SSH_FX_FAILURE && se.getCause() instanceof IOException) {
            return "the connection dropped";
        }
        if (t instanceof JSchException && (msg.contains("closed by foreign host") || msg.contains("Connection reset")
                || msg.equals("session is down"))) {
            return "connection closed by the server";
        }
        return null;
    }

    private static String algorithmKind(String msg) {
        String m = msg.toLowerCase(Locale.ROOT);
        for (String kind : new String[] {"kex", "cipher", "mac", "server_host_key", "compression"}) {
            if (m.contains(kind)) {
                return kind.equals("server_host_key") ? "host-key" : kind;
            }
        }
        return "common";
    }

    private static String statusName(int id) {
        return switch (id) {
            case 1 -> "end of file";
            case 2 -> "no such file or folder";
            case 3 -> "permission denied";
            case 4 -> "failure";
            case 5 -> "bad message";
            case 6 -> "no connection";
            case 7 -> "connection lost";
            case 8 -> "operation unsupported";
            case 11 -> "file already exists";
            default -> "SFTP status " + id;
        };
    }
}
