package org.retro278.x12.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.retro278.x12.X12Problem;

/**
 * No byte sequence makes the reader throw: every input ends as documents, problems or an {@code UNREADABLE}
 * problem (here: the fixtures, seeded mutations of them, and the shapes that used to crash), while what the
 * caller's handler throws still reaches the caller as it was thrown.
 */
class NoInputCrashesTheReaderTest {

    private static final long SEED = 13L;
    private static final int MUTATIONS = 300;

    private static ResponseFile read(ResponseReader reader, byte[] data) throws IOException {
        return reader.read(new ByteArrayInputStream(data));
    }

    @Test
    void anStInsideAnOpenSetIsUnreadableThereInBothModes() throws IOException {
        byte[] data = ResponseFixtures.bytes("unreadable-st-inside-an-open-st.x12");
        for (ResponseReader reader : List.of(ResponseFixtures.READER, ResponseFixtures.READER.withoutValidation())) {
            ResponseFile f = read(reader, data);
            assertEquals(1, f.documents().size(), "the complete set before it");
            X12Problem stop = f.problems().get(f.problems().size() - 1);
            assertEquals("UNREADABLE", stop.rule());
            assertEquals(19, stop.segmentPosition(), "the nested ST");
        }
    }

    @Test
    void whatTheHandlerThrowsIsNotTakenForUnreadableInput() {
        IllegalStateException mine = new IllegalStateException("the caller's own failure");
        ResponseHandler failing = new ResponseHandler() {
            @Override
            public void document(InboundDocument d) {
                throw mine;
            }

            @Override
            public void problem(X12Problem p) {
                // nothing
            }
        };
        byte[] data = ResponseFixtures.bytes("a3-denied-reason-25.x12");
        assertSame(mine, assertThrows(IllegalStateException.class,
                () -> ResponseFixtures.READER.read(new ByteArrayInputStream(data), failing)));
    }

    @Test
    void seededMutationsOfEveryFixtureNeverThrow() throws IOException, URISyntaxException {
        Path dir = Path.of(NoInputCrashesTheReaderTest.class.getResource(ResponseFixtures.DIR).toURI());
        List<byte[]> inputs;
        try (Stream<Path> files = Files.list(dir)) {
            inputs = files.filter(f -> f.toString().endsWith(".x12")).sorted().map(f -> {
                try {
                    return Files.readAllBytes(f);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
        Random random = new Random(SEED);
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] original = inputs.get(random.nextInt(inputs.size()));
            byte[] mutated = mutate(original, random);
            ResponseReader reader = i % 2 == 0 ? ResponseFixtures.READER : ResponseFixtures.READER.withoutValidation();
            int n = i;
            try {
                read(reader, mutated);
            } catch (RuntimeException | IOException e) {
                throw new AssertionError("mutation " + n + " (seed " + SEED + ") crashed the reader: "
                        + new String(mutated, StandardCharsets.ISO_8859_1), e);
            }
        }
    }

    /** Truncation, byte flips, a segment repeated or moved (an ST or IK5 out of place), a huge element. */
    private static byte[] mutate(byte[] in, Random r) {
        String s = new String(in, StandardCharsets.ISO_8859_1);
        String[] segments = s.split("~", -1);
        switch (r.nextInt(5)) {
            case 0 -> {
                return Arrays.copyOf(in, r.nextInt(in.length));
            }
            case 1 -> {
                byte[] out = in.clone();
                for (int k = 0; k < 1 + r.nextInt(4); k++) {
                    out[r.nextInt(out.length)] = (byte) r.nextInt(256);
                }
                return out;
            }
            case 2 -> {
                List<String> list = new ArrayList<>(List.of(segments));
                int from = r.nextInt(list.size());
                list.add(r.nextInt(list.size()), list.get(from));
                return String.join("~", list).getBytes(StandardCharsets.ISO_8859_1);
            }
            case 3 -> {
                List<String> list = new ArrayList<>(List.of(segments));
                String moved = list.remove(r.nextInt(list.size()));
                list.add(r.nextInt(list.size() + 1), moved);
                return String.join("~", list).getBytes(StandardCharsets.ISO_8859_1);
            }
            default -> {
                int at = s.indexOf('*', 110 + r.nextInt(Math.max(1, s.length() - 110)));
                return at < 0 ? in : (s.substring(0, at + 1) + "9".repeat(5_000) + s.substring(at + 1)).getBytes(StandardCharsets.ISO_8859_1);
            }
        }
    }
}
