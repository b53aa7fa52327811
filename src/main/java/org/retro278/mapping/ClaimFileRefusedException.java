package org.retro278.mapping;

/**
 * A claim file that cannot be read as a whole: empty, without a header, lacking required columns, with
 * two header cells of the same name, or broken in its structure (a quoted cell that never closes). The
 * message is plain text for the practice (no cell values); the file is not converted at all. (A layout that
 * cannot be used is a configuration error, not a refused file.)
 */
public class ClaimFileRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ClaimFileRefusedException(String message) {
        super(message);
    }
}
