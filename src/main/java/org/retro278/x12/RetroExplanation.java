package org.retro278.x12;

import org.retro278.model.RetroReason;

/**
 * The 2000E MSG text of a retro request: the reason's explanation, then the practice's note.
 * MSG01 holds at most {@link #MAX_LENGTH} characters; the input rules refuse a note that does not fit
 * rather than cutting a clinical justification short.
 */
public final class RetroExplanation {

    public static final int MAX_LENGTH = 264;

    private RetroExplanation() {
    }

    /**
     * The MSG01 text. Any character that is one of the interchange's delimiters is replaced by a space
     * (X12 has no escape character; the input rules have already replaced them in the note, this keeps
     * the fixed explanations safe whatever delimiters a payer uses).
     */
    public static String text(RetroReason reason, String note, Delimiters delimiters) {
        String t = note == null || note.isEmpty() ? reason.explanation() : reason.explanation() + " " + note;
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            b.append(delimiters.isDelimiter(c) ? ' ' : c);
        }
        return b.toString();
    }

    /** How many characters a note may have for this reason. */
    public static int roomForNote(RetroReason reason) {
        return MAX_LENGTH - reason.explanation().length() - 1;
    }
}
