package org.retro278.x12.response;

import java.util.ArrayList;
import java.util.List;

/**
 * The values of the segment being read, as the reader asked for them: each with its element position,
 * component position (0 for a simple element) and repetition. One instance is reused for every segment;
 * only segments and elements the reader wants are filled in, so names, ids and free text are never copied.
 */
final class SegmentValues {

    private static final int MAX = 128;

    private final int[] elements = new int[MAX];
    private final int[] components = new int[MAX];
    private final int[] occurrences = new int[MAX];
    private final String[] values = new String[MAX];
    private int size;
    String tag;
    long position;

    void start(String tag, long position) {
        for (int i = 0; i < size; i++) {
            values[i] = null;
        }
        size = 0;
        this.tag = tag;
        this.position = position;
    }

    void add(int element, int component, int occurrence, String value) {
        if (size < MAX && value != null && !value.isEmpty()) {
            elements[size] = element;
            components[size] = Math.max(component, 0);
            occurrences[size] = Math.max(occurrence, 1);
            values[size] = value;
            size++;
        }
    }

    /** A simple element's value or a composite's first component, first repetition; {@code null} when absent. */
    String get(int element) {
        return get(element, 1);
    }

    /** A component (1-based; a simple element answers for component 1), first repetition; {@code null} when absent. */
    String get(int element, int component) {
        for (int i = 0; i < size; i++) {
            if (elements[i] == element && occurrences[i] == 1 && (components[i] == component
                    || (component == 1 && components[i] == 0))) {
                return values[i];
            }
        }
        return null;
    }

    /** Every repetition of a simple element (or of a composite's first component), in order. */
    List<String> repetitions(int element) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (elements[i] == element && components[i] <= 1) {
                out.add(values[i]);
            }
        }
        return out;
    }

    /** Components {@code from} to {@code to} of an element's first repetition that are present, in order. */
    List<String> components(int element, int from, int to) {
        List<String> out = new ArrayList<>(2);
        for (int c = from; c <= to; c++) {
            String v = get(element, c);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** A number value, or {@code null} when absent or not a number. */
    Integer number(int element, int component) {
        String v = get(element, component);
        if (v == null || v.length() > 9 || !v.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.parseInt(v);
    }
}
