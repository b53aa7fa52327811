package org.retro278.x12.control;

import java.io.IOException;

/**
 * A durable source of control numbers that never hands out the same number twice, across runs, across
 * concurrent processes sharing the store, and across crashes. Numbers are unique, not gapless: a number
 * reserved by a process that then dies is never used by anyone.
 */
public interface ControlNumbers {

    /**
     * Reserves {@code count} consecutive numbers of one kind and returns the first. The reservation is
     * durable before this method returns.
     *
     * @throws ControlNumbersExhaustedException when the nine-digit space would be exceeded
     */
    long reserve(ControlNumberKind kind, int count) throws IOException;

    default long next(ControlNumberKind kind) throws IOException {
        return reserve(kind, 1);
    }
}
