package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.retro278.io.PartnerFileName;
import org.retro278.store.FileOutcome;
import org.retro278.store.ReceivedFile;

/**
 * Issue 13, item 4: any file name a practice or payer can send, through the real routes on the test SFTP
 * server. Each name is processed once (moved to .done, its status files written) or refused into .error beside a
 * report; none is read again at later polls, none is recorded as a duplicate of itself, and none reaches a log
 * line raw. docs/partners.md, "File names".
 */
class PartnerFileNamesIT extends AdapterIT {

    /** Names that are read: lengths from 1 to 255 bytes (multi-byte too), patterns, quotes, control characters, case. */
    static List<String> readableNames() {
        List<String> names = new ArrayList<>(List.of("x", "star*?.csv", "br[a]{b}.csv", "q 'x' \"y\" z.csv",
                "nl\nINFO forged line.csv", "cr\rx.csv", "esc\u001b[31mred.csv", "-dash.csv", "Case.csv", "case.csv"));
        names.add("a".repeat(236) + ".csv"); // 240 bytes
        names.add("b".repeat(246) + ".csv"); // 250 bytes
        names.add("c".repeat(251) + ".csv"); // 255 bytes
        names.add("\u00e9".repeat(125) + "e.csv"); // 255 bytes of UTF-8, 130 characters
        names.add("\u6f22".repeat(84) + ".csv"); // 256 bytes would not fit: 84 * 3 + 4 = 256; one fewer below
        names.set(names.size() - 1, "\u6f22".repeat(83) + ".csv"); // 253 bytes
        return names;
    }

    @Test
    void everyNameIsProcessedOnceOrRefusedWithAReportAndNoneReachesALog() throws Exception {
        try (LogCapture logs = new LogCapture(); AdapterHarness h = harness()) {
            h.start();
            Path drop = SFTP.home("riverside").resolve("drop");
            byte[] sample = Files.readAllBytes(IntakeReliabilityIT.RIVERSIDE);
            Map<String, byte[]> readable = new LinkedHashMap<>();
            int n = 0;
            for (String name : readableNames()) {
                assertTrue(PartnerFileName.bytes(name) <= 255, name);
                byte[] b = Arrays.copyOf(sample, sample.length + ++n); // other bytes each: trailing blank lines
                Arrays.fill(b, sample.length, b.length, (byte) '\n');
                readable.put(name, b);
                Files.write(drop.resolve(name), b);
            }
            byte[] garbage = new byte[2048];
            new Random(13).nextBytes(garbage);
            String refusedName = "r".repeat(245) + "?.csv"; // 251 bytes, a pattern character, not a claim file
            Files.write(drop.resolve(refusedName), garbage);
            String backslash = "back\\slash.csv";
            Files.write(drop.resolve(backslash), sample);
            String hidden = ".in-progress.csv";
            Files.write(drop.resolve(hidden), sample);

            int expected = readable.size() + 1;
            AdapterHarness.await(expected + " files taken in", java.time.Duration.ofSeconds(120),
                    () -> Reliability.allFiles(h.adapter().store()).size() >= expected && dropHolds(drop, Set.of(hidden)));
            Path outbox = SFTP.home("riverside").resolve("outbox");
            AdapterHarness.await("every status file", WAIT, () -> readable.keySet().stream().allMatch(name ->
                    Files.exists(outbox.resolve(statusStem(name) + ".status.csv"))
                            && Files.exists(outbox.resolve(statusStem(name) + ".status.jsonl"))));
            Thread.sleep(4000); // several more polls: nothing may be read again

            List<ReceivedFile> files = Reliability.allFiles(h.adapter().store());
            assertEquals(expected, files.size(), "each name taken in once: " + files);
            Map<String, ReceivedFile> byName = files.stream().collect(Collectors.toMap(ReceivedFile::fileName, f -> f));
            assertEquals(Set.copyOf(names(readable.keySet(), refusedName)), byName.keySet(), "the store keeps every real name");
            Path done = drop.resolve(".done");
            for (Map.Entry<String, byte[]> e : readable.entrySet()) {
                assertEquals(FileOutcome.PROCESSED, byName.get(e.getKey()).outcome(), PartnerFileName.shown(e.getKey()));
                assertArrayEquals(e.getValue(), Files.readAllBytes(done.resolve(PartnerFileName.movable(e.getKey()))),
                        "in .done: " + PartnerFileName.shown(e.getKey()));
                String csv = Files.readString(outbox.resolve(statusStem(e.getKey()) + ".status.csv"), StandardCharsets.UTF_8);
                assertEquals(6, RiversideFile.parseCsv(csv).size(), "five claims and the header: " + PartnerFileName.shown(e.getKey()));
            }
            assertEquals(readable.size(), Reliability.everyFile(done).size(), "nothing else in .done");
            // names with * or ? go to .done under their bounded plain name; the others under their own
            assertTrue(Files.exists(done.resolve("br[a]{b}.csv")) && Files.exists(done.resolve("nl\nINFO forged line.csv")));

            ReceivedFile refused = byName.get(refusedName);
            assertEquals(FileOutcome.REFUSED, refused.outcome());
            Path error = drop.resolve(".error");
            assertArrayEquals(garbage, Files.readAllBytes(error.resolve(PartnerFileName.movable(refusedName))));
            String report = Files.readString(error.resolve(PartnerFileName.stem(refusedName, 32) + ".report.txt"));
            assertTrue(report.contains("file: " + refusedName) && report.contains("REFUSED"), report);
            // the backslash: refused unread, beside its report, under its bounded plain name (never recorded)
            assertArrayEquals(sample, Files.readAllBytes(error.resolve(PartnerFileName.movable(backslash))));
            assertTrue(Files.readString(error.resolve(PartnerFileName.stem(backslash, 32) + ".report.txt"))
                    .contains("REFUSED: the file's name holds a backslash"));
            assertEquals(4, Reliability.everyFile(error).size(), "the refused files and their reports: " + Reliability.everyFile(error));

            // left in place: the dot-file (an upload in progress)
            assertArrayEquals(sample, Files.readAllBytes(drop.resolve(hidden)));
            List<String> texts = logs.events().stream().map(LogCapture::text).toList();
            assertEquals(1, texts.stream().filter(t -> t.contains(PartnerFileName.logId(backslash)) && t.contains("backslash")).count(),
                    "the backslash name is reported once");
            assertNoNameLogged(logs, names(readable.keySet(), refusedName, backslash, hidden));
        }
    }

