package org.retro278.x12.validation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Damaged X12 made from good fixtures, one seeded random step after another: each {@link #next()} takes a
 * fixture and applies one to three mutations, the kinds a careless or hostile sender produces. Works on
 * bytes, so that invalid UTF-8 and control characters are as possible as any text.
 */
final class X12Mutations {

    /** A damaged input and what was done to it, for the failure message. */
    record Mutant(byte[] bytes, String description) {
    }

    private static final byte[][] BAD_BYTES = {
            {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {0}, {0x1B, '[', '3', '1', 'm'},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
    private static final String[] WHITESPACE = {" ", "\t", "\r\n", "\n\n", "  \r\n ", "\u000b", "\f"};

    private final Random random;
    private final List<byte[]> fixtures;

    X12Mutations(Random random, List<byte[]> fixtures) {
        this.random = random;
        this.fixtures = fixtures;
    }

    Mutant next() {
        int source = random.nextInt(fixtures.size());
        byte[] data = fixtures.get(source);
        StringBuilder description = new StringBuilder("fixture " + source);
        int steps = 1 + random.nextInt(3);
        for (int s = 0; s < steps; s++) {
            int kind = random.nextInt(13);
            data = mutate(kind, data);
            description.append(", ").append(NAMES[kind]);
        }
        return new Mutant(data, description.toString());
    }

    private static final String[] NAMES = {"truncated", "bytes flipped", "delimiters swapped", "delimiter replaced",
            "ST inside a set", "GS or ISA repeated", "segments repeated", "segments dropped", "huge field",
            "invalid UTF-8", "whitespace", "spliced with another fixture", "segment id changed"};

    private byte[] mutate(int kind, byte[] data) {
        if (data.length == 0) {
            return fixtures.get(random.nextInt(fixtures.size()));
        }
        return switch (kind) {
            case 0 -> Arrays.copyOf(data, random.nextInt(data.length));
            case 1 -> flip(data);
            case 2 -> swapDelimiters(data);
            case 3 -> replaceOne(data);
            case 4 -> insertSegment(data, "ST");
            case 5 -> insertSegment(data, random.nextBoolean() ? "GS" : "ISA");
            case 6 -> repeatSegments(data);
            case 7 -> dropSegments(data);
            case 8 -> insert(data, randomElementEnd(data), hugeField());
            case 9 -> insert(data, random.nextInt(data.length + 1), BAD_BYTES[random.nextInt(BAD_BYTES.length)]);
            case 10 -> insert(data, segmentStarts(data).get(random.nextInt(segmentStarts(data).size())),
                    WHITESPACE[random.nextInt(WHITESPACE.length)].getBytes(StandardCharsets.ISO_8859_1));
            case 11 -> splice(data, fixtures.get(random.nextInt(fixtures.size())));
            default -> changeSegmentId(data);
        };
    }

    private byte[] flip(byte[] data) {
        byte[] out = data.clone();
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
    }

    /** The delimiters as the ISA header places them (element, repetition, component, terminator). */
    private static byte[] delimiters(byte[] data) {
        int isa = indexOf(data, "ISA");
        if (isa < 0 || isa + 105 >= data.length) {
            return new byte[] {'*', '^', ':', '~'};
        }
        return new byte[] {data[isa + 3], data[isa + 82], data[isa + 104], data[isa + 105]};
    }

    private byte[] swapDelimiters(byte[] data) {
        byte[] d = delimiters(data);
        byte a = d[random.nextInt(4)];
        byte b = d[random.nextInt(4)];
        byte[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] == a ? b : out[i] == b ? a : out[i];
        }
        return out;
    }

    private byte[] replaceOne(byte[] data) {
        byte[] d = delimiters(data);
        byte from = d[random.nextInt(4)];
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            if (data[i] == from) {
                at.add(i);
            }
        }
        if (at.isEmpty()) {
            return data;
        }
        byte[] out = data.clone();
        out[at.get(random.nextInt(at.size()))] = d[random.nextInt(4)];
        return out;
    }

    /** A copy of the fixture's own first segment with that id, put at a random segment start. */
    private byte[] insertSegment(byte[] data, String id) {
        List<byte[]> segments = segments(data);
        byte[] copy = segments.stream().filter(s -> startsWith(s, id)).findFirst()
                .orElse((id + "*278*9999*005010X217~").getBytes(StandardCharsets.ISO_8859_1));
        List<Integer> starts = segmentStarts(data);
        return insert(data, starts.get(random.nextInt(starts.size())), copy);
    }

    private byte[] repeatSegments(byte[] data) {
        List<byte[]> segments = segments(data);
        int from = random.nextInt(segments.size());
        int to = Math.min(segments.size(), from + 1 + random.nextInt(12));
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        segments.subList(from, to).forEach(run::writeBytes);
        List<Integer> starts = segmentStarts(data);
        return insert(data, starts.get(random.nextInt(starts.size())), run.toByteArray());
    }

    private byte[] dropSegments(byte[] data) {
        List<byte[]> segments = new ArrayList<>(segments(data));
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n && segments.size() > 1; i++) {
            segments.remove(random.nextInt(segments.size()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        segments.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private byte[] hugeField() {
        int length = random.nextBoolean() ? 70_000 : 1 + random.nextInt(2_000);
        byte[] field = new byte[length];
        byte fill = (byte) (random.nextBoolean() ? 'A' : '0' + random.nextInt(10));
        Arrays.fill(field, fill);
        return field;
    }

    private int randomElementEnd(byte[] data) {
        byte separator = delimiters(data)[0];
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            if (data[i] == separator) {
                at.add(i);
            }
        }
        return at.isEmpty() ? random.nextInt(data.length + 1) : at.get(random.nextInt(at.size()));
    }

    private byte[] splice(byte[] data, byte[] other) {
        int cut = random.nextInt(data.length + 1);
        int from = random.nextInt(other.length + 1);
        byte[] out = Arrays.copyOf(data, cut + other.length - from);
        System.arraycopy(other, from, out, cut, other.length - from);
        return out;
    }

    private byte[] changeSegmentId(byte[] data) {
        List<Integer> starts = segmentStarts(data);
        int at = starts.get(random.nextInt(starts.size()));
        String[] ids = {"", "S", "ST", "SE", "GS", "GE", "ISA", "IEA", "HL", "TA1", "ZZZZ", "hl", "1X", "AK9", "IK5", "BHT", "N"};
        byte[] id = ids[random.nextInt(ids.length)].getBytes(StandardCharsets.ISO_8859_1);
        int end = at;
        while (end < data.length && end - at < 4 && Character.isLetterOrDigit(data[end])) {
            end++;
        }
        byte[] out = new byte[data.length - (end - at) + id.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(id, 0, out, at, id.length);
        System.arraycopy(data, end, out, at + id.length, data.length - end);
        return out;
    }

    /** The segments, each with its terminator and any line break after it. */
    private static List<byte[]> segments(byte[] data) {
        List<Integer> starts = segmentStarts(data);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : data.length;
            out.add(Arrays.copyOfRange(data, starts.get(i), end));
        }
        return out;
    }

    /** Where each segment begins: the start and each position after a terminator (and its line break). */
    private static List<Integer> segmentStarts(byte[] data) {
        byte terminator = delimiters(data)[3];
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < data.length; i++) {
            if (data[i] == terminator) {
                int next = i + 1;
                while (next < data.length && (data[next] == '\r' || data[next] == '\n')) {
                    next++;
                }
                if (next < data.length) {
                    starts.add(next);
                }
            }
        }
        return starts;
    }

    private static byte[] insert(byte[] data, int at, byte[] what) {
        byte[] out = new byte[data.length + what.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(data, at, out, at + what.length, data.length - at);
        return out;
    }

    private static boolean startsWith(byte[] segment, String id) {
        return segment.length > id.length() && new String(segment, 0, id.length(), StandardCharsets.ISO_8859_1).equals(id)
                && !Character.isLetterOrDigit(segment[id.length()]);
    }

    private static int indexOf(byte[] data, String s) {
        byte[] p = s.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + p.length <= Math.min(data.length, 64); i++) {
            for (int k = 0; k < p.length; k++) {
                if (data[i + k] != p[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
