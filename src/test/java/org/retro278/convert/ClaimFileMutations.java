package org.retro278.convert;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Damaged claim files made from the sample claim files, one seeded random step after another: each
 * {@link #next()} takes a sample and applies one to three mutations of the kinds a careless export or a
 * hostile partner produces. Works on bytes, so that invalid UTF-8, NUL bytes and BOMs are as possible as
 * any text.
 */
final class ClaimFileMutations {

    /** A sample claim file: its layout and its bytes. */
    record Sample(String name, String layout, byte[] bytes) {
    }

    /** A damaged file, the layout to read it with, and what was done to it, for the failure message. */
    record Mutant(byte[] bytes, String layout, String description) {
    }

    static final String[] NAMES = {"truncated", "bytes flipped", "delimiters swapped", "huge field", "many columns",
            "nested quotes", "invalid UTF-8", "NUL bytes", "BOM", "CR-only line ends", "lines repeated", "lines dropped",
            "spliced with another sample", "quote inserted", "line ends mixed"};

    private static final byte[][] BAD_BYTES = {
            {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xC2, (byte) 0x85}, {(byte) 0xE2, (byte) 0x80, (byte) 0xA8}, {0x1B, '[', '3', '1', 'm'}};
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] DELIMITERS = {',', ';', '\t', '|', '"', '\'', '\n', '\r', ' '};

    private final Random random;
    private final List<Sample> samples;

    ClaimFileMutations(Random random, List<Sample> samples) {
        this.random = random;
        this.samples = samples;
    }

    Mutant next() {
        int source = random.nextInt(samples.size());
        Sample sample = samples.get(source);
        byte[] data = sample.bytes();
        StringBuilder description = new StringBuilder(sample.name());
        int steps = 1 + random.nextInt(3);
        for (int s = 0; s < steps; s++) {
            int kind = random.nextInt(NAMES.length);
            data = mutate(kind, data);
            description.append(", ").append(NAMES[kind]);
        }
        return new Mutant(data, sample.layout(), description.toString());
    }

    private byte[] mutate(int kind, byte[] data) {
        if (data.length == 0) {
            return samples.get(random.nextInt(samples.size())).bytes();
        }
        return switch (kind) {
            case 0 -> Arrays.copyOf(data, random.nextInt(data.length));
            case 1 -> flip(data);
            case 2 -> swapDelimiters(data);
            case 3 -> insert(data, random.nextInt(data.length + 1), repeat((byte) "AZ9 x\"".charAt(random.nextInt(6)),
                    random.nextBoolean() ? 70_000 : 1_000 + random.nextInt(5_000)));
            case 4 -> insert(data, lineEnd(data), repeat(',', 50 + random.nextInt(3_000)));
            case 5 -> insert(data, random.nextInt(data.length + 1), nestedQuotes());
            case 6 -> insert(data, random.nextInt(data.length + 1), BAD_BYTES[random.nextInt(BAD_BYTES.length)]);
            case 7 -> insert(data, random.nextInt(data.length + 1), repeat((byte) 0, 1 + random.nextInt(random.nextBoolean() ? 3 : 500)));
            case 8 -> insert(data, random.nextBoolean() ? 0 : random.nextInt(data.length + 1),
                    random.nextInt(4) == 0 ? concat(BOM, BOM) : BOM);
            case 9 -> crOnly(data);
            case 10 -> repeatLines(data);
            case 11 -> dropLines(data);
            case 12 -> splice(data);
            case 13 -> insert(data, random.nextInt(data.length + 1), new byte[] {'"'});
            default -> mixLineEnds(data);
        };
    }

    private byte[] flip(byte[] data) {
        byte[] out = data.clone();
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            int at = random.nextInt(out.length);
            out[at] = random.nextBoolean() ? (byte) (out[at] ^ (1 << random.nextInt(8))) : (byte) random.nextInt(256);
        }
        return out;
    }

    /** Every occurrence of one delimiter-like byte (comma, quote, line end...) becomes another. */
    private byte[] swapDelimiters(byte[] data) {
        byte from = DELIMITERS[random.nextInt(DELIMITERS.length)];
        byte to = DELIMITERS[random.nextInt(DELIMITERS.length)];
        byte[] out = data.clone();
        boolean both = random.nextBoolean();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == from) {
                out[i] = to;
            } else if (both && out[i] == to) {
                out[i] = from;
            }
        }
        return out;
    }

    /** Quotes inside quotes: doubled, tripled, unbalanced, around separators and line ends. */
    private byte[] nestedQuotes() {
        String[] shapes = {"\"a\"\"b\"\"c\"", "\"\"\"", "\"x\"y\"z\"", "\"\",\"\"", "\"\"\"\"\"\"", "\"a,\"b\",c\"",
                "\"line\nbreak \"\"in\"\" it\"", "\"\r\"", "\"\"\"\n\"\"\"", "\"" + "\"\"".repeat(200) + "\""};
        return shapes[random.nextInt(shapes.length)].getBytes(StandardCharsets.UTF_8);
    }

    private byte[] crOnly(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\r' && i + 1 < data.length && data[i + 1] == '\n') {
                continue;
            }
            out.write(data[i] == '\n' ? '\r' : data[i]);
        }
        return out.toByteArray();
    }

    private byte[] mixLineEnds(byte[] data) {
        byte[][] ends = {{'\n'}, {'\r'}, {'\r', '\n'}, {'\n', '\r'}, {'\r', '\r', '\n'}};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : data) {
            if (b == '\n' && random.nextInt(3) == 0) {
                out.writeBytes(ends[random.nextInt(ends.length)]);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private byte[] repeatLines(byte[] data) {
        List<byte[]> lines = lines(data);
        int from = random.nextInt(lines.size());
        int n = 1 + random.nextInt(Math.min(4, lines.size() - from));
        int times = random.nextInt(4) == 0 ? 50 : 1 + random.nextInt(3);
        List<byte[]> out = new ArrayList<>(lines.subList(0, from + n));
        for (int t = 0; t < times; t++) {
            out.addAll(lines.subList(from, from + n));
        }
        out.addAll(lines.subList(from + n, lines.size()));
        return join(out);
    }

    private byte[] dropLines(byte[] data) {
        List<byte[]> lines = new ArrayList<>(lines(data));
        int from = random.nextInt(lines.size());
        int n = 1 + random.nextInt(Math.min(3, lines.size() - from));
        lines.subList(from, from + n).clear();
        return join(lines);
    }

    private byte[] splice(byte[] data) {
        byte[] other = samples.get(random.nextInt(samples.size())).bytes();
        int cut = random.nextInt(data.length + 1);
        int from = random.nextInt(other.length + 1);
        return concat(Arrays.copyOf(data, cut), Arrays.copyOfRange(other, from, other.length));
    }

    /** The end of a random line (before its terminator), or the end of the data. */
    private int lineEnd(byte[] data) {
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n' || data[i] == '\r') {
                ends.add(i);
            }
        }
        ends.add(data.length);
        return ends.get(random.nextInt(ends.size()));
    }

    /** Lines with their terminators (LF, CR LF or CR). */
    private static List<byte[]> lines(byte[] data) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            boolean end = data[i] == '\n' || (data[i] == '\r' && (i + 1 == data.length || data[i + 1] != '\n'));
            if (end) {
                out.add(Arrays.copyOfRange(data, start, i + 1));
                start = i + 1;
            }
        }
        if (start < data.length) {
            out.add(Arrays.copyOfRange(data, start, data.length));
        }
        return out;
    }

    private static byte[] join(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] insert(byte[] data, int at, byte[] bytes) {
        return concat(concat(Arrays.copyOf(data, at), bytes), Arrays.copyOfRange(data, at, data.length));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] repeat(int b, int n) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) b);
        return out;
    }
}
