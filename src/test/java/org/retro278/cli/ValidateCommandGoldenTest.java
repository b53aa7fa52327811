package org.retro278.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.retro278.testing.ProjectFiles;
import picocli.CommandLine;

/**
 * {@code validate} on every golden file of src/test/resources/golden/validate: what it prints for {@code <name>.x12}
 * is {@code <name>.txt} beside it (the file named as given, here its bare name), and a file in {@code problems/}
 * exits 1, one in {@code clean/} or {@code tolerated/} 0.
 */
class ValidateCommandGoldenTest {

    static final Path GOLDEN = ProjectFiles.path("src/test/resources/golden/validate");

    static List<Path> goldenFiles() throws IOException {
        try (Stream<Path> files = Files.walk(GOLDEN)) {
            List<Path> x12 = files.filter(p -> p.toString().endsWith(".x12")).sorted().toList();
            assertTrue(x12.size() > 20, "golden files found: " + x12);
            return x12;
        }
    }

    @ParameterizedTest
    @MethodSource("goldenFiles")
    void printsItsGoldenReport(Path file) throws IOException {
        StringWriter out = new StringWriter();
        CommandLine cl = Retro278.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        int exit = cl.execute("validate", file.toString());

        String name = file.getFileName().toString();
        Path expected = file.resolveSibling(name.substring(0, name.length() - ".x12".length()) + ".txt");
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), out.toString().replace(file.toString(), name), expected.toString());
        boolean problems = GOLDEN.relativize(file).startsWith("problems");
        assertEquals(problems ? Retro278.PROBLEMS : Retro278.OK, exit, name);
    }
}