    @Test
    void aDotFileIsLeftAloneWhileItChangesAndRefusedWithAReportOnceItHasBeenQuietNeverRead() throws Exception {
        try (LogCapture logs = new LogCapture(); AdapterHarness h = harness()) {
            Files.writeString(h.config().resolve("application.properties"), "\nretro278.practice.dotFileQuietSeconds=4\n",
                    StandardOpenOption.APPEND);
            h.start();
            Path drop = SFTP.home("riverside").resolve("drop");
            Path error = drop.resolve(".error");
            byte[] sample = Files.readAllBytes(IntakeReliabilityIT.RIVERSIDE);
            String name = ".upload\u001b[1m in progress.csv";
            Path file = drop.resolve(name);
            // written in four pieces, each within the quiet period of the one before: never touched meanwhile
            int piece = sample.length / 4 + 1;
            for (int from = 0; from < sample.length; from += piece) {
                Files.write(file, Arrays.copyOfRange(sample, from, Math.min(sample.length, from + piece)),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                Thread.sleep(2500);
                assertTrue(Files.exists(file) && Reliability.everyFile(error).isEmpty(), "a dot-file still changing was moved");
            }
            Path report = error.resolve(PartnerFileName.stem(name, 32) + ".report.txt");
            // the route writes the report, then moves the file when the exchange completes
            AdapterHarness.await("the quiet dot-file in .error", WAIT, () -> Files.exists(report) && Files.exists(error.resolve(name)));
            assertArrayEquals(sample, Files.readAllBytes(error.resolve(name)), "moved with its bytes");
            assertTrue(!Files.exists(file));
            String text = Files.readString(report);
            assertTrue(text.contains("file: " + PartnerFileName.shown(name)) && text.contains("REFUSED: the file's name starts"
                    + " with a dot") && text.contains("under a name that does not start with a dot"), text);
            assertEquals(List.of(), Reliability.allFiles(h.adapter().store()), "nothing of it read or recorded");

            // the same bytes under a plain name are a new file, not a duplicate of the refused one
            Files.write(drop.resolve("upload in progress.csv"), sample);
            AdapterHarness.await("the plain name in .done", WAIT, () -> Files.exists(drop.resolve(".done/upload in progress.csv")));
            List<ReceivedFile> files = Reliability.allFiles(h.adapter().store());
            assertEquals(1, files.size());
            assertEquals(FileOutcome.PROCESSED, files.get(0).outcome());
            assertEquals(2, Reliability.everyFile(error).size(), "the dot-file and its report only");
            assertEquals(1, logs.events().stream().filter(e -> LogCapture.text(e).contains(PartnerFileName.logId(name))).count(),
                    "the refusal logged once, by the name's hash");
            assertNoNameLogged(logs, List.of(name));
        }
    }

    @Test
    void aNameWithABackslashIsRefusedIntoErrorWithAReportOnceNeverRead() throws Exception {
        try (LogCapture logs = new LogCapture(); AdapterHarness h = harness()) {
            h.start();
            Path drop = SFTP.home("riverside").resolve("drop");
            Path error = drop.resolve(".error");
            byte[] sample = Files.readAllBytes(IntakeReliabilityIT.RIVERSIDE);
            // a backslash alone, before pattern characters, at the end, at the start, doubled, with a newline, two
            List<String> names = List.of("back\\slash.csv", "b\\*q\\?.csv", "end\\", "\\lead.csv", "two\\\\x.csv",
                    "nl\\\nINFO forged.csv", "a\\b\\c.csv");
            for (String name : names) {
                Files.write(drop.resolve(name), sample);
            }
            Files.write(drop.resolve("plain.csv"), sample);
            AdapterHarness.await("every backslash name in .error", WAIT, () -> names.stream().allMatch(name ->
                    Files.exists(error.resolve(PartnerFileName.movable(name)))
                            && Files.exists(error.resolve(PartnerFileName.stem(name, 32) + ".report.txt"))));
            AdapterHarness.await("the plain name in .done", WAIT, () -> Files.exists(drop.resolve(".done/plain.csv")));
            Thread.sleep(3000); // several more polls: nothing may come back or be read

            assertTrue(Reliability.everyFile(drop).isEmpty(), "nothing left in the drop folder: " + Reliability.everyFile(drop));
            assertEquals(2 * names.size(), Reliability.everyFile(error).size(), "each file and its report: " + Reliability.everyFile(error));
            for (String name : names) {
                assertArrayEquals(sample, Files.readAllBytes(error.resolve(PartnerFileName.movable(name))), "moved with its bytes");
                String text = Files.readString(error.resolve(PartnerFileName.stem(name, 32) + ".report.txt"));
                assertTrue(text.contains("file: " + PartnerFileName.shown(name)) && text.contains("REFUSED: the file's name holds a"
                        + " backslash") && text.contains("under a name without a backslash"), text);
                assertEquals(1, logs.events().stream().filter(e -> LogCapture.text(e).contains(PartnerFileName.logId(name))).count(),
                        "the refusal logged once, by the name's hash");
            }
            List<ReceivedFile> files = Reliability.allFiles(h.adapter().store());
            assertEquals(1, files.size(), "only the plain file recorded: " + files);
            assertEquals("plain.csv", files.get(0).fileName());
            assertNoNameLogged(logs, names);
        }
    }

    @Test
    void aNameWithPatternCharactersIsReadOnceAndNeverTouchesTheFileItsPatternMatches() throws Exception {
        try (LogCapture logs = new LogCapture(); AdapterHarness h = harness()) {
            Path drop = SFTP.home("riverside").resolve("drop");
            String sample = Files.readString(IntakeReliabilityIT.RIVERSIDE);
            // two claim files of their own claims; the pattern star*?.csv matches starXY.csv (and itself), and is the
            // older, so it is read first, while its neighbour is still there
            Map<String, String> claims = new LinkedHashMap<>();
            claims.put("star*?.csv", sample.replace("\nCLM1", "\nCLM7"));
            claims.put("starXY.csv", sample.replace("\nCLM1", "\nCLM8"));
            long modified = Files.getLastModifiedTime(IntakeReliabilityIT.RIVERSIDE).toMillis();
            for (Map.Entry<String, String> e : claims.entrySet()) {
                Path file = Files.writeString(drop.resolve(e.getKey()), e.getValue());
                Files.setLastModifiedTime(file, FileTime.fromMillis(modified));
                modified += 60_000;
            }
            h.start();
            Path done = drop.resolve(".done");
            AdapterHarness.await("both in .done", WAIT, () -> claims.keySet().stream()
                    .allMatch(name -> Files.exists(done.resolve(PartnerFileName.movable(name)))));
            Thread.sleep(3000); // several more polls: nothing may be read again

            List<ReceivedFile> files = Reliability.allFiles(h.adapter().store());
            assertEquals(claims.keySet(), files.stream().map(ReceivedFile::fileName).collect(Collectors.toSet()), "each read: " + files);
            assertEquals(2, files.size(), "each read once: " + files);
            for (ReceivedFile f : files) {
                assertEquals(FileOutcome.PROCESSED, f.outcome(), f.fileName());
                Set<String> ids = h.adapter().store().claimsOfFile(f.id()).stream().map(c -> c.claimId()).collect(Collectors.toSet());
                assertEquals(claimIds(claims.get(f.fileName())), ids, "its own claims, not its neighbour's: " + f.fileName());
                assertEquals(claims.get(f.fileName()), Files.readString(done.resolve(PartnerFileName.movable(f.fileName()))),
                        "moved with its own bytes: " + f.fileName());
            }
            assertEquals(2, Reliability.everyFile(done).size(), "nothing else in .done");
            assertTrue(Reliability.everyFile(drop).isEmpty() && Reliability.everyFile(drop.resolve(".error")).isEmpty(),
                    "nothing left behind or refused");
            List<String> texts = logs.events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(LogCapture::text).toList();
            assertEquals(List.of(), texts, "no failed download, read lock or move");
            assertNoNameLogged(logs, List.copyOf(claims.keySet()));
        }
    }

    private static Set<String> claimIds(String csv) {
        return csv.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.substring(0, l.indexOf(','))).collect(Collectors.toSet());
    }

