package org.retro278.submit;

import java.io.IOException;
import org.retro278.config.PayerProfile;
import org.retro278.core.CoreClient;

/**
 * Opens the CORE client of a real-time payer: the envelope (SOAP or MIME), the authentication and the TLS its
 * {@code gateway.core} names. {@link RealTimeSubmission} asks once per payer, at the payer's first call, and closes
 * the client when it stops.
 */
@FunctionalInterface
public interface CoreClients {

    /** @throws IOException when the client cannot be made (a key store that cannot be read, for example) */
    CoreClient open(PayerProfile payer) throws IOException;

    /** No client at all: every real-time payer is refused in plain words (a build without the CORE envelopes). */
    CoreClients NONE = payer -> {
        throw new IOException("no CORE client is available for payer " + payer.id() + "'s gateway.core in this build");
    };
}
