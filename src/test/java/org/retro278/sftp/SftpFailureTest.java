package org.retro278.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpException;
import java.io.IOException;
import java.net.ConnectException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.junit.jupiter.api.Test;

/**
 * Failures as camel-sftp wraps them. The host-key cases need JSch's own exceptions (their constructors
 * are not public): CamelSftpTest produces them against the embedded server.
 */
class SftpFailureTest {

    private static Exception camel(String message, Throwable cause) {
        return new CamelExecutionException("Exception occurred during execution", null,
                new GenericFileOperationFailedException(message, cause));
    }

    @Test
    void aRefusedLoginNamesUserServerAndOfferedMethods() {
        SftpFailure f = SftpFailure.of(camel("Cannot connect to sftp://payera@127.0.0.1:2222",
                new JSchException("Auth fail for methods 'publickey,password'")));
        assertEquals(SftpFailure.Kind.AUTHENTICATION_FAILED, f.kind());
        assertEquals("127.0.0.1:2222", f.server());
        assertTrue(f.message().contains("user 'payera'") && f.message().contains("publickey,password"), f.message());
        assertFalse(f.kind().retryable());
    }

    @Test
    void aRefusedConnectionIsRetryable() {
        SftpFailure f = SftpFailure.of(camel("Cannot connect to sftp://payera@127.0.0.1:2222",
                new JSchException("java.net.ConnectException: Connection refused", new ConnectException("Connection refused"))));
        assertEquals(SftpFailure.Kind.UNREACHABLE, f.kind());
        assertTrue(f.kind().retryable());
        assertTrue(f.message().contains("127.0.0.1:2222") && f.message().contains("connection refused"), f.message());
        assertEquals(SftpFailure.Kind.UNREACHABLE,
                SftpFailure.of(new JSchException("timeout: socket is not established")).kind());
    }

    @Test
    void aKeptSessionWhoseConnectionDroppedIsUnreachableNotARefusedOperation() {
        // how JSch's ChannelSftp wraps an I/O error of a channel whose server went away
        IOException pipe = new IOException("Pipe closed");
        SftpFailure dropped = SftpFailure.of(camel("Cannot store file: inbox/2.x12", new SftpException(4, pipe.toString(), pipe)));
        assertEquals(SftpFailure.Kind.UNREACHABLE, dropped.kind(), dropped.message());
        assertTrue(dropped.message().contains("the connection dropped"), dropped.message());
        // the same status sent by a server that is up is a refused operation
        SftpFailure refused = SftpFailure.of(camel("Cannot store file: inbox/2.x12", new SftpException(4, "Failure")));
        assertEquals(SftpFailure.Kind.REMOTE_FILE_OPERATION, refused.kind(), refused.message());
    }

    @Test
    void fileNamesNeverReachTheMessage() {
        String name = "SMITH_JOHN_1970-01-01.x12";
        SftpFailure exists = SftpFailure.of(camel("File already exist: outbox/" + name + ". Cannot write new file.", null));
        assertEquals(SftpFailure.Kind.TARGET_EXISTS, exists.kind());
        SftpFailure denied = SftpFailure.of(camel("Cannot store file: outbox/" + name,
                new SftpException(3, "Permission denied: /outbox/" + name)));
        assertEquals(SftpFailure.Kind.REMOTE_FILE_OPERATION, denied.kind());
        assertTrue(denied.message().contains("permission denied"), denied.message());
        SftpFailure other = SftpFailure.of(camel("Cannot rename " + name, new IllegalStateException(name)));
        assertEquals(SftpFailure.Kind.OTHER, other.kind());
        for (SftpFailure f : new SftpFailure[] {exists, denied, other}) {
            assertFalse(f.message().contains("SMITH"), f.message());
        }
    }

    @Test
    void aWrongKeyPassphraseIsTheAdaptersProblemNotTheServers() {
        SftpFailure f = SftpFailure.of(camel("Cannot connect to sftp://payera@127.0.0.1:2222",
                new JSchException("Incorrect passphrase provided.")));
        assertEquals(SftpFailure.Kind.CLIENT_KEY_UNUSABLE, f.kind());
        assertTrue(f.message().contains(AdapterKey.PASSPHRASE_VARIABLE), f.message());
    }
}
