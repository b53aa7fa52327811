package org.retro278.rules;

import java.text.Normalizer;
import org.retro278.x12.Delimiters;

/**
 * Text as a 278 can carry it. X12 has no escape character and HIPAA data is restricted to the X12
 * extended character set, so text from claim files is first folded to it: accents are removed
 * ("José" becomes "Jose"), typographic quotes and dashes become their ASCII forms. What still does
 * not fit, and any character that is one of the payer's delimiters, makes a name or an id invalid
 * (changing them would change whom or what they identify); in free text it becomes a space.
 */
public final class X12Text {

    /**
     * The X12 extended character set as HIPAA uses it, less {@code ~ ^ `} which serve as delimiters in
     * practice.
     */
    private static final String SYMBOLS = " !\"&'()*+,-./:;?=%@[]_{}\\|<>#$";

    private X12Text() {
    }

    /** Folds accents and typographic punctuation to ASCII; nothing else changes. */
    public static String fold(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK || Character.getType(c) == Character.COMBINING_SPACING_MARK
                    || Character.getType(c) == Character.ENCLOSING_MARK) {
                continue;
            }
            switch (c) {
                case '\u2018', '\u2019', '\u201A', '\u2032' -> b.append('\'');
                case '\u201C', '\u201D', '\u201E', '\u2033' -> b.append('"');
                case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> b.append('-');
                case '\u00A0', '\u2007', '\u202F' -> b.append(' ');
                case '\u00DF' -> b.append("ss");
                case '\u00C6' -> b.append("AE");
                case '\u00E6' -> b.append("ae");
                case '\u00D8' -> b.append('O');
                case '\u00F8' -> b.append('o');
                case '\u0141' -> b.append('L');
                case '\u0142' -> b.append('l');
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Whether a character may appear in data sent with these delimiters. */
    public static boolean allowed(char c, Delimiters d) {
        boolean inSet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || SYMBOLS.indexOf(c) >= 0;
        return inSet && !d.isDelimiter(c);
    }

    /** The first character of an (already folded) value that cannot be sent, or -1. */
    public static int firstDisallowed(String s, Delimiters d) {
        for (int i = 0; i < s.length(); i++) {
            if (!allowed(s.charAt(i), d)) {
                return i;
            }
        }
        return -1;
    }

    /** Free text made sendable: folded, anything not allowed becomes a space, runs of spaces collapse. */
    public static String freeText(String s, Delimiters d) {
        String f = fold(s);
        StringBuilder b = new StringBuilder(f.length());
        boolean space = false;
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (!allowed(c, d) || c == ' ') {
                if (!space && b.length() > 0) {
                    b.append(' ');
                }
                space = true;
            } else {
                b.append(c);
                space = false;
            }
        }
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == ' ') {
            end--;
        }
        return b.substring(0, end);
    }

    /** How a character is named in a message: printable ones quoted, others by code point. */
    public static String describe(char c) {
        if (c >= 0x20 && c < 0x7F) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }
}
