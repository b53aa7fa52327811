package org.retro278.x12.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.retro278.x12.X12Problem;

/** Our fictional fixtures and the assertions the validation tests share. */
final class Fixtures {

    /** One validator for all tests, as in production: schemas are read once. */
    static final X12Validator VALIDATOR = X12Validator.create();

    static final String CLEAN = "clean/retro-requests-hs-with-dependent-and-ar-admission.x12";

    /** Values from the fixtures that are PHI in real life: no message may repeat them. */
    private static final List<String> PHI = List.of("DOE", "JANE", "JOHNNY", "ROE", "RICHARD", "SMITH", "RIVERA",
            "MEM000", "19800101", "20150615", "19551130", "20260230", "J069", "R509", "I214", "E119");

    private Fixtures() {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/golden/validate/" + resource)) {
            assertNotNull(in, resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.US_ASCII);
    }

    static ValidationResult validate(String resource) {
        return validateBytes(bytes(resource));
    }

    static ValidationResult validateText(String x12) {
        return validateBytes(x12.getBytes(StandardCharsets.US_ASCII));
    }

    static ValidationResult validateBytes(byte[] data) {
        try {
            ValidationResult result = VALIDATOR.validate(new ByteArrayInputStream(data));
            assertNoPhi(result.problems());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The clean fixture with the first segment starting with {@code start} replaced (segment count kept). */
    static String cleanWith(String start, String replacement) {
        String text = text(CLEAN);
        int at = text.indexOf("\n" + start) + 1;
        if (at <= 0) {
            throw new IllegalArgumentException(start);
        }
        int end = text.indexOf('\n', at);
        return text.substring(0, at) + replacement + text.substring(end);
    }

    static void assertNoPhi(List<X12Problem> problems) {
        for (X12Problem p : problems) {
            for (String phi : PHI) {
                assertFalse(p.describe().contains(phi), () -> "message quotes a PHI value: " + p.describe());
            }
        }
    }

    static List<String> rules(ValidationResult result) {
        return result.problems().stream().map(X12Problem::rule).collect(Collectors.toList());
    }

    /** The only problem with a rule, checked for the given location. */
    static X12Problem only(ValidationResult result, String rule) {
        List<X12Problem> matching = result.problems().stream().filter(p -> p.rule().equals(rule)).toList();
        assertEquals(1, matching.size(), () -> rule + " once in " + describe(result));
        return matching.get(0);
    }

    static void assertAt(X12Problem p, long position, Integer inSet, String loop, String segment, Integer element,
                         Integer component) {
        assertEquals(position, p.segmentPosition(), () -> "position of " + p.describe());
        assertEquals(inSet, p.transactionPosition(), () -> "position in set of " + p.describe());
        assertEquals(loop, p.loop(), () -> "loop of " + p.describe());
        assertEquals(segment, p.segment(), () -> "segment of " + p.describe());
        assertEquals(element, p.element(), () -> "element of " + p.describe());
        assertEquals(component, p.component(), () -> "component of " + p.describe());
    }

    static String describe(ValidationResult result) {
        return result.problems().stream().map(X12Problem::describe).collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
