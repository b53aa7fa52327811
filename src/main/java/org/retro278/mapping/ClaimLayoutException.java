package org.retro278.mapping;

/**
 * A layout that cannot be used: unknown name, unreadable or invalid mapping file, or missing layout
 * metadata. A configuration error (exit code 2 on the command line), never a data error.
 */
public class ClaimLayoutException extends Exception {

    private static final long serialVersionUID = 1L;

    public ClaimLayoutException(String message) {
        super(message);
    }

    public ClaimLayoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
