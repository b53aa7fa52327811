package org.retro278.x12.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.retro278.x12.X12Problem;

/**
 * Damaged input never escapes the validator: a few thousand seeded mutations of our X12 fixtures
 * (truncation, byte flips, delimiter swaps, nested or repeated ST/GS/ISA, huge fields, invalid UTF-8,
 * whitespace, lost segments) each end as a summary with problems, or as "not X12", within a time limit.
 * Bounded and repeatable: the seed and the count are fixed ({@code -Dfuzz.mutations=N}, {@code
 * -Dfuzz.seed=S} for longer runs); a failure names the mutation that caused it.
 */
class X12FuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 278_005_010L);
    private static final int MUTATIONS = Integer.getInteger("fuzz.mutations", 4000);
    private static final Duration PER_FILE = Duration.ofSeconds(10);

    @Test
    void noMutatedInputThrowsOrHangs() {
        List<byte[]> fixtures = fixtures();
        Random random = new Random(SEED);
        X12Mutations mutations = new X12Mutations(random, fixtures);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < MUTATIONS; i++) {
            X12Mutations.Mutant mutant = mutations.next();
            boolean envelopeOnly = i % 5 == 4;
            String what = "mutation " + i + " (seed " + SEED + ", " + (envelopeOnly ? "envelope only" : "full") + "): "
                    + mutant.description();
            try {
                check(mutant.bytes(), envelopeOnly, what);
            } catch (AssertionError | RuntimeException e) {
                failures.add(what + ": " + e);
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + MUTATIONS + " mutations failed:\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    }

    private static void check(byte[] data, boolean envelopeOnly, String what) {
        List<X12Problem> problems = new ArrayList<>();
        ValidationSummary summary = assertTimeoutPreemptively(PER_FILE, () -> validate(data, envelopeOnly, problems), what);
        assertNotNull(summary, what);
        assertEquals(problems.size(), summary.problems(), what);
        if (!summary.x12()) {
            assertEquals(List.of("NOT_X12"), problems.stream().map(X12Problem::rule).toList(), what);
        }
        for (X12Problem p : problems) {
            assertNotNull(p.rule(), what);
            assertFalse(p.message() == null || p.message().isBlank(), () -> what + ": a problem without words: " + p.rule());
            assertTrue(p.segmentPosition() >= 1, () -> what + ": a problem before the first segment: " + p.describe());
        }
    }

    private static ValidationSummary validate(byte[] data, boolean envelopeOnly, List<X12Problem> problems) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(data);
        return envelopeOnly ? Fixtures.VALIDATOR.validateEnvelope(in, problems::add) : Fixtures.VALIDATOR.validate(in, problems::add);
    }

    /** Every X12 fixture of the golden files of {@code read} and {@code validate}: requests, responses, 999s, TA1s. */
    static List<byte[]> fixtures() {
        List<byte[]> all = new ArrayList<>();
        for (String folder : List.of("/golden/read", "/golden/validate")) {
            addFixtures(folder, all);
        }
        assertTrue(all.size() > 20, "fixtures found: " + all.size());
        return all;
    }

    private static void addFixtures(String folder, List<byte[]> all) {
        try (Stream<Path> files = Files.walk(Paths.get(X12FuzzTest.class.getResource(folder).toURI()))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".x12")).sorted().toList()) {
                all.add(Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
