package org.retro278.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.cli.Cli;
import org.retro278.status.NextStep;
import org.retro278.store.ClaimState;
import org.retro278.testing.Needs;
import org.retro278.x12.X12Problem;
import org.retro278.x12.response.InboundDocument;
import org.retro278.x12.response.ResponseHandler;
import org.retro278.x12.response.ResponseReader;
import org.slf4j.LoggerFactory;

/**
 * {@code read} and {@code run} make one decision: every response fixture goes through the {@code read}
 * command (its JSON lines say what each TA1, 999 set and group, and 278 response means for the claim) and
 * through the response intake's applier over claims declared for it (what {@code run} leaves each claim in),
 * and the two must agree claim by claim. The cases where they used to disagree are pinned below.
 */
class ReadAndRunAgreeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResponseReader READER = ResponseReader.create();
    private static final String FIXTURES = "/golden/read/";
    /** The ST02 of a claim of an acknowledged group that the 999 gives no AK2 of its own. */
    private static final long UNLISTED_ST02 = 99_999;

    @TempDir
    Path dir;

    /** A claim declared for one document, and the claim state {@code read} says that document gives it. */
    private record Expectation(RecordingSession.Claim claim, String readState) {
    }

    @TestFactory
    Stream<DynamicTest> everyResponseFixtureGetsTheSameDecisionFromReadAndRun() throws IOException, URISyntaxException {
        Path fixtures = Path.of(ReadAndRunAgreeTest.class.getResource(FIXTURES).toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(fixtures)) {
            files = s.filter(f -> f.toString().endsWith(".x12")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no fixtures in " + fixtures);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> agree(f)));
    }

    @TestFactory
    Stream<DynamicTest> everyPublicSampleGetsTheSameDecisionFromReadAndRun() throws IOException {
        Path samples = Needs.publicSamples();
        List<Path> files;
        try (Stream<Path> s = Files.list(samples)) {
            files = s.filter(f -> f.toString().endsWith(".x12") && !f.getFileName().toString().contains("-278-req-")).sorted()
                    .toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> agree(f)));
    }

    // ------------------------------------------------------------------ the cases read and run used to decide apart

    @Test
    void aPartlyAcceptedGroupWithoutAnyAk2LeavesItsClaimsForReview() throws IOException {
        RecordingSession run = agree(file("p-no-ak2.x12", ack999("AK9*P*2*2*1")));
        JsonNode group = readLines(dir.resolve("p-no-ak2.x12")).get(0).get("claimState");
        assertTrue(group.get("state").isNull(), group.toString());
        assertTrue(group.get("needsReview").asBoolean(), group.toString());
        // run used to move every claim of the group to ACCEPTED
        run.claims().forEach(c -> assertEquals(ClaimState.SENT, c.state, c.label));
    }

    @Test
    void anUnknownIk501LeavesItsClaimForReview() throws IOException {
        RecordingSession run = agree(file("ik501-q.x12", ack999("AK2*278*0001*005010X217", "IK5*Q*5", "AK9*A*1*1*1")));
        JsonNode set = readLines(dir.resolve("ik501-q.x12")).get(0).get("sets").get(0).get("claimState");
        assertTrue(set.get("state").isNull(), set.toString());
        assertTrue(set.get("needsReview").asBoolean(), set.toString());
        // run used to reject the set's claim (REJECTED_BY_GATEWAY)
        assertEquals(ClaimState.SENT, claim(run, "set 0001").state);
    }

    @Test
    void aTa1RejectingADuplicateInterchangeChangesNoClaim() throws IOException {
        Logger logger = (Logger) LoggerFactory.getLogger(ResponseIntake.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        RecordingSession run;
        try {
            run = agree(file("ta1-025.x12", "ISA*00*          *00*          *ZZ*FICTPLAN       *ZZ*RETRO278SUBMIT *260120*1015*^*00501"
                    + "*000000704*0*T*:~TA1*000000104*260115*0930*R*025~IEA*0*000000704~"));
        } finally {
            logger.detachAppender(appender);
        }
        JsonNode ta1 = readLines(dir.resolve("ta1-025.x12")).get(0).get("claimState");
        // read used to say REJECTED_BY_GATEWAY
        assertTrue(ta1.get("state").isNull(), ta1.toString());
        assertFalse(ta1.get("needsReview").asBoolean(), ta1.toString());
        assertTrue(ta1.get("words").asText().contains("TA105 025"), ta1.toString());
        run.claims().forEach(c -> assertEquals(ClaimState.SENT, c.state, c.label));
        assertTrue(appender.list.stream().map(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.equals(
                "TA1 for ISA13 104 of payer PAYERA: rejected as a duplicate interchange control number (025); its 2 claim(s)"
                        + " stay SENT awaiting the answers to the first copy")), appender.list.toString());
    }

    @Test
    void theGroupsOtherClaimsGetWhatAk901SaysForSetsWithoutAnAk2() throws IOException {
        RecordingSession accepted = agree(file("a-one-ak2.x12", ack999("AK2*278*0001*005010X217", "IK5*A", "AK9*A*2*2*2")));
        // run used to leave the group's claim without an AK2 SENT
        assertEquals(ClaimState.ACCEPTED, claim(accepted, "unlisted").state);

        RecordingSession counted = agree(file("p-counted.x12",
                ack999("AK2*278*0002*005010X217", "IK3*DMG*8*2010*8", "IK5*R*5", "AK9*P*3*3*2")));
        assertEquals(ClaimState.REJECTED_BY_GATEWAY, claim(counted, "set 0002").state);
        assertEquals(ClaimState.ACCEPTED, claim(counted, "unlisted").state, "AK904 counts both unlisted sets as accepted");
        assertEquals(List.of(), claim(counted, "unlisted").reasons, "an accepted claim carries no reasons");

        RecordingSession rejected = agree(file("r-no-ak2.x12", ack999("AK9*R*2*2*0*5")));
        assertEquals(List.of("AK9:R", "AK9:5"), claim(rejected, "unlisted").reasons.stream().map(r -> r.code()).toList());

        RecordingSession uncounted = agree(file("p-uncounted.x12",
                ack999("AK2*278*0002*005010X217", "IK3*DMG*8*2010*8", "IK5*R*5", "AK9*P*3*3*1")));
        assertEquals(ClaimState.SENT, claim(uncounted, "unlisted").state, "one unlisted set is not accepted: which one?");
    }

    @Test
    void aRequestThePayerHoldsStaysOpenForItsNextAnswer() throws IOException, URISyntaxException {
        Path held = Path.of(ReadAndRunAgreeTest.class.getResource(FIXTURES + "aaa-2000e-follow-up-y-held.x12").toURI());
        RecordingSession run = agree(held);
        RecordingSession.Claim c = claim(run, "278 CLM1021-1");
        assertEquals(ClaimState.PENDED, c.state, "AAA04 Y does not end the claim");
        assertTrue(c.state.awaitsAnswer(), "the deadline watch waits for the payer's next answer");
        assertEquals(List.of("AAA:42", "FOLLOW_UP:Y"), c.reasons.stream().map(r -> r.code()).toList());
        assertTrue(NextStep.of(c.state, false, null, c.reasons).startsWith("Held by the payer"));
    }

    @Test
    void aContradictory999AcceptsNoClaim() throws IOException, URISyntaxException {
        Path file = Path.of(ReadAndRunAgreeTest.class.getResource(FIXTURES + "999-rejected-group-with-an-accepted-set.x12").toURI());
        RecordingSession run = agree(file);
        assertEquals(ClaimState.SENT, claim(run, "set 0001").state, "IK501 A under AK901 R: not ACCEPTED");
        assertEquals(ClaimState.REJECTED_BY_GATEWAY, claim(run, "set 0002").state);
        assertTrue(run.claims().stream().noneMatch(c -> c.state == ClaimState.ACCEPTED));
    }

    // ------------------------------------------------------------------------------------------------- machinery

    /**
     * Reads {@code file} with the {@code read} command, declares the claims its documents answer (two per TA1,
     * one per AK2 and one without an AK2 per 999, one per 278 response), applies the file as {@code run} does
     * and checks, after each document, that every claim it answers is in the state {@code read} gave it.
     */
    private RecordingSession agree(Path file) throws IOException {
        List<JsonNode> lines = readLines(file);
        RecordingSession session = new RecordingSession();
        List<List<Expectation>> perDocument = new ArrayList<>();
        Map<String, RecordingSession.Claim> byTrace = new LinkedHashMap<>();
        for (JsonNode d : lines) {
            perDocument.add(declare(session, d, byTrace));
        }
        List<X12Problem> problems = new ArrayList<>();
        ResponseApplier applier = new ResponseApplier(session, "PAYERA", problems);
        int[] next = {0};
        try (InputStream in = Files.newInputStream(file)) {
            READER.read(in, new ResponseHandler() {
                @Override
                public void document(InboundDocument document) {
                    ClaimState[] before = perDocument.get(next[0]).stream().map(e -> e.claim().state).toArray(ClaimState[]::new);
                    applier.document(document);
                    List<Expectation> expected = perDocument.get(next[0]);
                    for (int i = 0; i < expected.size(); i++) {
                        Expectation e = expected.get(i);
                        ClaimState readSays = e.readState() == null ? before[i] : ClaimState.valueOf(e.readState());
                        assertEquals(readSays, e.claim().state, file.getFileName() + " document " + (next[0] + 1) + ", claim "
                                + e.claim().label + ": read says " + e.readState());
                    }
                    next[0]++;
                }

                @Override
                public void problem(X12Problem problem) {
                    applier.problem(problem);
                }
            });
        }
        assertEquals(lines.size(), next[0], "documents run applied vs lines read printed");
        assertEquals(List.of(), session.unmatched, "every answer found the claims declared for it");
        return session;
    }

    private static List<Expectation> declare(RecordingSession session, JsonNode d, Map<String, RecordingSession.Claim> byTrace) {
        List<Expectation> out = new ArrayList<>();
        switch (d.get("kind").asText()) {
            case "TA1" -> {
                long isa13 = Long.parseLong(d.get("interchangeControlNumber").asText());
                String state = text(d.get("claimState").get("state"));
                for (int i = 1; i <= 2; i++) {
                    out.add(new Expectation(session.claim("interchange " + isa13 + " #" + i, isa13, null, null, null, null), state));
                }
            }
            case "999" -> {
                long gs06 = Long.parseLong(d.get("ackedGroupControlNumber").asText());
                for (JsonNode set : d.get("sets")) {
                    long st02 = Long.parseLong(set.get("controlNumber").asText());
                    out.add(new Expectation(session.claim("set " + set.get("controlNumber").asText(), null, gs06, st02, null, null),
                            text(set.get("claimState").get("state"))));
                }
                out.add(new Expectation(session.claim("unlisted", null, gs06, UNLISTED_ST02, null, null),
                        text(d.get("claimState").get("state"))));
            }
            case "278-response" -> {
                String trace = d.get("traces").isEmpty() ? null : d.get("traces").get(0).asText();
                String bht03 = d.get("bht03").asText();
                String key = trace != null ? trace : bht03;
                RecordingSession.Claim c = byTrace.computeIfAbsent(key, k -> session.claim("278 " + k, null, null, null, trace, bht03));
                out.add(new Expectation(c, text(d.get("status").get("state"))));
            }
            default -> throw new AssertionError("unexpected line " + d);
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    /**
     * The document lines {@code read} prints for a file (problem lines left out). Only a fixture named
     * {@code unreadable-*} may stop being readable part way (exit 2): what came before is still compared.
     */
    private static List<JsonNode> readLines(Path file) {
        Cli read = Cli.run("read", file.toString());
        if (!file.getFileName().toString().startsWith("unreadable-")) {
            assertNotEquals(2, read.exit, read.toString());
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : read.out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line);
                if (!"problem".equals(n.get("kind").asText())) {
                    lines.add(n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    private static RecordingSession.Claim claim(RecordingSession session, String label) {
        return session.claims().stream().filter(c -> c.label.equals(label)).findFirst().orElseThrow(() -> new AssertionError(label));
    }

    private Path file(String name, String x12) throws IOException {
        return Files.writeString(dir.resolve(name), x12, StandardCharsets.US_ASCII);
    }

    /** A 999 for our group GS06 105 with the given segments between AK1 and SE. */
    private static String ack999(String... segments) {
        List<String> s = new ArrayList<>();
        s.add("ST*999*0001*005010X231A1");
        s.add("AK1*HI*105*005010X217");
        s.addAll(List.of(segments));
        s.add("SE*" + (s.size() + 1) + "*0001");
        return "ISA*00*          *00*          *ZZ*FICTPLAN       *ZZ*RETRO278SUBMIT *260120*1015*^*00501*000000605*0*T*:~"
                + "GS*FA*FICTPLAN*RETRO278SUBMIT*20260120*1015*605*X*005010X231A1~" + String.join("~", s) + "~GE*1*605~IEA*1*000000605~";
    }
}
