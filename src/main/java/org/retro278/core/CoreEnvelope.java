package org.retro278.core;

/** The two envelopes of the CORE connectivity rule. */
public enum CoreEnvelope {
    /** SOAP 1.2 with the CORE WSDL; the user name and password, when used, as a WS-Security UsernameToken. */
    SOAP,
    /** HTTP MIME multipart (form fields); the user name and password, when used, as the UserName and Password fields. */
    MIME
}
