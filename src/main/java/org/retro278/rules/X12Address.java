package org.retro278.rules;

/**
 * Where a value travels in the 005010X217 request: loop, segment, element and, inside a composite, the
 * component ({@code null} for a simple element). The rules ask the guide's facts about a column through it.
 */
public record X12Address(String loop, String segment, int element, Integer component) {

    public X12Address(String loop, String segment, int element) {
        this(loop, segment, element, null);
    }

    /** How rejection reasons name the element, for example {@code 2010C NM103}. */
    public String label() {
        return loop + " " + segment + String.format("%02d", element) + (component == null ? "" : "-" + component);
    }
}
