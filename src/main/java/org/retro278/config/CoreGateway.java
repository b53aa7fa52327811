package org.retro278.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.retro278.core.CoreAuth;
import org.retro278.core.CoreEnvelope;
import org.retro278.model.Require;

/**
 * A payer's real-time gateway over CAQH CORE connectivity (the {@code gateway.core} section of a payer
 * profile; docs/configuration.md, docs/partners.md). Secrets are never here, only the names of the
 * environment variables that hold them.
 *
 * @param endpoint              the gateway's https URL
 * @param user                  the user name for {@link CoreAuth#PASSWORD}, else {@code null}
 * @param passwordEnv           the environment variable with the password for {@link CoreAuth#PASSWORD}, else {@code null}
 * @param keyStore              the PKCS#12 key store with the client key and certificate for
 *                              {@link CoreAuth#CERTIFICATE}, else {@code null}
 * @param keyStorePasswordEnv   the environment variable with the key store's password, else {@code null}
 * @param trustStore            the PKCS#12 trust store the payer's server certificate is verified against
 * @param trustStorePasswordEnv the environment variable with the trust store's password, or {@code null} when it has none
 * @param senderId              the envelope's SenderID
 * @param receiverId            the envelope's ReceiverID
 * @param ruleVersion           the envelope's CORERuleVersion, such as 2.2.0
 * @param connectTimeout        how long opening the connection may take
 * @param answerTimeout         how long the answer may take once the request is sent (the rule: 20 s)
 * @param connectionHold        the longest the HTTP connection is held open (the rule: 60 s)
 * @param retransmitAfter       the earliest a request without an answer is sent again (the rule: never sooner than 90 s)
 * @param retries               how many times a request without an answer is sent again before the claim waits for an operator
 * @param retrySpacing          the least time between two attempts of one claim (never less than {@code retransmitAfter})
 * @param maxInFlight           the most calls to this payer at once
 */
public record CoreGateway(URI endpoint, CoreEnvelope envelope, CoreAuth auth, String user, String passwordEnv,
                          Path keyStore, String keyStorePasswordEnv, Path trustStore, String trustStorePasswordEnv,
                          String senderId, String receiverId, String ruleVersion, Duration connectTimeout,
                          Duration answerTimeout, Duration connectionHold, Duration retransmitAfter, int retries,
                          Duration retrySpacing, int maxInFlight) {

    public CoreGateway {
        Require.nonNull("endpoint envelope auth trustStore senderId receiverId ruleVersion connectTimeout answerTimeout "
                        + "connectionHold retransmitAfter retrySpacing",
                endpoint, envelope, auth, trustStore, senderId, receiverId, ruleVersion, connectTimeout, answerTimeout,
                connectionHold, retransmitAfter, retrySpacing);
    }
}
