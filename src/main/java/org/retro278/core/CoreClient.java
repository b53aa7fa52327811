package org.retro278.core;

/**
 * Carries one real-time request to a payer's CORE gateway and brings back its synchronous answer, within
 * the gateway's timeouts. Thread-safe: many calls may be in flight at once (the caller bounds how many).
 */
public interface CoreClient extends AutoCloseable {

    /**
     * Sends the request and waits for the answer.
     *
     * @return the answer envelope, which may itself report an envelope error ({@link CoreAnswer#envelopeError()})
     * @throws CoreCallException when no answer came: why, and whether the request may have reached the payer
     */
    CoreAnswer call(CoreRequest request) throws CoreCallException;

    @Override
    void close();
}
