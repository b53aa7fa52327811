package org.retro278.mapping;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How a header cell of a claim file becomes the element name a mapping file addresses ({@code
 * claim-row/member_no}). One rule for every layout, so that a header may be written in any case and
 * with spaces or punctuation:
 *
 * <ol>
 *   <li>accents are dropped ({@code Código} reads as {@code Codigo}) and letters are lower-cased;</li>
 *   <li>every run of characters other than {@code a-z} and {@code 0-9} becomes one {@code _}, and
 *       {@code _} at either end is dropped ({@code " Member # "} → {@code member},
 *       {@code "DOS From"} → {@code dos_from}, {@code "Claim-ID"} → {@code claim_id});</li>
 *   <li>a name that starts with a digit gets a leading {@code _} ({@code "2nd Dx"} → {@code _2nd_dx}),
 *       because an XML element name cannot start with one;</li>
 *   <li>a header cell with no letter or digit at all is named after its position, {@code column_N}
 *       (1-based), so that an unnamed column is still addressable and never collides.</li>
 * </ol>
 *
 * Two header cells with the same normalised name make the file ambiguous: the reader refuses it.
 */
public final class ColumnNames {

    private ColumnNames() {
    }

    /**
     * The normalised name of a header cell.
     *
     * @param header   the header cell as written in the file (or in a mapping file's list of required
     *                 columns)
     * @param position the 1-based column position, used only when the cell has no letter or digit
     */
    public static String normalise(String header, int position) {
        String name = normalise(header);
        return name.isEmpty() ? "column_" + position : name;
    }

    /** The normalised name, or the empty string when the text has no letter or digit. */
    public static String normalise(String header) {
        if (header == null) {
            return "";
        }
        String plain = Normalizer.normalize(header, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
        StringBuilder name = new StringBuilder(plain.length());
        boolean gap = false;
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && name.length() > 0) {
                    name.append('_');
                }
                gap = false;
                name.append(c);
            } else if (Character.getType(c) != Character.NON_SPACING_MARK) {
                gap = true;
            }
        }
        if (name.length() > 0 && name.charAt(0) >= '0' && name.charAt(0) <= '9') {
            name.insert(0, '_');
        }
        return name.toString();
    }
}
