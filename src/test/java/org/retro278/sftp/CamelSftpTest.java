package org.retro278.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.retro278.sftp.embedded.SftpServerExtension;

/**
 * camel-sftp (Camel 4.22, JSch 2.28.6) against the embedded server, with the endpoint options the
 * adapter's routes use: a pinned host key, key or password login with secrets bound as beans (as SftpParameters binds them),
 * uploads under a temporary name renamed at the end, a consumer with a read lock that moves what it read.
 */
class CamelSftpTest {

    private static final String KEY_PASSPHRASE = "adapter key p@ss+&=%";
    private static final String PAYERB_PASSWORD = "gateway pw: s3cr&t+%20/?#";
    private static final String PASSPHRASE_BEAN = "retro278-secret-test-privateKeyPassphrase";
    private static final String PASSWORD_BEAN = "retro278-secret-test-password";

    @RegisterExtension
    static final SftpServerExtension SFTP = SftpServerExtension.builder()
            .keyAccount("payera")
            .passwordAccount("payerb", PAYERB_PASSWORD)
            .adapterKeyPassphrase(KEY_PASSPHRASE)
            .build();

    private DefaultCamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(5);
        // secrets reach endpoints as SftpParameters passes them: bound beans, never placeholders (Camel prints
        // resolved placeholders at DEBUG)
        camel.getRegistry().bind(PASSPHRASE_BEAN, KEY_PASSPHRASE);
        camel.getRegistry().bind(PASSWORD_BEAN, PAYERB_PASSWORD);
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    /** Key login with the adapter's (encrypted) key, as a route writes it. */
    private static String keyLogin() {
        return SFTP.keyAuth() + "&privateKeyPassphrase=#bean:" + PASSPHRASE_BEAN
                + "&preferredAuthentications=publickey";
    }

    private static final String TEMP_THEN_RENAME = "tempFileName=.${file:onlyname}.part";
    private static final String FAIL_FAST = "maximumReconnectAttempts=0&reconnectDelay=100&connectTimeout=3000";

    private String upload(String uri, String name, Object body) {
        Exchange done = producer.send(uri, e -> {
            e.getIn().setHeader(Exchange.FILE_NAME, name);
            e.getIn().setBody(body);
        });
        if (done.getException() != null) {
            throw new CamelExecutionException("upload failed", done, done.getException());
        }
        return done.getIn().getHeader(Exchange.FILE_NAME_PRODUCED, String.class);
    }

