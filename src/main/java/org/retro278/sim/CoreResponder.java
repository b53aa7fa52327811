package org.retro278.sim;

import org.retro278.core.CoreAnswer;
import org.retro278.core.CoreRequest;

/**
 * What a simulated CORE gateway answers to one real-time request, whatever envelope it came in: the
 * endpoints (SOAP, MIME) read the envelope and check the credential, then ask this. {@code user} is the
 * authenticated user name (password mode) or the client certificate's subject (certificate mode).
 */
@FunctionalInterface
public interface CoreResponder {
    CoreAnswer answer(CoreRequest request, String user);
}
