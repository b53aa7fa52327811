package org.retro278.core;

import java.io.IOException;

/**
 * A real-time call that brought no answer, with why in plain words (never a payload, never a password) and
 * whether the request may have reached the payer: only then does the retransmission rule (never sooner
 * than 90 s after it was sent) hold it back.
 */
public final class CoreCallException extends IOException {

    /** Why a call brought no answer. */
    public enum Kind {
        /** No connection could be opened (refused, unknown host, connect timeout): the request did not leave. */
        UNREACHABLE(false),
        /** The TLS handshake failed: the server's certificate was not trusted, or no common protocol. Not sent. */
        TLS_REFUSED(false),
        /** The gateway refused our credential (HTTP 401/403, a WS-Security fault). Not processed. */
        CREDENTIAL_REFUSED(false),
        /** The request went out and no answer came within the answer budget: it may have reached the payer. */
        TIMEOUT(true),
        /** The connection dropped after the request went out, or the gateway answered with an HTTP error. */
        FAILED_AFTER_SEND(true),
        /** An answer came but could not be read as a CORE envelope. */
        UNREADABLE_ANSWER(true);

        private final boolean mayHaveReachedPayer;

        Kind(boolean mayHaveReachedPayer) {
            this.mayHaveReachedPayer = mayHaveReachedPayer;
        }

        public boolean mayHaveReachedPayer() {
            return mayHaveReachedPayer;
        }
    }

    private final Kind kind;

    public CoreCallException(Kind kind, String words, Throwable cause) {
        super(words, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean mayHaveReachedPayer() {
        return kind.mayHaveReachedPayer();
    }
}