    @Test
    void aFileLeftInTheDropFolderByAStopBeforeTheMoveIsNotADuplicateOfItself() throws Exception {
        try (LogCapture logs = new LogCapture(); AdapterHarness h = harness()) {
            h.start();
            Path drop = SFTP.home("riverside").resolve("drop");
            String name = "left*behind " + "l".repeat(200) + ".csv";
            byte[] bytes = Files.readAllBytes(IntakeReliabilityIT.RIVERSIDE);
            Path file = Files.write(drop.resolve(name), bytes);
            FileTime modified = Files.getLastModifiedTime(file);
            Path done = drop.resolve(".done").resolve(PartnerFileName.movable(name));
            AdapterHarness.await("the file in .done", WAIT, () -> Files.exists(done));

            // as a stop between the intake's commit and the move leaves it: the very file, still in the drop folder
            Files.copy(done, file);
            Files.setLastModifiedTime(file, modified);
            Files.delete(done);
            AdapterHarness.await("the file in .done again", WAIT, () -> Files.exists(done) && !Files.exists(file));
            Thread.sleep(3000);

            List<ReceivedFile> files = Reliability.allFiles(h.adapter().store());
            assertEquals(1, files.size(), "recorded once, no DUPLICATE of itself: " + files);
            assertEquals(FileOutcome.PROCESSED, files.get(0).outcome());
            assertTrue(Reliability.everyFile(drop.resolve(".error")).isEmpty(), "no duplicate report");
            assertNoNameLogged(logs, List.of(name));
        }
    }

