package org.retro278.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.ProjectFiles;
import org.retro278.build.X12Checks;
import org.retro278.config.PayerDirectory;
import org.retro278.mapping.ClaimFileReader;
import org.retro278.mapping.ClaimFileRefusedException;
import org.retro278.mapping.ClaimGroup;
import org.retro278.mapping.ClaimGroupSink;
import org.retro278.mapping.ClaimRow;
import org.retro278.mapping.ClaimLayout;
import org.retro278.mapping.InMemoryClaimFiles;
import org.retro278.mapping.MalformedClaimFiles;
import org.retro278.mapping.ReadSummary;
import org.retro278.rules.ClaimRules;
import org.retro278.x12.control.FileControlNumbers;

/**
 * Damaged claim files never escape {@code convert}: a few thousand seeded mutations of the sample claim
 * files (default and pm-export layouts; truncation at any byte, byte flips, delimiter swaps, huge fields,
 * many columns, nested quotes, invalid UTF-8, NUL bytes, BOMs, CR-only line ends...) each end, within a
 * time limit, as a conversion that accounts for every physical line and every claim, or as a refusal of
 * the whole file with a message. Bounded and repeatable: {@code -Dfuzz.mutations=N -Dfuzz.seed=S} for
 * longer runs (bench/fuzz-long.sh); a failure names the mutation that caused it.
 */
class ClaimFileFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 278_013_007L);
    private static final int MUTATIONS = Integer.getInteger("fuzz.mutations", 2000);
    /** One mutant in this many also goes through the whole conversion (278s, validation, report); all are read. */
    private static final int CONVERT_EVERY = Integer.getInteger("fuzz.convertEvery", 10);
    private static final Duration PER_FILE = Duration.ofSeconds(20);

    private static final Map<String, ClaimFileReader> READERS = new LinkedHashMap<>();

    @TempDir
    static Path tmp;

    private static ClaimRules RULES;

    @BeforeAll
    static void compileLayouts() throws Exception {
        RULES = new ClaimRules(PayerDirectory.load(ProjectFiles.path("config/payers")), X12Checks.facts(), "uuuu-MM-dd",
                LocalDate.of(2026, 11, 15));
        for (String layout : List.of("default", "pm-export")) {
            READERS.put(layout, new ClaimFileReader(ClaimLayout.load(ProjectFiles.path("mappings"), layout), tmp));
        }
    }

    @AfterAll
    static void close() {
        READERS.values().forEach(ClaimFileReader::close);
    }

    /** Every sample claim file, read with the layout its header is written in. */
    static List<ClaimFileMutations.Sample> samples() throws IOException {
        List<ClaimFileMutations.Sample> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(ProjectFiles.path("sample-edi/claims"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(p);
                String layout = new String(bytes, StandardCharsets.UTF_8).startsWith("claim_id,") ? "default" : "pm-export";
                out.add(new ClaimFileMutations.Sample(p.getFileName().toString(), layout, bytes));
            }
        }
        assertTrue(out.size() >= 3 && out.stream().anyMatch(s -> s.layout().equals("pm-export")), "samples: " + out.size());
        return out;
    }

    @Test
    void noMutatedClaimFileThrowsHangsOrLosesALine() throws Exception {
        ClaimFileMutations mutations = new ClaimFileMutations(new Random(SEED), samples());
        Converter converter = new Converter(RULES,
                new FileControlNumbers(tmp.resolve("state/cn.properties")), "9RETRO2780", X12Checks.transactionSets(),
                X12Checks.envelopes(), LocalDateTime.of(2026, 11, 15, 0, 0), 1);
        List<String> failures = new ArrayList<>();
        long refused = 0;
        long read = 0;
        long converted = 0;
        long lines = 0;
        long claims = 0;
        long started = System.nanoTime();
        for (int i = 0; i < MUTATIONS; i++) {
            ClaimFileMutations.Mutant mutant = mutations.next();
            boolean whole = i % CONVERT_EVERY == 0;
            String what = "mutation " + i + " (seed " + SEED + ", " + mutant.layout() + (whole ? ", converted" : ", read")
                    + "): " + mutant.description();
            Path file = tmp.resolve("fuzz-" + i + ".csv");
            Path out = tmp.resolve("out" + i);
            try {
                ReadSummary summary;
                if (whole) {
                    Files.write(file, mutant.bytes());
                    ConversionSummary s = assertTimeoutPreemptively(PER_FILE, () -> convert(converter, mutant.layout(), file, out), what);
                    if (s != null) {
                        check(s, what);
                        converted++;
                    }
                    summary = s == null ? null : s.read();
                } else {
                    summary = assertTimeoutPreemptively(PER_FILE, () -> read(mutant, what), what);
                    read += summary == null ? 0 : 1;
                }
                if (summary == null) {
                    refused++;
                } else {
                    // line ends are ASCII, so Latin-1 counts them whatever the other bytes are
                    assertEquals(MalformedClaimFiles.physicalLines(new String(mutant.bytes(), StandardCharsets.ISO_8859_1)),
                            summary.lines(), what + ": lines");
                    assertTrue(summary.accountsForEveryLine(), () -> what + ": " + summary);
                    lines += summary.lines();
                    claims += summary.claims();
                }
            } catch (AssertionError | Exception e) {
                failures.add(what + ": " + e);
            } finally {
                Files.deleteIfExists(file);
                delete(out);
            }
        }
        // a row whose cells shifted shows a PHI value in its claim_id cell: no log line names a claim by that cell
        // before the rules have checked it (the PHI scan, on in the test command, fails this test if one does)
        System.out.printf("claim file fuzz: %d mutations (seed %d): %d read and %d converted (%d lines, %d claims accounted for),"
                + " %d refused with a message, %d failed, in %d ms%n", MUTATIONS, SEED, read, converted, lines, claims, refused,
                failures.size(), (System.nanoTime() - started) / 1_000_000);
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + MUTATIONS + " mutations failed:\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    }

    /** The summary of the conversion, or null when the file was refused as a whole with a message. */
    private static ConversionSummary convert(Converter converter, String layout, Path file, Path out) throws IOException {
        try {
            return converter.convert(READERS.get(layout), file, out);
        } catch (ClaimFileRefusedException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal without words");
            return null;
        }
    }

    /**
     * The read alone, with a sink that checks what a converter relies on: rows handed on never overlap and
     * cover the lines the summary gives them, and the input rules decide on every claim without throwing.
     */
    private static ReadSummary read(ClaimFileMutations.Mutant mutant, String what) throws Exception {
        Map<Long, Long> rows = new TreeMap<>();
        ClaimGroupSink sink = new ClaimGroupSink() {
            @Override
            public void claim(ClaimGroup group) {
                assertTrue(RULES.check(group) != null, what);
                for (ClaimRow r : group.rows()) {
                    rows.put(r.row(), r.lastLine());
                }
            }

            @Override
            public void retract(String claimId) {
            }
        };
        try {
            ReadSummary s = InMemoryClaimFiles.read(READERS.get(mutant.layout()), mutant.bytes(), sink);
            long covered = s.headerLines();
            long rowLines = 0;
            for (Map.Entry<Long, Long> r : rows.entrySet()) {
                assertTrue(r.getKey() > covered, () -> what + ": rows overlap at line " + r.getKey());
                covered = r.getValue();
                rowLines += r.getValue() - r.getKey() + 1;
            }
            assertEquals(s.rowLines(), rowLines, what + ": lines of the rows handed on");
            return s;
        } catch (ClaimFileRefusedException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal without words");
            return null;
        }
    }

    /** Every claim converted or in the report; the report names lines of the file. */
    private static void check(ConversionSummary s, String what) throws Exception {
        ReadSummary read = s.read();
        assertEquals(s.claims(), s.converted() + s.rejected(), what + ": every claim converted or rejected");
        long sets = 0;
        for (PublishedInterchange p : s.interchanges()) {
            sets += p.transactionSets();
        }
        assertEquals(s.converted(), sets, what + ": converted claims are the published transaction sets");
        Map<Long, String> reported = ConversionAccountsForEveryLineTest.reportedLines(s.report());
        for (long line : reported.keySet()) {
            assertTrue(line > read.headerLines() && line <= read.lines(), () -> what + ": the report names line " + line
                    + " of " + read.lines());
        }
        assertTrue(s.rejected() == 0 || !reported.isEmpty(), what + ": rejected claims are in the report");
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
