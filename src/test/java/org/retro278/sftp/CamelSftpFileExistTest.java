package org.retro278.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.retro278.sftp.CamelSftpTest.list;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.retro278.sftp.embedded.SftpServerExtension;

/**
 * What camel-sftp's producer does with {@code tempFileName} when the final file is already at the
 * server — the submission route relies on "if the final file is there, do not upload it again" to
 * recover from a crash between the upload and recording it.
 *
 * <p>From the Camel 4.22 source ({@code GenericFileProducer.processExchange} in camel-file, which
 * camel-ftp-common's {@code RemoteFileProducer.doProcess} calls; {@code SftpOperations.storeFile} in
 * camel-ftp), with a temporary name configured:
 * <ol>
 * <li>if {@code eagerDeleteTargetFile=true} (the default) and {@code fileExist} is not {@code TryRename},
 *     the producer first asks whether the FINAL name exists (a directory listing, or a stat with
 *     {@code fastExistsCheck=true}). If it does: {@code Ignore} returns at once — nothing uploaded, no
 *     temporary file, no exception, and the header {@code CamelFileNameProduced} is NOT set (that is how
 *     a route tells "skipped" from "uploaded"); {@code Fail} throws
 *     {@code GenericFileOperationFailedException("File already exist: <name>. Cannot write new file.")}
 *     before uploading; {@code Override} deletes the final file first (so for a while there is none);
 * <li>then it deletes a leftover temporary file of the same name (what a crash mid-upload leaves), writes
 *     the temporary file and renames it to the final name (SFTP rename; JSch uses
 *     {@code posix-rename@openssh.com} when the server offers it, which replaces an existing target);
 * <li>with {@code eagerDeleteTargetFile=false} the check of step 1 happens AFTER the temporary file is
 *     written: {@code Ignore} then returns and LEAVES THE TEMPORARY FILE on the server. Do not combine
 *     those two options.
 * </ol>
 * The check and the rename are not atomic: a file that appears at the final name between them is
 * replaced (step 1 found nothing, the rename overwrites). The adapter is the only writer of its
 * submission names, so that window only matters if two adapters share an outbox.
 */
class CamelSftpFileExistTest {

    @RegisterExtension
    static final SftpServerExtension SFTP = SftpServerExtension.builder().keyAccount("payera").build();

    private static final String TEMP_THEN_RENAME = "tempFileName=.${file:onlyname}.part";

    private DefaultCamelContext camel;
    private ProducerTemplate producer;
    private Path outbox;

    @BeforeEach
    void setUp() throws Exception {
        camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(5);
        camel.start();
        producer = camel.createProducerTemplate();
        outbox = Files.createDirectories(SFTP.home("payera").resolve("outbox"));
    }

    @AfterEach
    void tearDown() {
        camel.stop();
    }

    private Exchange send(String fileExistOptions, String name, String body) {
        String uri = SFTP.uri("payera", "outbox", SFTP.keyAuth(), TEMP_THEN_RENAME, fileExistOptions);
        return producer.send(uri, e -> {
            e.getIn().setHeader(Exchange.FILE_NAME, name);
            e.getIn().setBody(body);
        });
    }

    @Test
    void ignoreLeavesAnExistingFinalFileAloneAndUploadsNothing() throws Exception {
        Files.writeString(outbox.resolve("278-0001.x12"), "FIRST UPLOAD");
        Exchange done = send("fileExist=Ignore", "278-0001.x12", "SECOND UPLOAD");
        assertNull(done.getException());
        assertNull(done.getIn().getHeader(Exchange.FILE_NAME_PRODUCED), "no CamelFileNameProduced when skipped");
        assertEquals("FIRST UPLOAD", Files.readString(outbox.resolve("278-0001.x12")));
        assertEquals(List.of("278-0001.x12"), list(outbox), "no temporary file either");

        // and when the final file is not there, Ignore uploads and says so
        Exchange fresh = send("fileExist=Ignore", "278-0002.x12", "NEW");
        assertEquals("outbox/278-0002.x12", fresh.getIn().getHeader(Exchange.FILE_NAME_PRODUCED));
        assertEquals("NEW", Files.readString(outbox.resolve("278-0002.x12")));
    }

    @Test
    void failRefusesBeforeUploadingAndTheFailureSaysSo() throws Exception {
        Files.writeString(outbox.resolve("278-0001.x12"), "FIRST UPLOAD");
        Exchange done = send("fileExist=Fail", "278-0001.x12", "SECOND UPLOAD");
        GenericFileOperationFailedException e = assertThrows(GenericFileOperationFailedException.class,
                () -> { throw done.getException(); });
        assertEquals("File already exist: outbox/278-0001.x12. Cannot write new file.", e.getMessage());
        assertEquals(SftpFailure.Kind.TARGET_EXISTS, SftpFailure.of(new CamelExecutionException("x", done, e)).kind());
        assertEquals("FIRST UPLOAD", Files.readString(outbox.resolve("278-0001.x12")));
        assertEquals(List.of("278-0001.x12"), list(outbox));
    }

    @Test
    void aTemporaryFileLeftByACrashIsReplacedAndRenamed() throws Exception {
        Files.writeString(outbox.resolve(".278-0001.x12.part"), "HALF AN UPL");
        Exchange done = send("fileExist=Ignore", "278-0001.x12", "WHOLE UPLOAD");
        assertNull(done.getException());
        assertEquals("WHOLE UPLOAD", Files.readString(outbox.resolve("278-0001.x12")));
        assertEquals(List.of("278-0001.x12"), list(outbox));
    }

    @Test
    void ignoreWithoutEagerDeleteLeavesTheTemporaryFileBehind() throws Exception {
        Files.writeString(outbox.resolve("278-0001.x12"), "FIRST UPLOAD");
        Exchange done = send("fileExist=Ignore&eagerDeleteTargetFile=false", "278-0001.x12", "SECOND UPLOAD");
        assertNull(done.getException());
        assertEquals("FIRST UPLOAD", Files.readString(outbox.resolve("278-0001.x12")));
        assertEquals(List.of(".278-0001.x12.part", "278-0001.x12"), list(outbox), "the trap: an orphan temp file");
        assertEquals("SECOND UPLOAD", Files.readString(outbox.resolve(".278-0001.x12.part")));
    }

    @Test
    void overrideTheDefaultReplacesTheFinalFile() throws Exception {
        Files.writeString(outbox.resolve("278-0001.x12"), "FIRST UPLOAD");
        Exchange done = send("fileExist=Override", "278-0001.x12", "SECOND UPLOAD");
        assertNull(done.getException());
        assertEquals("SECOND UPLOAD", Files.readString(outbox.resolve("278-0001.x12")));
        assertTrue(list(outbox).equals(List.of("278-0001.x12")));
    }
}
