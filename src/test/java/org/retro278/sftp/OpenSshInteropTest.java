package org.retro278.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.retro278.sftp.CamelSftpTest.list;
import static org.retro278.sftp.CamelSftpTest.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.Needs;

/**
 * The same camel-sftp endpoints against a real OpenSSH server (skipped when sshd is not installed):
 * our ECDSA keys in OpenSSH format, the pinned host key, upload under a temporary name and rename,
 * read back with a read lock and a move.
 */
class OpenSshInteropTest {

    @TempDir
    static Path dir;

    private static AdapterKey key;
    private static OpenSshServer sshd;
    private static Path knownHosts;

    private DefaultCamelContext camel;
    private ProducerTemplate producer;

    @BeforeAll
    static void startSshd() throws Exception {
        Needs.need(OpenSshServer.installed(), "OpenSSH sshd is not installed (" + OpenSshServer.SSHD + ")", "run .ci/openssh.sh as root");
        key = AdapterKey.loadOrCreate(dir.resolve("keys").resolve(AdapterKey.DEFAULT_FILE_NAME), (char[]) null);
        long t0 = System.nanoTime();
        sshd = OpenSshServer.start(dir.resolve("sshd"), key.authorizedKeysLine());
        System.out.printf("OpenSSH sshd started in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        knownHosts = sshd.writeKnownHosts(dir.resolve("known_hosts"));
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(5);
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    private static String uri(String folder, Path pinned, String... options) {
        StringBuilder uri = new StringBuilder("sftp://").append(sshd.user()).append("@127.0.0.1:").append(sshd.port())
                .append('/').append(folder)
                .append("?strictHostKeyChecking=yes&useUserKnownHostsFile=false&knownHostsFile=").append(pinned)
                .append("&privateKeyFile=").append(key.privateKeyFile()).append("&preferredAuthentications=publickey");
        for (String o : options) {
            uri.append('&').append(o);
        }
        return uri.toString();
    }

    @Test
    void uploadsWithTemporaryNameAndRenameThenReadsBackWithReadLockAndMove() throws Exception {
        Exchange sent = producer.send(uri("inbox", knownHosts, "tempFileName=.${file:onlyname}.part", "fileExist=Ignore"), e -> {
            e.getIn().setHeader(Exchange.FILE_NAME, "278-0001.x12");
            e.getIn().setBody("ISA*00*OpenSSH round trip~");
        });
        assertNull(sent.getException());
        assertEquals("inbox/278-0001.x12", sent.getIn().getHeader(Exchange.FILE_NAME_PRODUCED));
        Path inbox = sshd.home().resolve("inbox");
        assertEquals(List.of("278-0001.x12"), list(inbox));

        // a second upload of the same name is skipped: the final file is already there
        Exchange again = producer.send(uri("inbox", knownHosts, "tempFileName=.${file:onlyname}.part", "fileExist=Ignore"), e -> {
            e.getIn().setHeader(Exchange.FILE_NAME, "278-0001.x12");
            e.getIn().setBody("SECOND");
        });
        assertNull(again.getException());
        assertNull(again.getIn().getHeader(Exchange.FILE_NAME_PRODUCED));

        BlockingQueue<String> read = new LinkedBlockingQueue<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("inbox", knownHosts, "readLock=changed&readLockCheckInterval=200&readLockTimeout=5000",
                        "move=.done&moveFailed=.error&delay=200&initialDelay=0"))
                        .convertBodyTo(String.class).process(e -> read.add(e.getIn().getBody(String.class)));
            }
        });
        assertEquals("ISA*00*OpenSSH round trip~", read.poll(10, TimeUnit.SECONDS));
        waitFor(() -> Files.exists(inbox.resolve(".done/278-0001.x12")), "moved to .done on the OpenSSH server");
        assertTrue(sshd.log().contains("Accepted publickey for " + sshd.user()), "sshd logged the key login");
    }

    @Test
    void aNameWithABackslashIsMovedUnreadFromItsRealPathOnOpenSsh() throws Exception {
        Path drop = Files.createDirectories(sshd.home().resolve("drop"));
        String name = "back\\sl*sh\\.csv";
        Files.writeString(drop.resolve(name), "not to be read");
        Files.writeString(drop.resolve("plain.csv"), "read as usual");
        camel.addComponent("dropsftp", new DropFolderSftpComponent());
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("drop", knownHosts, "readLock=changed&readLockCheckInterval=200&readLockTimeout=5000",
                        "move=.error/${header.target}&delay=200&initialDelay=0&streamDownload=true").replaceFirst("^sftp:", "dropsftp:"))
                        .process(e -> {
                            String only = e.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
                            e.getIn().setHeader("target", "moved-" + (only.indexOf('\\') >= 0 ? "backslash" : only));
                            seen.add(only + "=" + (e.getIn().getBody() == null ? "not downloaded" : e.getIn().getBody(String.class)));
                        });
            }
        });
        waitFor(() -> Files.exists(drop.resolve(".error/moved-backslash")) && Files.exists(drop.resolve(".error/moved-plain.csv")),
                "both moved on the OpenSSH server");
        assertEquals("not to be read", Files.readString(drop.resolve(".error/moved-backslash")), "moved with its bytes");
        assertEquals(List.of(name + "=not downloaded", "plain.csv=read as usual"), seen.stream().sorted().toList());
        assertEquals(List.of(".error"), list(drop), "nothing left in the folder");
    }

    @Test
    void aNameWithPatternCharactersIsReadAndMovedByItsOwnNameBesideTheFileItsPatternMatchesOnOpenSsh() throws Exception {
        Path drop = Files.createDirectories(sshd.home().resolve("glob"));
        // the pattern star*?.csv matches starXY.csv, and is the older: read first, while its neighbour is there
        Files.writeString(drop.resolve("star*?.csv"), "the pattern's own");
        Files.setLastModifiedTime(drop.resolve("star*?.csv"), FileTime.fromMillis(1_000_000_000_000L));
        Files.writeString(drop.resolve("starXY.csv"), "the neighbour's");
        Files.setLastModifiedTime(drop.resolve("starXY.csv"), FileTime.fromMillis(1_000_000_060_000L));
        camel.addComponent("dropsftp", new DropFolderSftpComponent());
        BlockingQueue<String> read = new LinkedBlockingQueue<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("glob", knownHosts, "readLock=changed&readLockCheckInterval=200&readLockTimeout=5000",
                        "sortBy=file:modified&move=.done/${header.target}&delay=200&initialDelay=0&streamDownload=true")
                        .replaceFirst("^sftp:", "dropsftp:"))
                        .process(e -> {
                            String only = e.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
                            e.getIn().setHeader("target", only.replace('*', '_').replace('?', '_'));
                            read.add(only + "=" + e.getIn().getBody(String.class));
                        });
            }
        });
        waitFor(() -> Files.exists(drop.resolve(".done/star__.csv")) && Files.exists(drop.resolve(".done/starXY.csv")),
                "both moved on the OpenSSH server");
        Thread.sleep(1000); // more polls: nothing read again
        assertEquals(List.of("star*?.csv=the pattern's own", "starXY.csv=the neighbour's"), List.copyOf(read), "each read once, in turn");
        assertEquals("the pattern's own", Files.readString(drop.resolve(".done/star__.csv")));
        assertEquals("the neighbour's", Files.readString(drop.resolve(".done/starXY.csv")));
        assertEquals(List.of(".done"), list(drop), "nothing left in the folder");
    }

    @Test
    void aNameWithPatternCharactersIsDeletedAloneNeverItsNeighbourOnOpenSsh() throws Exception {
        Path drop = Files.createDirectories(sshd.home().resolve("globdelete"));
        Files.writeString(drop.resolve("star*?.csv"), "the pattern's own");
        Files.writeString(drop.resolve("starXY.csv"), "the neighbour's, not to be read");
        camel.addComponent("dropsftp", new DropFolderSftpComponent());
        camel.getRegistry().bind("onlyThePattern", (GenericFileFilter<Object>) f -> f.getFileNameOnly().equals("star*?.csv"));
        BlockingQueue<String> read = new LinkedBlockingQueue<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("globdelete", knownHosts, "filter=#onlyThePattern&delete=true&delay=200&initialDelay=0&streamDownload=true")
                        .replaceFirst("^sftp:", "dropsftp:"))
                        .process(e -> read.add(e.getIn().getBody(String.class)));
            }
        });
        waitFor(() -> !Files.exists(drop.resolve("star*?.csv")), "the pattern's file deleted on the OpenSSH server");
        Thread.sleep(1000); // more polls
        assertEquals(List.of("the pattern's own"), List.copyOf(read), "read once");
        assertEquals(List.of("starXY.csv"), list(drop), "the neighbour left where it is");
        assertEquals("the neighbour's, not to be read", Files.readString(drop.resolve("starXY.csv")));
    }

    @Test
    void refusesOpenSshWhenThePinnedKeyDiffers() throws Exception {
        Path wrong = KnownHosts.write(dir.resolve("wrong_known_hosts"),
                List.of(KnownHosts.line("127.0.0.1", sshd.port(), SshKeyFiles.generate().getPublic())));
        Exchange sent = producer.send(uri("inbox", wrong, "maximumReconnectAttempts=0&reconnectDelay=100"), e -> {
            e.getIn().setHeader(Exchange.FILE_NAME, "x.x12");
            e.getIn().setBody("ISA~");
        });
        assertNotNull(sent.getException());
        assertEquals(SftpFailure.Kind.HOST_KEY_MISMATCH, SftpFailure.of(sent.getException()).kind());
        assertFalse(Files.exists(sshd.home().resolve("inbox/x.x12")));
    }
}
