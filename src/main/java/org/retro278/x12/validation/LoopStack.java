package org.retro278.x12.validation;

/**
 * The loops StAEDI has opened around the segment being read, innermost last, with the position each began
 * at. Implementation loops have the guide's ids (2000E); a loop whose code starts with L is a base-schema
 * loop no implementation matched, that is one the guide does not know.
 */
final class LoopStack {

    private static final int MAX_DEPTH = 16;

    private final String[] codes = new String[MAX_DEPTH];
    private final long[] starts = new long[MAX_DEPTH];
    private int depth;

    void push(String code, long start) {
        if (depth < MAX_DEPTH) {
            codes[depth] = code;
            starts[depth] = start;
        }
        depth++;
    }

    void pop() {
        depth = Math.max(0, depth - 1);
    }

    /** The innermost loop's id, or {@code null} outside loops, too deep, or in a loop the guide does not know. */
    String current() {
        if (depth == 0 || depth > MAX_DEPTH) {
            return null;
        }
        String code = codes[depth - 1];
        return isUnknown(code) ? null : code;
    }

    /** Depth index of the outermost loop no implementation matched, or -1. */
    int outermostUnknown() {
        for (int i = 0; i < Math.min(depth, MAX_DEPTH); i++) {
            if (isUnknown(codes[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the loop at a depth index began at a position. */
    boolean startsAt(int index, long position) {
        return index < MAX_DEPTH && starts[index] == position;
    }

    /** The innermost implementation loop around a depth index, for locating problems in unknown loops. */
    String enclosingKnown(int below) {
        for (int i = below - 1; i >= 0; i--) {
            if (!isUnknown(codes[i])) {
                return codes[i];
            }
        }
        return null;
    }

    /** Standard (base schema) loop codes start with L: StAEDI uses them when no implementation loop matched. */
    private static boolean isUnknown(String loopCode) {
        return loopCode != null && loopCode.startsWith("L");
    }
}
