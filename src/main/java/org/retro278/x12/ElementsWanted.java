package org.retro278.x12;

import java.util.HashMap;
import java.util.Map;

/**
 * Which elements of which segments one consumer of a pass over X12 (a validation rule family, a response
 * document builder) has copied out of StAEDI's reader: a table declared once per consumer. Elements nobody
 * asks for are never copied: names, member ids and diagnosis codes stay where they are, and copying less is
 * faster.
 *
 * <p>Per segment tag a bit set of element positions: bit n = element n, bit 0 = the segment itself, so a
 * segment wanted without any value is 1 and one not wanted at all is 0.
 */
public final class ElementsWanted {

    public static final ElementsWanted NONE = new ElementsWanted(Map.of());

    private final Map<String, Long> masks;

    private ElementsWanted(Map<String, Long> masks) {
        this.masks = masks;
    }

    /** This table and the segment {@code tag} with the elements at {@code positions} (none: the segment alone). */
    public ElementsWanted and(String tag, int... positions) {
        return union(new ElementsWanted(Map.of(tag, mask(positions))));
    }

    /** What this table or the other wants. */
    public ElementsWanted union(ElementsWanted other) {
        Map<String, Long> both = new HashMap<>(masks);
        other.masks.forEach((tag, mask) -> both.merge(tag, mask, (a, b) -> a | b));
        return new ElementsWanted(Map.copyOf(both));
    }

    /** The bit set for a segment tag; 0 for a segment not wanted. */
    public long of(String tag) {
        Long mask = masks.get(tag);
        return mask == null ? 0L : mask;
    }

    /** Whether element {@code position} is set in a bit set {@link #of} returned. */
    public static boolean has(long mask, int position) {
        return position > 0 && position < 64 && (mask & (1L << position)) != 0;
    }

    private static long mask(int... positions) {
        long mask = 1L;
        for (int p : positions) {
            mask |= 1L << p;
        }
        return mask;
    }
}
