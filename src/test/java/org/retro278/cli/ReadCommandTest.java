package org.retro278.cli;

import org.retro278.testing.Needs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.ProjectFiles;

/** {@code read FILE...}: JSON Lines on stdout, a summary per file on stderr, the exit codes of the contract. */
class ReadCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String fixture(String name) throws URISyntaxException {
        return Paths.get(ReadCommandTest.class.getResource("/golden/read/" + name).toURI()).toString();
    }

    private static List<JsonNode> lines(Cli cli) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : cli.out.lines().toList()) {
            out.add(MAPPER.readTree(line));
        }
        return out;
    }

    @Test
    void cleanResponseIsOneLineAndExitsZero() throws Exception {
        String file = fixture("a2-partial-service-a1-and-service-a3.x12");
        Cli cli = Cli.run("read", file);
        assertEquals(Retro278.OK, cli.exit, cli::toString);
        List<JsonNode> lines = lines(cli);
        assertEquals(1, lines.size());
        JsonNode r = lines.get(0);
        assertEquals("278-response", r.get("kind").asText());
        assertEquals(file, r.get("file").asText());
        assertEquals("CLM1002-202601150930-1", r.get("bht03").asText());
        assertEquals("CLM1002-1", r.get("traces").get(0).asText());
        assertEquals("A2", r.get("event").get("action").get("code").asText());
        assertEquals("certified - partial", r.get("event").get("action").get("words").asText());
        assertEquals("A3", r.get("services").get(1).get("action").get("code").asText());
        assertEquals("PARTIALLY_CERTIFIED", r.get("status").get("state").asText());
        assertTrue(cli.err.startsWith(file + ": 1 document read; "), cli.err);
    }

    @Test
    void acknowledgmentsAndTheirProblemsExitOne() throws Exception {
        Path dir = Files.createTempDirectory("read");
        Path ta1 = dir.resolve("ta1-with-iea01-1.x12");
        Files.writeString(ta1, Files.readString(Path.of(fixture("ta1-accepted.x12"))).replace("IEA*0*", "IEA*1*"));
        Cli cli = Cli.run("read", fixture("999-rejected-ik3-ik4.x12"), ta1.toString());
        assertEquals(Retro278.PROBLEMS, cli.exit, cli::toString);
        List<JsonNode> lines = lines(cli);
        assertEquals(List.of("999", "TA1", "problem"), lines.stream().map(l -> l.get("kind").asText()).toList());
        JsonNode set = lines.get(0).get("sets").get(0);
        assertEquals("0001", set.get("controlNumber").asText());
        assertEquals("R", set.get("status").get("code").asText());
        JsonNode error = set.get("errors").get(0);
        assertEquals("NM1", error.get("segment").asText());
        assertEquals(7, error.get("position").asInt());
        assertEquals("9", error.get("element").asText());
        assertEquals("6", error.get("code").get("code").asText());
        assertFalse(cli.out.contains("MEM0001"), "IK404 is never printed");
        assertEquals("000000101", lines.get(1).get("interchangeControlNumber").asText());
        assertEquals("GROUP_COUNT_MISMATCH", lines.get(2).get("rule").asText());
        assertEquals(ta1.toString(), lines.get(2).get("file").asText());
    }

    @Test
    void problemsInsideADocumentExitOneAndWithoutValidationTheyAreNotLookedFor() throws Exception {
        String file = fixture("hcr01-ip-not-a-005010-code.x12");
        Cli validated = Cli.run("read", file);
        assertEquals(Retro278.PROBLEMS, validated.exit, validated::toString);
        JsonNode r = lines(validated).get(0);
        assertEquals("CODE_INVALID", r.get("problems").get(0).get("rule").asText());
        assertTrue(r.get("status").get("needsReview").asBoolean());

        Cli unvalidated = Cli.run("read", "--no-validation", file);
        assertEquals(Retro278.OK, unvalidated.exit, unvalidated::toString);
        JsonNode same = lines(unvalidated).get(0);
        assertEquals(0, same.get("problems").size());
        assertEquals(r.get("status"), same.get("status"));
    }

    @Test
    void unreadableFilesExitTwoAndTheOthersAreStillRead(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("claims.csv");
        Files.writeString(text, "claim,patient\n1,someone\n");
        Path missing = dir.resolve("missing.x12");
        Cli cli = Cli.run("read", text.toString(), missing.toString(), fixture("ta1-accepted.x12"));
        assertEquals(Retro278.USAGE, cli.exit, cli::toString);
        List<JsonNode> lines = lines(cli);
        assertEquals(List.of("NOT_X12", "UNREADABLE"), List.of(lines.get(0).get("rule").asText(), lines.get(1).get("rule").asText()));
        assertEquals("TA1", lines.get(2).get("kind").asText());
    }

    /** The public samples with known problems: they are read, and exit 1 (docs/responses.md). */
    private static final Set<String> KNOWN_BAD = Set.of("staedi-ta1-1.x12", "pyx12-999-834.x12", "staedi-999-1.x12");

    @TestFactory
    Stream<DynamicTest> readOverThePublicResponseAndAcknowledgmentSamples() throws Exception {
        Path dir = Needs.publicSamples();
        List<Path> samples;
        try (Stream<Path> files = Files.list(dir)) {
            samples = files.filter(f -> f.getFileName().toString().matches(".*-(278-resp|999|ta1)-.*\\.x12")).sorted().toList();
        }
        assertEquals(16, samples.size(), samples::toString);
        return samples.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Cli cli = Cli.run("read", f.toString());
            int expected = KNOWN_BAD.contains(f.getFileName().toString()) ? Retro278.PROBLEMS : Retro278.OK;
            assertEquals(expected, cli.exit, cli::toString);
            assertEquals(1, lines(cli).stream().filter(l -> !"problem".equals(l.get("kind").asText())).count(), cli::toString);
        }));
    }

    @Test
    void everyLineIsOneJsonObject() throws Exception {
        Cli cli = Cli.run("read", fixture("tolerance-three-interchanges-ta1-999-278.x12"), fixture("tolerance-bom-and-crlf.x12"));
        assertEquals(Retro278.OK, cli.exit, cli::toString);
        assertEquals(List.of("TA1", "999", "278-response", "278-response", "278-response"),
                lines(cli).stream().map(l -> l.get("kind").asText()).toList());
    }

    @Test
    void anStInsideAnOpenSetEndsAsUnreadableAndTheNextFileIsStillRead() throws Exception {
        for (String mode : List.of("--validation", "--no-validation")) {
            List<String> args = new ArrayList<>(List.of("read"));
            if (mode.equals("--no-validation")) {
                args.add(mode);
            }
            String nested = fixture("unreadable-st-inside-an-open-st.x12");
            String next = fixture("a3-denied-reason-25.x12");
            args.add(nested);
            args.add(next);
            Cli cli = Cli.run(args.toArray(String[]::new));
            assertEquals(Retro278.USAGE, cli.exit, cli::toString);
            assertFalse(cli.err.contains("Exception\n") || cli.err.contains("\tat "), mode + ": no stack trace\n" + cli);
            List<JsonNode> lines = lines(cli);
            assertEquals("CLM1023-202601150930-1", lines.get(0).get("bht03").asText(), "the set before the nested ST is read");
            JsonNode stop = lines.stream().filter(l -> "UNREADABLE".equals(text(l, "rule"))).findFirst().orElseThrow();
            assertEquals(nested, stop.get("file").asText());
            assertTrue(stop.get("message").asText().startsWith("reading stopped here"), stop.toString());
            JsonNode last = lines.get(lines.size() - 1);
            assertEquals(next, last.get("file").asText(), mode + ": the next file is still read");
            assertEquals("DENIED", last.get("status").get("state").asText());
            assertTrue(cli.err.contains(next + ": 1 document read"), cli.err);
        }
    }

    private static String text(JsonNode line, String field) {
        return line.hasNonNull(field) ? line.get(field).asText() : null;
    }
}
