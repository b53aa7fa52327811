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
 * @param embedded              {@code endpoint: embedded}: the payer simulator's gateway on loopback, whose certificates
 *                              and passwords the adapter makes under its work directory; {@link #endpoint()} and the
 *                              stores are then placeholders until {@link #onLoopback} names the real ones
 */
public record CoreGateway(URI endpoint, CoreEnvelope envelope, CoreAuth auth, String user, String passwordEnv,
                          Path keyStore, String keyStorePasswordEnv, Path trustStore, String trustStorePasswordEnv,
                          String senderId, String receiverId, String ruleVersion, Duration connectTimeout,
                          Duration answerTimeout, Duration connectionHold, Duration retransmitAfter, int retries,
                          Duration retrySpacing, int maxInFlight, boolean embedded) {

    /** Where an embedded gateway stands until the adapter has started it (never called: the port is 0). */
    public static final URI EMBEDDED_PLACEHOLDER = URI.create("https://127.0.0.1:0/core");

    public CoreGateway {
        Require.nonNull("endpoint envelope auth senderId receiverId ruleVersion connectTimeout answerTimeout "
                        + "connectionHold retransmitAfter retrySpacing",
                endpoint, envelope, auth, senderId, receiverId, ruleVersion, connectTimeout, answerTimeout,
                connectionHold, retransmitAfter, retrySpacing);
        if (!embedded) {
            Require.nonNull("trustStore", trustStore);
        }
    }

    /** A gateway of a real payer (not embedded). */
    public CoreGateway(URI endpoint, CoreEnvelope envelope, CoreAuth auth, String user, String passwordEnv,
                       Path keyStore, String keyStorePasswordEnv, Path trustStore, String trustStorePasswordEnv,
                       String senderId, String receiverId, String ruleVersion, Duration connectTimeout,
                       Duration answerTimeout, Duration connectionHold, Duration retransmitAfter, int retries,
                       Duration retrySpacing, int maxInFlight) {
        this(endpoint, envelope, auth, user, passwordEnv, keyStore, keyStorePasswordEnv, trustStore, trustStorePasswordEnv,
                senderId, receiverId, ruleVersion, connectTimeout, answerTimeout, connectionHold, retransmitAfter, retries,
                retrySpacing, maxInFlight, false);
    }

    /**
     * This embedded gateway as the adapter started it: its loopback URL, the stores it made and the names under which
     * their passwords (and, in password mode, the password) are found in the in-process secrets.
     */
    public CoreGateway onLoopback(URI loopback, Path keyStore, String keyStorePasswordEnv, Path trustStore,
                                  String trustStorePasswordEnv, String passwordEnv) {
        if (!embedded) {
            throw new IllegalStateException("only an embedded CORE gateway is placed on loopback");
        }
        boolean certificate = auth == CoreAuth.CERTIFICATE;
        return new CoreGateway(loopback, envelope, auth, user, certificate ? null : passwordEnv,
                certificate ? keyStore : null, certificate ? keyStorePasswordEnv : null, trustStore, trustStorePasswordEnv,
                senderId, receiverId, ruleVersion, connectTimeout, answerTimeout, connectionHold, retransmitAfter, retries,
                retrySpacing, maxInFlight, true);
    }
}
