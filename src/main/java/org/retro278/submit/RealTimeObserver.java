package org.retro278.submit;

/**
 * Timing hooks of the real-time flow ({@link RealTimeSubmission#observe}), for the benchmark of docs/benchmarks.md
 * ("Real-time (CORE)"): none by default, and then nothing but an empty call. Called on the flow's own threads, so an
 * observer must be quick and thread-safe; it is told ids only, never a payload.
 */
public interface RealTimeObserver {

    /** Observes nothing. */
    RealTimeObserver NONE = new RealTimeObserver() {
    };

    /** A READY claim's interchange was reserved alone: the reservation's transaction has committed (the tick's thread). */
    default void reserved(long interchangeId) {
    }

    /**
     * The outcome of the call with {@code payloadId} was committed with the claim's move: its answer applied, its
     * envelope error or its failure recorded (the call's thread).
     */
    default void settled(long interchangeId, String payloadId) {
    }

    /** The call's thread is done with the interchange, whatever came of it: its slot is free for the next tick. */
    default void ended(long interchangeId) {
    }
}
