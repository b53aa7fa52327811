package org.retro278.x12.response;

import org.retro278.testing.Needs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.retro278.testing.ProjectFiles;
import org.retro278.x12.X12Problem;

/**
 * The readers over the public response and acknowledgment samples (third-party files, read where they are,
 * never copied into the project): each gives its ruling, the known-broken ones their known problems and
 * nothing else. Skipped when the shared folder is absent.
 */
class PublicResponseSamplesTest {

    /** What each sample must give: its kind and ruling (claim state, or IK501s / TA104 of acknowledgments). */
    private static final Map<String, String> OUTCOMES = Map.ofEntries(
            Map.entry("stupidedi-278-resp-referral.x12", "278 CERTIFIED"),
            Map.entry("stupidedi-278-resp-admission.x12", "278 MODIFIED"),
            Map.entry("stupidedi-278-resp-emergency-admission-pended.x12", "278 PENDED"),
            Map.entry("stupidedi-278-resp-med-services-reservation.x12", "278 CERTIFIED"),
            Map.entry("stupidedi-278-resp-nonemergency-transport.x12", "278 CERTIFIED"),
            Map.entry("herophilus-emedny-278-resp-pa.x12", "278 CERTIFIED"),
            Map.entry("herophilus-emedny-278-resp-dvs.x12", "278 CERTIFIED"),
            Map.entry("mettles-esmd-278-resp-partial.x12", "278 PARTIALLY_CERTIFIED"),
            Map.entry("mettles-esmd-278-resp-pended.x12", "278 PENDED"),
            Map.entry("herophilus-emedny-999-accepted.x12", "999 A [A]"),
            Map.entry("herophilus-emedny-999-rejected.x12", "999 R [R]"),
            Map.entry("mettles-999-278-reject.x12", "999 R [R]"),
            Map.entry("pyx12-999-834.x12", "999 A [A]"),
            Map.entry("staedi-999-1.x12", "999 P [A, R, R]"),
            Map.entry("stupidedi-999-1.x12", "999 P [A, R, R]"),
            Map.entry("staedi-ta1-1.x12", "TA1 A"));

    /** Known faults: the rules each must report (inside or outside its documents), and nothing else. */
    private static final Map<String, List<String>> KNOWN_BAD = Map.of(
            // a TA1-only interchange has no group: IEA01 should be 0
            "staedi-ta1-1.x12", List.of("GROUP_COUNT_MISMATCH"),
            // the 999 guide before its errata: GS08 / ST03 say 005010X231, not 005010X231A1
            "pyx12-999-834.x12", List.of("GUIDE_VERSION"),
            "staedi-999-1.x12", List.of("GUIDE_VERSION"));

    @TestFactory
    Stream<DynamicTest> everyResponseAndAcknowledgmentSample() throws IOException {
        Path dir = Needs.publicSamples();
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".x12") && !n.contains("-278-req-")).sorted().toList();
        }
        assertEquals(new TreeSet<>(OUTCOMES.keySet()), new TreeSet<>(names), "every response sample has its expectation");
        return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            ResponseFile file = ResponseFixtures.READER.read(dir.resolve(name));
            assertTrue(file.readable());
            assertEquals(1, file.documents().size(), () -> file.documents().toString());
            InboundDocument doc = file.documents().get(0);
            ResponseFixtures.assertNoPhiInToString(doc);
            assertEquals(OUTCOMES.get(name), describe(doc));
            List<String> rules = Stream.concat(file.problems().stream(), doc.problems().stream())
                    .map(X12Problem::rule).sorted().collect(Collectors.toList());
            assertEquals(KNOWN_BAD.getOrDefault(name, List.of()), rules,
                    () -> Stream.concat(file.problems().stream(), doc.problems().stream()).map(X12Problem::describe)
                            .collect(Collectors.joining("\n")));
        }));
    }

    @TestFactory
    Stream<DynamicTest> requestSamplesAreNamedNotRead() throws IOException {
        Path dir = Needs.publicSamples();
        List<Path> requests;
        try (Stream<Path> files = Files.list(dir)) {
            requests = files.filter(f -> f.getFileName().toString().contains("-278-req-")).sorted().toList();
        }
        return requests.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            ResponseFile file = ResponseFixtures.READER.read(f);
            assertEquals(List.of(), file.documents());
            assertTrue(file.problems().stream().anyMatch(p -> "NOT_READ".equals(p.rule())), () -> file.problems().toString());
        }));
    }

    private static String describe(InboundDocument doc) {
        if (doc instanceof ReviewResponse r) {
            Verdict state = r.ruling().verdict();
            return "278 " + state;
        }
        if (doc instanceof ImplementationAcknowledgment a) {
            return "999 " + a.groupStatus().code() + " " + a.sets().stream().map(s -> s.status().code()).toList();
        }
        InterchangeAcknowledgment t = assertInstanceOf(InterchangeAcknowledgment.class, doc);
        return "TA1 " + t.status().code();
    }
}