    @Test
    void aPayersResponseFileOfAnyNameIsMovedOnWithABoundedReportAndNeverLogged() throws Exception {
        try (LogCapture logs = new LogCapture(); AdapterHarness h = harness()) {
            h.start();
            Path outbound = SFTP.home("payera").resolve("outbound");
            String name = "resp?\u001b[2J" + "\u00fc".repeat(120) + ".x12"; // 254 bytes, not X12
            Files.writeString(outbound.resolve(name), "not an interchange\n");
            String backslash = "resp\\onse\\*.x12";
            Files.writeString(outbound.resolve(backslash), "ISA*00*\n");
            Path error = outbound.resolve(".error");
            Path report = error.resolve(PartnerFileName.stem(name, 32) + ".report.txt");
            Path backslashReport = error.resolve(PartnerFileName.stem(backslash, 32) + ".report.txt");
            AdapterHarness.await("the response files in .error", WAIT,
                    () -> Files.exists(error.resolve(PartnerFileName.movable(name))) && Files.exists(report)
                            && Files.exists(error.resolve(PartnerFileName.movable(backslash))) && Files.exists(backslashReport));
            Thread.sleep(3000);
            assertTrue(Files.readString(report).contains("file: " + PartnerFileName.shown(name)), Files.readString(report));
            assertTrue(Files.readString(backslashReport).contains("REFUSED: the file's name holds a backslash"),
                    Files.readString(backslashReport));
            assertTrue(Reliability.everyFile(outbound).isEmpty(), "nothing left to read again");
            assertEquals(4, Reliability.everyFile(error).size());
            assertNoNameLogged(logs, List.of(name, backslash));
        }
    }

    private static String statusStem(String name) {
        return PartnerFileName.stem(name, ".status.jsonl".length());
    }

    private static List<String> names(Iterable<String> some, String... more) {
        List<String> all = new ArrayList<>();
        some.forEach(all::add);
        all.addAll(List.of(more));
        return all;
    }

    private static boolean dropHolds(Path drop, Set<String> left) {
        try {
            return Reliability.everyFile(drop).stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet()).equals(left);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** No captured line shows a name (names of 4 characters or more), a control character or a forged line. */
    static void assertNoNameLogged(LogCapture logs, List<String> names) {
        for (ILoggingEvent e : logs.events()) {
            String text = LogCapture.text(e);
            for (String name : names) {
                String core = name.startsWith(".") ? name.substring(1) : name;
                assertTrue(core.length() < 4 || !text.contains(core), "a " + e.getLevel() + " line of " + e.getLoggerName()
                        + " shows the file name " + PartnerFileName.shown(name) + ": " + PartnerFileName.shown(text));
            }
            assertTrue(!text.contains("\u001b") && !text.contains("\nINFO"), "a control character in a log line: "
                    + PartnerFileName.shown(text));
        }
    }
}
