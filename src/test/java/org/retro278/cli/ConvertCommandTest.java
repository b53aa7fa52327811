package org.retro278.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.ProjectFiles;
import org.retro278.build.X12Checks;
import org.retro278.x12.validation.ValidationResult;

/**
 * The convert command end to end on real files: golden files (claims CSV in sample-edi/claims, the 278s
 * and reports they must produce in src/test/resources/golden/convert, reproducible through --as-of and a fresh control-number
 * state), exit codes, and the whole-file refusals.
 */
class ConvertCommandTest {

    @TempDir
    Path tmp;

    private Cli convert(Path claims, String... extra) {
        String[] base = {"convert", "--claims", claims.toString(), "--out", tmp.resolve("out").toString(),
                "--as-of", "2026-11-15", "--state", tmp.resolve("state").toString(),
                "--config", ProjectFiles.path("config").toString(), "--mappings", ProjectFiles.path("mappings").toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return Cli.run(all);
    }

    private List<Path> outputs() throws IOException {
        Path out = tmp.resolve("out");
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.sorted().toList();
        }
    }

    private void assertMatchesGolden(String stem) throws IOException {
        List<Path> produced = outputs();
        List<Path> golden;
        try (Stream<Path> s = Files.list(ProjectFiles.path("src/test/resources/golden/convert"))) {
            golden = s.filter(p -> p.getFileName().toString().startsWith(stem + ".")).sorted().toList();
        }
        assertEquals(golden.stream().map(p -> p.getFileName().toString()).toList(),
                produced.stream().map(p -> p.getFileName().toString()).toList());
        for (int i = 0; i < golden.size(); i++) {
            assertEquals(Files.readString(golden.get(i)), Files.readString(produced.get(i)), produced.get(i).toString());
        }
    }

    @Test
    void cleanFileMatchesItsGoldenFilesAndExitsZero() throws IOException {
        Cli r = convert(ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv"));
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("5 converted, 0 rejected"), r.out);
        assertMatchesGolden("riverside-2026-11-15");
    }

    @Test
    void fileWithMistakesWritesTheGoodClaimsAndReportsTheRestWithExitOne() throws IOException {
        Cli r = convert(ProjectFiles.path("sample-edi/claims/mistakes-2026-11-15.csv"));
        assertEquals(1, r.exit, r.toString());
        assertTrue(r.out.contains("1 converted, 10 rejected"), r.out);
        assertMatchesGolden("mistakes-2026-11-15");
    }

