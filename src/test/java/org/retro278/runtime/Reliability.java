package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.retro278.build.X12Checks;
import org.retro278.sftp.embedded.SftpServerExtension;
import org.retro278.store.ClaimState;
import org.retro278.store.ReceivedFile;
import org.retro278.store.StoredClaim;
import org.retro278.store.TransactionStore;
import org.slf4j.LoggerFactory;

/** Checks the reliability ITs share: what reached the payers' gateways, what the store says, what was logged. */
final class Reliability {

    /** The payer accounts of the shipped configuration and their inbound folders. */
    static final List<String> PAYER_ACCOUNTS = List.of("payera", "payerb", "payerc");

    private Reliability() {
    }

    /** Every claim of every file the store knows (file ids are 1, 2, ...). */
    static List<StoredClaim> allClaims(TransactionStore store) {
        List<StoredClaim> all = new ArrayList<>();
        for (long id = 1; store.findFile(id).isPresent(); id++) {
            all.addAll(store.claimsOfFile(id));
        }
        return all;
    }

    /** Every file the store knows, in order. */
    static List<ReceivedFile> allFiles(TransactionStore store) {
        List<ReceivedFile> all = new ArrayList<>();
        for (long id = 1; ; id++) {
            var f = store.findFile(id);
            if (f.isEmpty()) {
                return all;
            }
            all.add(f.get());
        }
    }

    /** Every file in a folder, dot-files and temporary files included. */
    static List<Path> everyFile(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /**
     * The BHT03 values of every transaction set in every interchange file in the payers' inbound folders,
     * each as often as it occurs. Delimiters are read from each file's ISA segment.
     */
    static List<String> bht03sAtPayers(SftpServerExtension sftp) throws IOException {
        List<String> out = new ArrayList<>();
        for (String account : PAYER_ACCOUNTS) {
            for (Path p : everyFile(sftp.home(account).resolve("inbound"))) {
                out.addAll(bht03s(Files.readString(p, StandardCharsets.ISO_8859_1)));
            }
        }
        return out;
    }

    static List<String> bht03s(String x12) {
        String s = x12.stripLeading();
        if (!s.startsWith("ISA") || s.length() < 106) {
            throw new AssertionError("not an X12 interchange");
        }
        char element = s.charAt(3);
        char segment = s.charAt(105);
        List<String> out = new ArrayList<>();
        for (String seg : s.split(Pattern.quote(String.valueOf(segment)))) {
            String t = seg.strip();
            if (t.startsWith("BHT" + element)) {
                String[] e = t.split(Pattern.quote(String.valueOf(element)), -1);
                out.add(e[3]);
            }
        }
        return out;
    }

    /**
     * The exactly-once check: every claim the store says SENT is in exactly one transaction set at its payer
     * (no copy under other control numbers either), every claim that is not SENT in none; every file at the
     * gateways is a valid interchange and no temporary file is left there.
     *
     * @return how many claims were checked as SENT
     */
    static int assertEachSentClaimAtItsPayerOnce(SftpServerExtension sftp, List<StoredClaim> claims) throws IOException {
        for (String account : PAYER_ACCOUNTS) {
            for (Path p : everyFile(sftp.home(account).resolve("inbound"))) {
                String name = p.getFileName().toString();
                assertFalse(name.startsWith(".") || name.endsWith(".part"), "temporary file left at the gateway: " + name);
                assertTrue(X12Checks.validator().validate(p).clean(), "not a valid interchange: " + name);
            }
        }
        List<String> at = bht03sAtPayers(sftp);
        Map<String, Integer> perClaim = new HashMap<>();
        for (String b : at) {
            // BHT03 is <claim id>-<yyyyMMddHHmm>-<ST02>; claim ids may hold '-', so cut the last two parts off
            int second = b.lastIndexOf('-', b.lastIndexOf('-') - 1);
            perClaim.merge(b.substring(0, second), 1, Integer::sum);
        }
        int sent = 0;
        Set<String> ids = new LinkedHashSet<>();
        for (StoredClaim c : claims) {
            assertTrue(ids.add(c.practiceId() + "/" + c.claimId()), "claim recorded twice: " + c);
            if (c.state() == ClaimState.SENT) {
                sent++;
                assertEquals(1, perClaim.getOrDefault(c.claimId(), 0), "transaction sets at the payer for " + c);
                assertEquals(1, at.stream().filter(c.bht03()::equals).count(), "its BHT03 at the payer: " + c);
            } else {
                assertEquals(0, perClaim.getOrDefault(c.claimId(), 0), "a claim that is not SENT reached a payer: " + c);
            }
        }
        assertEquals(at.size(), sent, "transaction sets at the payers vs claims SENT");
        return sent;
    }

    /** Claims a sample file holds, by distinct claim_id (the default layout's first column). */
    static Set<String> claimIdsOf(Path csv) throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        List<String> lines = Files.readAllLines(csv);
        for (String l : lines.subList(1, lines.size())) {
            if (!l.isBlank()) {
                ids.add(l.substring(0, l.indexOf(',')));
            }
        }
        return ids;
    }

    /**
     * PHI in a sample file of the default layout: member ids, names and birth dates (the values a log line
     * must never show).
     */
    static Set<String> phiOf(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(",", -1));
        Set<String> phi = new LinkedHashSet<>();
        for (String l : lines.subList(1, lines.size())) {
            if (l.isBlank()) {
                continue;
            }
            String[] cells = l.split(",", -1);
            for (String col : List.of("member_id", "subscriber_last_name", "subscriber_first_name", "subscriber_dob",
                    "patient_last_name", "patient_first_name", "patient_dob")) {
                String v = cells[header.indexOf(col)].strip();
                if (v.length() >= 3) {
                    phi.add(v);
                }
            }
        }
        return phi;
    }

    /** Collects every logging event of this JVM until closed. */
    static final class CapturedLogs implements AutoCloseable {
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        private final List<String> texts = new ArrayList<>();

        CapturedLogs() {
            appender.setContext(root.getLoggerContext());
            appender.start();
            root.addAppender(appender);
        }

        /**
         * Each event as one text: logger, level, message, and the messages of its exception chain. Each event is made a
         * text once: a test that polls for a line (every 50 ms, with every logger at DEBUG) reads the new events only.
         */
        List<String> lines() {
            synchronized (appender) {
                for (int i = texts.size(); i < appender.list.size(); i++) {
                    ILoggingEvent e = appender.list.get(i);
                    StringBuilder b = new StringBuilder().append(e.getLevel()).append(' ').append(e.getLoggerName())
                            .append(" - ").append(e.getFormattedMessage());
                    for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                        b.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
                    }
                    texts.add(b.toString());
                }
                return new ArrayList<>(texts);
            }
        }

        /** Fails when any captured line holds any of these values (case-insensitive). */
        void assertNoneOf(Set<String> phi) {
            for (String line : lines()) {
                String l = line.toLowerCase(Locale.ROOT);
                for (String v : phi) {
                    assertFalse(l.contains(v.toLowerCase(Locale.ROOT)), "PHI in a log line: " + line);
                }
            }
        }

        @Override
        public void close() {
            root.detachAppender(appender);
            appender.stop();
        }
    }
}
