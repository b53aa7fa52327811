package org.retro278.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code validate FILE...}: one line per problem, a summary per file, the exit codes of the contract. */
class ValidateCommandTest {

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Retro278.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    private static String fixture(String name) throws URISyntaxException {
        return Paths.get(ValidateCommandTest.class.getResource("/golden/validate/" + name).toURI()).toString();
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    @Test
    void cleanFileExitsZero() throws Exception {
        String clean = fixture("clean/retro-requests-hs-with-dependent-and-ar-admission.x12");
        assertEquals(Retro278.OK, run("validate", clean));
        assertEquals(List.of(clean + ": 1 interchange, 1 group, 2 transaction sets, 51 segments: no problems"), lines());
    }

    @Test
    void problemsArePrintedPerFileAndExitOne() throws Exception {
        String clean = fixture("clean/retro-requests-hs-with-dependent-and-ar-admission.x12");
        String bad = fixture("problems/hl02-service-under-dependent.x12");
        assertEquals(Retro278.PROBLEMS, run("validate", clean, bad));
        List<String> lines = lines();
        assertEquals(4, lines.size(), out::toString);
        assertTrue(lines.get(1).startsWith(bad + ": segment 17 (set 0001 position 15) loop 2000E HL04: HL_CHILD_CODE: "), lines.get(1));
        assertTrue(lines.get(2).startsWith(bad + ": segment 24 (set 0001 position 22) loop 2000F HL02: HL_PARENT: "), lines.get(2));
        assertTrue(lines.get(3).startsWith(bad + ": ") && lines.get(3).endsWith(": 2 problems"), lines.get(3));
    }

    @Test
    void unreadableOrNonX12FilesExitTwoAndTheOthersAreStillChecked(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("claims.csv");
        Files.writeString(text, "claim,patient\n1,someone\n");
        String missing = dir.resolve("missing.x12").toString();
        String bad = fixture("problems/se01-segment-count-wrong.x12");
        assertEquals(Retro278.USAGE, run("validate", missing, text.toString(), bad));
        String printed = out.toString();
        assertTrue(printed.contains(missing + ": cannot read the file"), printed);
        assertTrue(printed.contains(text + ": segment 1: NOT_X12: "), printed);
        assertTrue(printed.contains(text + ": not an X12 file"), printed);
        assertTrue(printed.contains(bad + ": segment 28 (set 0001 position 26) SE01: SEGMENT_COUNT_MISMATCH"), printed);
        assertTrue(!printed.contains("someone"), "no data of the file is echoed");
    }

    @Test
    void aDamagedFileIsProblemsFoundAndTheNextFileIsStillChecked() throws Exception {
        String nested = fixture("problems/st-inside-an-open-st.x12");
        String clean = fixture("clean/retro-requests-hs-with-dependent-and-ar-admission.x12");
        assertEquals(Retro278.PROBLEMS, run("validate", nested, clean));
        String printed = out.toString();
        assertTrue(printed.contains(nested + ": segment 7 (set 0002 position 5) ST: SEGMENT_TOO_MANY"), printed);
        assertTrue(printed.contains(nested + ": segment 7: UNREADABLE: reading stopped here"), printed);
        assertTrue(printed.contains(clean + ": 1 interchange, 1 group, 2 transaction sets, 51 segments: no problems"), printed);
        assertTrue(!printed.contains("Exception"), printed);
    }

    @Test
    void noFileIsAUsageError() throws IOException {
        assertEquals(Retro278.USAGE, run("validate"));
    }
}
