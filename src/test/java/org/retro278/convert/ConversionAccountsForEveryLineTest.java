package org.retro278.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opencsv.CSVReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.retro278.testing.ProjectFiles;
import org.retro278.build.X12Checks;
import org.retro278.config.PayerDirectory;
import org.retro278.mapping.ClaimFileReader;
import org.retro278.mapping.ClaimFileRefusedException;
import org.retro278.mapping.ClaimLayout;
import org.retro278.mapping.MalformedClaimFiles;
import org.retro278.rules.ClaimRules;
import org.retro278.x12.control.FileControlNumbers;

/**
 * Offline conversion of broken claim files: every line of the file is the header, blank, a row of a
 * claim in a published 278, or a row named in the rejection report; nothing is dropped, nothing crashes.
 */
class ConversionAccountsForEveryLineTest {

    private static ClaimFileReader reader;

    @TempDir
    Path tmp;

    @BeforeAll
    static void compileLayout() throws Exception {
        reader = new ClaimFileReader(ClaimLayout.load(ProjectFiles.path("mappings"), "default"));
    }

    @AfterAll
    static void close() {
        reader.close();
    }

    static Stream<MalformedClaimFiles.Case> cases() throws Exception {
        return MalformedClaimFiles.all(8, 20).stream();
    }

    private ConversionSummary convert(Path claims) throws Exception {
        ClaimRules rules = new ClaimRules(PayerDirectory.load(ProjectFiles.path("config/payers")), X12Checks.facts(),
                "uuuu-MM-dd", LocalDate.of(2026, 11, 15));
        Converter c = new Converter(rules, new FileControlNumbers(tmp.resolve("state/cn.properties")), "9RETRO2780",
                X12Checks.transactionSets(), X12Checks.envelopes(), LocalDateTime.of(2026, 11, 15, 0, 0), 1);
        return c.convert(reader, claims, tmp.resolve("out"));
    }

    /** Report rows by line: line number to the claim id the report gives it. */
    static Map<Long, String> reportedLines(Path report) throws Exception {
        Map<Long, String> lines = new HashMap<>();
        try (CSVReader csv = new CSVReader(new StringReader(Files.readString(report)))) {
            List<String[]> records = csv.readAll();
            assertEquals(RejectionLog.HEADER, String.join(",", records.get(0)));
            for (String[] r : records.subList(1, records.size())) {
                for (String line : r[1].split(" ")) {
                    lines.put(Long.parseLong(line), r[0]);
                }
            }
        }
        return lines;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void linesInEqualLinesAccountedFor(MalformedClaimFiles.Case c) throws Exception {
        Path claims = tmp.resolve("claims.csv");
        Files.writeString(claims, c.content());
        ConversionSummary s = convert(claims);

        assertEquals(MalformedClaimFiles.physicalLines(c.content()), s.read().lines());
        assertTrue(s.read().accountsForEveryLine(), s.read().toString());
        assertEquals(s.claims(), s.converted() + s.rejected(), "every claim converted or rejected");

        StringBuilder x12 = new StringBuilder();
        for (PublishedInterchange p : s.interchanges()) {
            x12.append(Files.readString(p.file()));
        }
        Map<Long, String> reported = reportedLines(s.report());
        Set<String> converted = new HashSet<>();
        for (long line = 2; line <= c.claimOfLine().size(); line++) {
            String claim = c.claimOfLine().get((int) line - 1);
            if (claim.isEmpty()) {
                continue;
            }
            // BHT03 is <claim id>-<yyyyMMddHHmm>-<ST02>, whatever the payer's delimiters
            boolean sent = Pattern.compile("[^A-Za-z0-9]" + Pattern.quote(claim) + "-\\d{12}-").matcher(x12).find();
            if (c.mutatedLines().contains(line)) {
                assertTrue(reported.containsKey(line), "broken line " + line + " is in the report: " + reported);
            } else {
                assertTrue(sent ^ reported.containsValue(claim), "line " + line + " (" + claim + ") is either sent or"
                        + " its claim reported, once: sent " + sent + ", report " + reported);
            }
            if (sent) {
                converted.add(claim);
            }
        }
        for (long line : c.mutatedLines()) {
            String claim = c.claimOfLine().get((int) line - 1);
            assertFalse(converted.contains(claim), "the claim of broken line " + line + " is never sent");
        }
        assertEquals(converted.size(), s.converted());
    }

    @Test
    void aFileWithAHeaderAndNoClaimsIsRefusedPlainly() throws Exception {
        Path claims = tmp.resolve("empty.csv");
        Files.writeString(claims, MalformedClaimFiles.sampleLines().get(0) + "\n");
        ClaimFileRefusedException e = assertThrows(ClaimFileRefusedException.class, () -> convert(claims));
        assertEquals("the file holds no claims: there is nothing after the header", e.getMessage());
    }
}