    @Test
    void uploadsUnderATemporaryNameAndRenamesWhenComplete() throws Exception {
        String uri = SFTP.uri("payera", "inbox", keyLogin(), TEMP_THEN_RENAME);
        CountDownLatch halfWay = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        InputStream slowBody = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent == 4096) {
                    halfWay.countDown();
                    try {
                        goOn.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                if (sent >= 8192) {
                    return -1;
                }
                int n = Math.min(len, sent < 4096 ? 4096 - sent : 8192 - sent);
                Arrays.fill(b, off, off + n, (byte) 'X');
                sent += n;
                return n;
            }
        };
        CompletableFuture<Exchange> sending = producer.asyncSend(uri, e -> {
            e.getIn().setHeader(Exchange.FILE_NAME, "requests-0001.x12");
            e.getIn().setBody(slowBody);
        });
        Path inbox = SFTP.home("payera").resolve("inbox");
        assertTrue(halfWay.await(10, TimeUnit.SECONDS), "upload started");
        waitFor(() -> Files.exists(inbox.resolve(".requests-0001.x12.part")), "temporary file while uploading");
        assertFalse(Files.exists(inbox.resolve("requests-0001.x12")), "no final name while uploading");
        goOn.countDown();
        Exchange done = sending.get(10, TimeUnit.SECONDS);
        assertNull(done.getException());
        assertEquals("inbox/requests-0001.x12", done.getIn().getHeader(Exchange.FILE_NAME_PRODUCED));
        assertEquals(8192, Files.size(inbox.resolve("requests-0001.x12")));
        assertEquals(List.of("requests-0001.x12"), list(inbox));
        SftpServerExtension.assertOwnerOnly(inbox.resolve("requests-0001.x12"));
    }

    @Test
    void aConsumerWithAReadLockMovesWhatItReadToDoneAndFailuresToError() throws Exception {
        Path outbox = Files.createDirectories(SFTP.home("payera").resolve("outbox"));
        Files.writeString(outbox.resolve("999-0001.x12"), "ISA*ack~");
        Files.writeString(outbox.resolve("999-0002.x12"), "BROKEN");
        Files.writeString(outbox.resolve(".999-0003.x12.part"), "still uploading");
        BlockingQueue<String> read = new LinkedBlockingQueue<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(SFTP.uri("payera", "outbox", keyLogin(),
                        "readLock=changed&readLockCheckInterval=200&readLockTimeout=5000",
                        "move=.done&moveFailed=.error&delay=200&initialDelay=0"))
                        .routeId("read-responses")
                        .errorHandler(noErrorHandler())
                        .process(e -> {
                            String body = e.getIn().getBody(String.class);
                            if (body.startsWith("BROKEN")) {
                                throw new IllegalArgumentException("not X12");
                            }
                            read.add(e.getIn().getHeader(Exchange.FILE_NAME, String.class) + "=" + body);
                        });
            }
        });
        assertEquals("999-0001.x12=ISA*ack~", read.poll(10, TimeUnit.SECONDS));
        waitFor(() -> Files.exists(outbox.resolve(".done/999-0001.x12")), "read file moved to .done");
        waitFor(() -> Files.exists(outbox.resolve(".error/999-0002.x12")), "failed file moved to .error");
        assertEquals("BROKEN", Files.readString(outbox.resolve(".error/999-0002.x12")));
        assertEquals(List.of(".999-0003.x12.part", ".done", ".error"), list(outbox), "dot files are left alone");
        assertNull(read.poll(500, TimeUnit.MILLISECONDS), "nothing read twice");
    }

    @Test
    void whatTheProducerUploadsTheConsumerReadsBack() throws Exception {
        upload(SFTP.uri("payera", "roundtrip", keyLogin(), TEMP_THEN_RENAME), "a.x12", "ISA*00*round trip~");
        BlockingQueue<String> read = new LinkedBlockingQueue<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(SFTP.uri("payera", "roundtrip", keyLogin(), "readLock=changed&readLockCheckInterval=200",
                        "move=.done&moveFailed=.error&delay=200&initialDelay=0"))
                        .convertBodyTo(String.class).process(e -> read.add(e.getIn().getBody(String.class)));
            }
        });
        assertEquals("ISA*00*round trip~", read.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void refusesAServerWhoseHostKeyDoesNotMatchThePinnedOne() throws Exception {
        Path wrongPin = KnownHosts.write(SFTP.dir().resolve("wrong_known_hosts"),
                List.of(KnownHosts.line(SFTP.host(), SFTP.port(), SshKeyFiles.generate().getPublic())));
        String uri = SFTP.uri("payera", "inbox", keyLogin(), TEMP_THEN_RENAME, FAIL_FAST)
                .replace("knownHostsFile=" + SFTP.knownHostsFile(), "knownHostsFile=" + wrongPin);
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> upload(uri, "a.x12", "ISA~"));
        SftpFailure failure = SftpFailure.of(e);
        assertEquals(SftpFailure.Kind.HOST_KEY_MISMATCH, failure.kind());
        assertEquals("[127.0.0.1]:" + SFTP.port(), failure.server());
        assertTrue(failure.message().startsWith("SFTP host key mismatch: [127.0.0.1]:" + SFTP.port()
                + " presented a host key that does not match the key pinned in its known_hosts file."), failure.message());
        assertFalse(failure.kind().retryable());
        assertFalse(Files.exists(SFTP.home("payera").resolve("inbox")), "nothing was sent");
        System.out.println("host key mismatch: " + failure.message());
    }

    @Test
    void refusesTheServerAfterItsHostKeyWasRegenerated() throws Exception {
        // The host key is checked when a session is opened: a producer that stays connected (camel's
        // default) would keep using its session. disconnect=true opens one per upload.
        String uri = SFTP.uri("payera", "inbox", keyLogin(), TEMP_THEN_RENAME, FAIL_FAST, "disconnect=true");
        upload(uri, "before.x12", "ISA~");
        SFTP.server().regenerateHostKey();
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> upload(uri, "after.x12", "ISA~"));
        assertEquals(SftpFailure.Kind.HOST_KEY_MISMATCH, SftpFailure.of(e).kind());
        assertEquals(List.of("before.x12"), list(SFTP.home("payera").resolve("inbox")));
    }

    @Test
    void refusesAServerThatIsNotPinnedOrPinnedUnderAnotherHostName() throws Exception {
        Path empty = KnownHosts.write(SFTP.dir().resolve("empty_known_hosts"), List.of());
        Path otherName = KnownHosts.write(SFTP.dir().resolve("localhost_known_hosts"),
                List.of(KnownHosts.line("localhost", SFTP.port(), SFTP.server().hostPublicKey())));
        for (Path pin : List.of(empty, otherName)) {
            String uri = SFTP.uri("payera", "inbox", keyLogin(), FAIL_FAST)
                    .replace("knownHostsFile=" + SFTP.knownHostsFile(), "knownHostsFile=" + pin);
            CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> upload(uri, "a.x12", "ISA~"));
            SftpFailure failure = SftpFailure.of(e);
            assertEquals(SftpFailure.Kind.HOST_KEY_NOT_PINNED, failure.kind(), failure.message());
            assertTrue(failure.message().contains("no key for [127.0.0.1]:" + SFTP.port()), failure.message());
        }
    }

    @Test
    void aPasswordAccountLogsInWithThePasswordFromTheEnvironment() throws Exception {
        String uri = SFTP.uri("payerb", "inbox", "password=#bean:" + PASSWORD_BEAN,
                "preferredAuthentications=password", TEMP_THEN_RENAME);
        upload(uri, "a.x12", "ISA~");
        assertEquals("ISA~", Files.readString(SFTP.home("payerb").resolve("inbox/a.x12")));

        String wrong = SFTP.uri("payerb", "inbox", "password=RAW(not it)", "preferredAuthentications=password", FAIL_FAST);
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> upload(wrong, "b.x12", "ISA~"));
        SftpFailure failure = SftpFailure.of(e);
        assertEquals(SftpFailure.Kind.AUTHENTICATION_FAILED, failure.kind());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("not it"), "no password in " + t);
        }
        assertFalse(failure.message().contains("not it"), failure.message());
    }

    @Test
    void aStoppedServerFailsAsUnreachableAndTheSameEndpointWorksAfterARestart() throws Exception {
        String uri = SFTP.uri("payera", "inbox", keyLogin(), TEMP_THEN_RENAME, FAIL_FAST);
        upload(uri, "1.x12", "ISA~");
        SFTP.stop();
        // the producer keeps its session: when the stop reaches that session mid-upload, the first failure is the
        // dropped connection (which names no server), and the next upload's new connection is refused, naming it
        SftpFailure failure = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            CamelExecutionException down = assertThrows(CamelExecutionException.class, () -> upload(uri, "2.x12", "ISA~"));
            failure = SftpFailure.of(down);
            assertEquals(SftpFailure.Kind.UNREACHABLE, failure.kind(), failure.message());
            assertTrue(failure.kind().retryable());
            if (!failure.message().contains("the connection dropped")) {
                break;
            }
        }
        assertEquals("127.0.0.1:" + SFTP.port(), failure.server(), failure.message());
        assertTrue(failure.message().contains("connection refused"), failure.message());
        SFTP.start();
        upload(uri, "2.x12", "ISA~");
        assertEquals(List.of("1.x12", "2.x12"), list(SFTP.home("payera").resolve("inbox")));
    }

    static List<String> list(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    static String utf8(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }
}
