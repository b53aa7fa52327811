package org.retro278.core;

/** How retro278 proves who it is to a real-time payer gateway. */
public enum CoreAuth {
    /** An X.509 client certificate presented in the TLS handshake (mutual TLS). */
    CERTIFICATE,
    /** A user name and a password (from the environment) inside the envelope. */
    PASSWORD
}
