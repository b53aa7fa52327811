package org.retro278.x12;

import java.util.HashSet;
import java.util.Set;

/**
 * The four X12 delimiters of an interchange, and whether a line break follows each segment terminator
 * (tolerated by most partners, refused by some; off unless a payer asks for it).
 */
public record Delimiters(char element, char component, char repetition, char segment, boolean lineBreaks) {

    /** The most common set: {@code * : ^ ~}, no line breaks. */
    public static final Delimiters STANDARD = new Delimiters('*', ':', '^', '~', false);

    /** Symbols that names, notes and ids commonly contain: never delimiters here. */
    static final String DATA_SYMBOLS = ".,-'/()&#@\"";

    public Delimiters {
        Set<Character> seen = new HashSet<>();
        for (char c : new char[] {element, component, repetition, segment}) {
            if (Character.isLetterOrDigit(c) || c < 0x21 || c > 0x7E || DATA_SYMBOLS.indexOf(c) >= 0) {
                throw new IllegalArgumentException("delimiter '" + c + "' must be a printable ASCII symbol that data does not"
                        + " commonly contain (not a letter, digit, space or one of " + DATA_SYMBOLS + ")");
            }
            if (!seen.add(c)) {
                throw new IllegalArgumentException("delimiter '" + c + "' is used twice");
            }
        }
    }

    /** Whether a character is one of the four delimiters and so cannot appear in data. */
    public boolean isDelimiter(char c) {
        return c == element || c == component || c == repetition || c == segment;
    }
}
