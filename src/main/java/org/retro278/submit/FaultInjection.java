package org.retro278.submit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash points for the reliability tests: when the system property {@code retro278.fault.halt} names a
 * point, the JVM halts there at once, like a SIGKILL (no shutdown hooks, nothing flushed). Unset in every
 * real installation; the crash tests start the adapter as a separate JVM with it.
 */
public final class FaultInjection {

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjection.class);
    public static final String PROPERTY = "retro278.fault.halt";

    /** The points a submission passes, in order, and one of the intake. */
    public enum Point {
        /** Intake: a chunk of a claim file is recorded and released, the file not fully read (ClaimIntake). */
        AFTER_CHUNK,
        /** The interchange and its claims are reserved in the store; no file yet. */
        AFTER_RESERVE,
        /** The interchange file is built in the local outbox; nothing uploaded. */
        AFTER_BUILD,
        /** The file is at the gateway under its final name; the store does not know yet. */
        AFTER_UPLOAD,
        /** The store says SENT. */
        AFTER_COMMIT,
        /** A real-time call is recorded (its PayloadID in the claim's history) and about to be made. */
        BEFORE_CORE_CALL,
        /** A real-time call brought its answer; nothing of it is recorded yet. */
        AFTER_CORE_ANSWER
    }

    private FaultInjection() {
    }

    public static void reached(Point point) {
        String wanted = System.getProperty(PROPERTY);
        if (wanted != null && wanted.equals(point.name())) {
            LOG.warn("fault injection: halting at {}", point);
            Runtime.getRuntime().halt(137);
        }
    }
}
