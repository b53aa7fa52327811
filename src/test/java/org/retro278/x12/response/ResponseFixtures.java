package org.retro278.x12.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.retro278.x12.X12Problem;

/** Our fictional response fixtures (src/test/resources/golden/read, the golden files of `read`) and shared assertions. */
final class ResponseFixtures {

    /** One reader for all tests, as in production: schemas are read once. */
    static final ResponseReader READER = ResponseReader.create();

    static final String DIR = "/golden/read/";

    /** Values of the fixtures that are PHI in real life: no toString may show them. */
    static final List<String> PHI = List.of("DOE", "JANE", "MEM000111", "19800101", "SMITH", "ALEX", "MEM0001!1",
            "20260230", "20251201", "20251202", "20251110", "AUTH5000", "CASE5000", "99213", "97110", "97112", "99223", "27447");

    private ResponseFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = ResponseFixtures.class.getResourceAsStream(DIR + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResponseFile read(String name) {
        return read(READER, bytes(name));
    }

    static ResponseFile read(ResponseReader reader, byte[] data) {
        try {
            return reader.read(new ByteArrayInputStream(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The only document of a fixture, of the given kind, read without any problem outside it. */
    static <T extends InboundDocument> T only(String name, Class<T> kind) {
        ResponseFile file = read(name);
        assertEquals(List.of(), file.problems(), () -> "problems outside the document of " + name);
        assertEquals(1, file.documents().size(), () -> "documents of " + name);
        assertNoPhiInToString(file.documents().get(0));
        return assertInstanceOf(kind, file.documents().get(0));
    }

    static void assertNoPhiInToString(Object o) {
        String text = o.toString();
        for (String phi : PHI) {
            assertFalse(text.contains(phi), () -> "toString shows a PHI value (" + phi + "): " + text);
        }
    }

    static List<String> rules(List<X12Problem> problems) {
        return problems.stream().map(X12Problem::rule).toList();
    }

    /** The JSON Lines the read command would print for a fixture. */
    static String json(String name) {
        ResponseFile file = read(name);
        StringWriter out = new StringWriter();
        ResponseJson json = new ResponseJson(out);
        file.documents().forEach(d -> json.document(d, name));
        file.problems().forEach(p -> json.problem(p, name));
        return out.toString();
    }
}