    @Test
    void theSecondLayoutIsConfigurationOnlyAndMatchesItsGoldenFiles() throws IOException {
        Cli r = convert(ProjectFiles.path("sample-edi/claims/pm-export-2026-11-15.csv"), "--layout", "pm-export");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("3 converted, 0 rejected"), r.out);
        assertMatchesGolden("pm-export-2026-11-15");
        String x12 = Files.readString(outputs().get(0));
        assertTrue(x12.contains("NM1*IL*1*HOLLOWAY*DESMOND****MI*AHP100512233~"), "LAST, FIRST split by the mapping");
        assertTrue(x12.contains("DMG*D8*19660422*M~"), "MM/DD/YYYY dates read by the layout's date format");
    }

    @Test
    void everyInterchangeWrittenIsValidAndOwnerOnly() throws IOException {
        convert(ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv"));
        for (Path p : outputs()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
            if (p.toString().endsWith(".x12")) {
                ValidationResult v = X12Checks.validator().validate(p);
                assertTrue(v.clean(), v.problems().toString());
            }
        }
        try (Stream<Path> s = Files.list(tmp.resolve("out"))) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".")), "temporary files left behind");
        }
    }

    @Test
    void controlNumbersContinueAcrossRuns() throws IOException {
        convert(ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv"));
        Cli second = convert(ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv"));
        assertEquals(0, second.exit);
        List<String> names = outputs().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.contains("riverside-2026-11-15.PAYERA.000000003.x12"), names.toString());
        String again = Files.readString(tmp.resolve("out/riverside-2026-11-15.PAYERA.000000003.x12"));
        assertTrue(again.contains("ST*278*0257*005010X217"), "ST02 continues after the first run's reserved block");
        assertTrue(again.contains("TRN*1*CLM1001-257*9RETRO2780"), "a new trace number for a new request");
    }

    @Test
    void missingRequiredColumnsRefuseTheFileWithExitTwoAndNameThem() throws IOException {
        Path f = tmp.resolve("short.csv");
        Files.writeString(f, "claim_id,payer_id,payer_name\nC1,PAYERA,Acme\n");
        Cli r = convert(f);
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("requester_npi") && r.err.contains("member_id") && r.err.contains("retro_reason"), r.err);
        assertTrue(outputs().isEmpty(), "nothing is written for a refused file");
    }

    @Test
    void unknownLayoutIsAUsageError() {
        Cli r = convert(ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv"), "--layout", "nope");
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("nope"), r.err);
    }

    @Test
    void badAsOfAndMissingFileAreUsageErrors() {
        assertEquals(2, Cli.run("convert", "--claims", "x.csv", "--out", tmp.toString(), "--as-of", "15/11/2026").exit);
        assertEquals(2, Cli.run("convert", "--claims", tmp.resolve("none.csv").toString(), "--out", tmp.toString()).exit);
        assertEquals(2, Cli.run("convert", "--out", tmp.toString()).exit);
    }

    @Test
    void rowsOfAClaimThatAreNotAdjacentStillMakeOneRequest() throws IOException {
        List<String> lines = Files.readAllLines(ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv"));
        // header, CLM1001 line 1, CLM1002, CLM1001 line 2, the rest
        Path f = tmp.resolve("interleaved.csv");
        Files.write(f, List.of(lines.get(0), lines.get(1), lines.get(3), lines.get(2), lines.get(4), lines.get(5), lines.get(6),
                lines.get(7), lines.get(8), lines.get(9)));
        Cli r = convert(f);
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("5 converted"), r.out);
        String payerA = Files.readString(outputs().stream().filter(p -> p.toString().contains("PAYERA")).findFirst().orElseThrow());
        assertEquals(1, count(payerA, "BHT*0007*13*CLM1001-"), "CLM1001 is sent once");
        assertEquals(3, count(payerA, "ST*278*"), "three claims for PAYERA");
        int clm1001 = payerA.indexOf("BHT*0007*13*CLM1001-");
        String set = payerA.substring(clm1001, payerA.indexOf("SE*", clm1001));
        assertEquals(2, count(set, "SV1*"), "both lines of CLM1001 are in its one request");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aFileWithAHeaderAndNoClaimsIsRefusedPlainlyWithExitTwo() throws IOException {
        Path f = tmp.resolve("header-only.csv");
        Files.writeString(f, Files.readAllLines(ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv")).get(0) + "\n");
        Cli r = convert(f);
        assertEquals(2, r.exit, r.toString());
        assertEquals("convert: " + f + " refused: the file holds no claims: there is nothing after the header\n", r.err);
        assertTrue(outputs().isEmpty(), "nothing is written for a refused file");
    }

    @Test
    void aClaimIdOf70000CharactersIsRejectedInTheReportAndTheOtherClaimsAreConverted() throws IOException {
        List<String> lines = Files.readAllLines(ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv"));
        Path f = tmp.resolve("long-id.csv");
        Files.write(f, List.of(lines.get(0), "X".repeat(70_000) + lines.get(3).substring(lines.get(3).indexOf(',')),
                lines.get(7)));
        Cli r = convert(f);
        assertEquals(1, r.exit, r.toString());
        assertTrue(r.out.contains("1 converted, 1 rejected"), r.out);
        String report = Files.readString(tmp.resolve("out/long-id.rejections.csv"));
        assertTrue(report.length() < 5000, "bounded: " + report.length());
        assertTrue(report.contains(",2,claim_id,INVALID_CLAIM_ID,"), report);
        assertTrue(report.contains("claim_id holds 70000 characters, more than any 278 element can carry"), report);
    }

    @Test
    void aStrayQuoteCostsOneLineWhichTheReportNamesWithItsClaim() throws IOException {
        List<String> lines = Files.readAllLines(ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv"));
        Path f = tmp.resolve("stray-quote.csv");
        List<String> broken = new ArrayList<>(lines);
        broken.set(3, lines.get(3).replace(",Castellanos,", ",\"Castellanos,"));
        Files.write(f, broken);
        Cli r = convert(f);
        assertEquals(1, r.exit, r.toString());
        assertTrue(r.out.contains("4 converted, 1 rejected"), r.out);
        assertTrue(r.out.contains("1 line(s) are not valid CSV"), r.out);
        String report = Files.readString(tmp.resolve("out/stray-quote.rejections.csv"));
        assertTrue(report.contains("CLM1002,4,,ROW_DEFECT,line 4 is not valid CSV: "), report);
    }
}
