package org.retro278.x12.validation;

import org.retro278.testing.Needs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.retro278.x12.X12Problem;

/**
 * The validator against the public 278 request samples (third-party files, read where they are, never copied
 * into the project): the four known-bad ones report exactly their known fault, every other request is clean.
 *
 * <p>Where the samples are: system property {@code retro278.shared.dir} (the shared directory holding
 * {@code x12-samples/}, or the samples directory itself), else {@code ../shared/x12-samples} next to the
 * project. Skipped when absent.
 */
class PublicSamplesTest {

    /** Known faults: the rules each of these must report, and nothing else. */
    private static final Map<String, Set<String>> KNOWN_BAD = Map.of(
            "stupidedi-278-req-admission.x12", Set.of("SEGMENT_COUNT_MISMATCH"),
            "stupidedi-278-req-home-health.x12", Set.of("SEGMENT_COUNT_MISMATCH"),
            // services chained under services (HL*6 under 5, HL*7 under 6); the HL04=0 of 5 and 6 contradicts it
            "stupidedi-278-req-nonemergency-transport.x12", Set.of("HL_PARENT", "HL_CHILD_CODE"),
            "edifabric-278-req-1.x12", Set.of("GS_FUNCTIONAL_ID"));

    @TestFactory
    Stream<DynamicTest> requestSamples() throws IOException {
        Path dir = Needs.publicSamples();
        List<Path> requests;
        try (Stream<Path> files = Files.list(dir)) {
            requests = files.filter(f -> f.getFileName().toString().matches(".*-278-req-.*\\.x12")).sorted().toList();
        }
        assertFalse(requests.isEmpty(), "no 278 request samples in " + dir);
        assertEquals(KNOWN_BAD.keySet(), requests.stream().map(f -> f.getFileName().toString())
                .filter(KNOWN_BAD::containsKey).collect(Collectors.toSet()), "all known-bad samples present");
        return requests.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            ValidationResult result = Fixtures.VALIDATOR.validate(file);
            Set<String> rules = result.problems().stream().map(X12Problem::rule).collect(Collectors.toCollection(TreeSet::new));
            Set<String> expected = new TreeSet<>(KNOWN_BAD.getOrDefault(file.getFileName().toString(), Set.of()));
            assertEquals(expected, rules, () -> Fixtures.describe(result));
        }));
    }
}
