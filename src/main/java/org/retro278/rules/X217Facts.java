package org.retro278.rules;

import java.util.Set;

/**
 * What the input rules need to know of the 005010X217 request guide: the code list of an element and
 * the lengths it allows. The implementation schema is the single source of these facts; this interface
 * keeps the rules independent of how the schema is read.
 */
public interface X217Facts {

    /** Allowed codes of an element (component {@code null} for a simple element); empty when not a code list. */
    Set<String> codes(String loop, String segment, int element, Integer component);

    /** Longest value the element allows. */
    int maxLength(String loop, String segment, int element, Integer component);

    /** Shortest value the element allows. */
    int minLength(String loop, String segment, int element, Integer component);

    /** Allowed codes of the element at an address. */
    default Set<String> codes(X12Address a) {
        return codes(a.loop(), a.segment(), a.element(), a.component());
    }

    /** Longest value the element at an address allows. */
    default int maxLength(X12Address a) {
        return maxLength(a.loop(), a.segment(), a.element(), a.component());
    }

    /** Shortest value the element at an address allows. */
    default int minLength(X12Address a) {
        return minLength(a.loop(), a.segment(), a.element(), a.component());
    }
}
