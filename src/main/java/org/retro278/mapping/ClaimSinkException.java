package org.retro278.mapping;

/**
 * The {@link ClaimGroupSink} given to {@link ClaimFileReader#read} threw a checked exception; it is the
 * cause. (Unchecked exceptions of a sink pass through unwrapped.)
 */
public class ClaimSinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClaimSinkException(Throwable cause) {
        super("the claim sink failed: " + cause, cause);
    }
}
