package org.retro278.x12.validation;

import java.util.Arrays;

/**
 * The element values of the segment just read, for the checks StAEDI cannot make. One instance is reused
 * for every segment of a run; only segments a check asked for are filled in (free text such as MSG is never
 * copied). Values of repeated elements beyond the first repetition are not kept: no checked element of the
 * 278 repeats.
 */
final class Segment {

    private static final int MAX_ELEMENTS = 100;
    private static final int MAX_COMPONENTS = 20;

    private final String[][] values = new String[MAX_ELEMENTS][];
    private int lastElement;
    String tag;
    long position;
    /** Implementation loop id (such as 2000E), or {@code null} outside a transaction or in an unknown loop. */
    String loop;

    void start(String tag, long position, String loop) {
        for (int i = 1; i <= lastElement; i++) {
            String[] v = values[i];
            if (v != null) {
                Arrays.fill(v, null);
            }
        }
        lastElement = 0;
        this.tag = tag;
        this.position = position;
        this.loop = loop;
    }

    /** Stores a value; {@code component} is 0 for a simple element, 1.. inside a composite. */
    void set(int element, int component, String value) {
        if (element <= 0 || element >= MAX_ELEMENTS || component >= MAX_COMPONENTS) {
            return;
        }
        String[] v = values[element];
        if (v == null) {
            v = new String[MAX_COMPONENTS];
            values[element] = v;
        }
        int c = Math.max(component, 0);
        if (v[c] == null) {
            v[c] = value;
        }
        lastElement = Math.max(lastElement, element);
    }

    /** The value of a simple element, or the first component of a composite; "" when absent. */
    String element(int element) {
        String v = component(element, 0);
        return v.isEmpty() ? component(element, 1) : v;
    }

    /** A component of a composite element; "" when absent. */
    String component(int element, int component) {
        if (element <= 0 || element > lastElement || component >= MAX_COMPONENTS) {
            return "";
        }
        String[] v = values[element];
        String s = v == null ? null : v[Math.max(component, 0)];
        return s == null ? "" : s;
    }

    /** Whether any value was received for an element. */
    boolean present(int element) {
        return !element(element).isEmpty();
    }

    int lastElement() {
        return lastElement;
    }
}
