package org.retro278.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.store.StoreException;
import org.retro278.store.TransactionStore;
import org.retro278.testing.TestClock;
import org.slf4j.LoggerFactory;

/** A status upload that failed says what failed: the store recording it (its server down), or the practice's server. */
class StatusFilesFailureWordsTest {

    @TempDir
    Path dir;

    private List<String> saidFor(Exception cause) throws IOException {
        Logger log = (Logger) LoggerFactory.getLogger(StatusFiles.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try (TransactionStore store = TransactionStore.openH2(dir.resolve("work"), "",
                TestClock.stoppedAt(Instant.parse("2026-11-16T09:00:00Z")))) {
            Exchange failed = new DefaultExchange(new DefaultCamelContext());
            failed.getIn().setHeader(StatusFiles.FILE_ID_HEADER, 7L);
            failed.setProperty(Exchange.EXCEPTION_CAUGHT, cause);
            new StatusFiles(store, dir.resolve("status"), 1_024).onUploadFailed(failed);
        } finally {
            log.detachAppender(lines);
        }
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void theStoreDownAfterTheUploadIsTheStoreNotThePracticesServer() throws IOException {
        // the PostgreSQL driver's own words for a server that is down: "Connection refused", as a ConnectException
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException("Connection refused"));
        assertEquals(List.of("status file of file 7 could not be recorded as published, will retry: the store cannot be reached"
                + " (SQLState 08001)"), saidFor(new StoreException("recording published status", refused)));
    }

    @Test
    void anUploadThatFailedIsThePracticesServer() throws IOException {
        List<String> said = saidFor(new IOException("Cannot connect to sftp://riverside@127.0.0.1:2222",
                new ConnectException("Connection refused")));
        assertEquals(1, said.size());
        assertEquals(true, said.get(0).startsWith("status file of file 7 could not be uploaded, will retry: SFTP server"), said.get(0));
    }
}
