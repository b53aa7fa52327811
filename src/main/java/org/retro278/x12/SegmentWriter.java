package org.retro278.x12;

import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

/**
 * Writes whole segments through a StAEDI writer: {@code null} elements are left empty (trailing ones
 * disappear, as the writer truncates empty trailing elements), a {@link Composite} is written as
 * components. Counts the segments it writes so that SE01 is right by construction.
 */
public final class SegmentWriter {

    /** A composite element value; {@code null} components are empty. */
    public record Composite(String... components) {
    }

    private final EDIStreamWriter w;
    private int count;

    public SegmentWriter(EDIStreamWriter w) {
        this.w = w;
    }

    public static Composite composite(String... components) {
        return new Composite(components);
    }

    public void segment(String tag, Object... elements) throws EDIStreamException {
        w.writeStartSegment(tag);
        int last = elements.length - 1;
        while (last >= 0 && isEmpty(elements[last])) {
            last--;
        }
        for (int i = 0; i <= last; i++) {
            Object e = elements[i];
            if (isEmpty(e)) {
                w.writeEmptyElement();
            } else if (e instanceof Composite c) {
                w.writeStartElement();
                int lastC = c.components().length - 1;
                while (lastC >= 0 && (c.components()[lastC] == null || c.components()[lastC].isEmpty())) {
                    lastC--;
                }
                for (int j = 0; j <= lastC; j++) {
                    String comp = c.components()[j];
                    if (comp == null || comp.isEmpty()) {
                        w.writeEmptyComponent();
                    } else {
                        w.writeComponent(comp);
                    }
                }
                w.endElement();
            } else {
                w.writeElement(e.toString());
            }
        }
        w.writeEndSegment();
        count++;
    }

    private static boolean isEmpty(Object e) {
        if (e == null) {
            return true;
        }
        if (e instanceof Composite c) {
            for (String s : c.components()) {
                if (s != null && !s.isEmpty()) {
                    return false;
                }
            }
            return true;
        }
        return e.toString().isEmpty();
    }

    public int count() {
        return count;
    }

    void resetCount() {
        count = 0;
    }
}
