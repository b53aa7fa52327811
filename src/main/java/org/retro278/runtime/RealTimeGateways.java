package org.retro278.runtime;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.retro278.config.ConfigurationException;
import org.retro278.config.CoreGateway;
import org.retro278.config.PayerDirectory;
import org.retro278.config.PayerProfile;
import org.retro278.core.CoreAuth;
import org.retro278.core.CoreClient;
import org.retro278.core.CoreEnvelope;
import org.retro278.core.CoreTls;
import org.retro278.core.MimeCoreClient;
import org.retro278.core.SoapCoreClient;
import org.retro278.sftp.Secrets;
import org.retro278.sftp.embedded.EmbeddedSftpServer;
import org.retro278.sim.CoreMimeEndpoint;
import org.retro278.sim.CoreSoapEndpoint;
import org.retro278.sim.PayerSimulator;
import org.retro278.sim.SimulatedCorePayer;
import org.retro278.submit.CoreClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real-time payers' gateways as the adapter starts them: for each payer with {@code gateway.core}, its TLS
 * ({@link CoreTls}: the trust store, the key store in certificate mode, the passwords from the environment) is
 * built and its password checked at start, so a missing secret or a wrong store stops the start naming the payer's
 * file and the setting; a client certificate that expires within {@value #WARN_DAYS} days (on the adapter's clock)
 * is warned about. An embedded gateway ({@code endpoint: embedded}) is the payer simulator's, served on 127.0.0.1
 * with {@link SimulatedCorePayer} ({@link PayerSimulator#MIXED}), its certificates from {@link EmbeddedCoreStores};
 * its pended finals go to the payer's embedded SFTP outbound folder, the batch path. {@link #open} makes the
 * client of the payer's envelope: {@link SoapCoreClient} or {@link MimeCoreClient}.
 */
public final class RealTimeGateways implements CoreClients, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RealTimeGateways.class);
    /** A client certificate expiring within this many days is warned about at start. */
    static final int WARN_DAYS = 30;
    /** How long after a pended answer the simulated payer's final 278 arrives through the batch path. */
    static final Duration PEND_DELAY = Duration.ofSeconds(10);

    private record Prepared(CoreGateway gateway, CoreTls tls) {
    }

    private final Map<String, Prepared> payers;
    private final Secrets secrets;
    private final List<AutoCloseable> simulated;

    private RealTimeGateways(Map<String, Prepared> payers, Secrets secrets, List<AutoCloseable> simulated) {
        this.payers = payers;
        this.secrets = secrets;
        this.simulated = simulated;
    }

    /**
     * Checks every real-time payer's gateway and starts the embedded ones.
     *
     * @param simulatePayers whether the payer simulator runs ({@code retro278.simulator.enabled}); an embedded gateway needs it
     * @param sftp           the embedded SFTP server, or {@code null}
     */
    public static RealTimeGateways start(PayerDirectory directory, boolean simulatePayers, Path work, EmbeddedSftpServer sftp,
                                         Secrets environment, Clock clock) throws IOException, ConfigurationException {
        Map<String, Prepared> prepared = new LinkedHashMap<>();
        Map<String, String> embeddedSecrets = new HashMap<>();
        Secrets secrets = name -> Optional.ofNullable(embeddedSecrets.get(name)).or(() -> environment.lookup(name));
        List<AutoCloseable> simulated = new ArrayList<>();
        RealTimeGateways gateways = new RealTimeGateways(prepared, secrets, simulated);
        try {
            for (PayerProfile p : directory.all()) {
                if (p.gateway() == null || !p.gateway().realTime()) {
                    continue;
                }
                CoreGateway gateway = p.gateway().core();
                String file = directory.file(p.id()).toString();
                if (gateway.embedded()) {
                    if (!simulatePayers) {
                        throw new ConfigurationException(file + ": gateway.core.endpoint: embedded is the payer simulator's"
                                + " gateway, and retro278.simulator.enabled is false (give the payer's https URL and stores)");
                    }
                    EmbeddedCoreStores stores = EmbeddedCoreStores.loadOrCreate(work.resolve("core").resolve(p.id()), p.id());
                    String prefix = "RETRO278_EMBEDDED_CORE_" + p.id().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_";
                    stores.passwords().forEach((k, v) -> embeddedSecrets.put(prefix + k, v));
                    URI loopback = serve(p, gateway, stores, sftp, clock, simulated);
                    gateway = gateway.onLoopback(loopback, stores.clientKeyStore(), prefix + EmbeddedCoreStores.CLIENT_KEY_STORE,
                            stores.trustStore(), prefix + EmbeddedCoreStores.TRUST_STORE, prefix + EmbeddedCoreStores.GATEWAY_PASSWORD);
                }
                CoreTls tls;
                try {
                    tls = CoreTls.forGateway(p.id(), gateway, secrets);
                } catch (ConfigurationException e) {
                    String words = e.getMessage().startsWith("payer " + p.id() + ": ")
                            ? e.getMessage().substring(("payer " + p.id() + ": ").length()) : e.getMessage();
                    throw new ConfigurationException(file + ": " + words, e);
                }
                if (gateway.auth() == CoreAuth.PASSWORD && secrets.lookup(gateway.passwordEnv()).isEmpty()) {
                    throw new ConfigurationException(file + ": gateway.core.passwordEnv: the environment variable "
                            + gateway.passwordEnv() + " is not set (it holds the password for user " + gateway.user() + ")");
                }
                warnIfExpiring(p.id(), tls.daysUntilClientCertificateExpires(clock));
                prepared.put(p.id(), new Prepared(gateway, tls));
            }
            return gateways;
        } catch (IOException | ConfigurationException | RuntimeException e) {
            gateways.close();
            throw e;
        }
    }

    @Override
    public CoreClient open(PayerProfile payer) throws IOException {
        Prepared p = payers.get(payer.id());
        if (p == null) {
            throw new IOException("payer " + payer.id() + " has no real-time gateway checked at start");
        }
        try {
            return p.gateway().envelope() == CoreEnvelope.SOAP ? new SoapCoreClient(p.gateway(), p.tls().context(), secrets)
                    : new MimeCoreClient(p.gateway(), p.tls().context(), secrets);
        } catch (IllegalArgumentException e) {
            throw new IOException("payer " + payer.id() + ": " + e.getMessage(), e);
        }
    }

    /** The gateway a payer's calls go to (for an embedded one, its loopback URL), if it is a real-time payer. */
    public Optional<CoreGateway> gateway(String payerId) {
        return Optional.ofNullable(payers.get(payerId)).map(Prepared::gateway);
    }

    @Override
    public void close() {
        for (AutoCloseable c : simulated) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("stopping a simulated CORE gateway failed: {}", e.getClass().getSimpleName());
            }
        }
        simulated.clear();
    }

    private static void warnIfExpiring(String payerId, OptionalLong days) {
        if (days.isEmpty() || days.getAsLong() > WARN_DAYS) {
            return;
        }
        if (days.getAsLong() < 0) {
            LOG.warn("payer {}: the client certificate of gateway.core.keyStore expired {} day(s) ago; the payer will refuse"
                    + " the calls until a renewed one is in the key store", payerId, -days.getAsLong());
        } else {
            LOG.warn("payer {}: the client certificate of gateway.core.keyStore expires in {} day(s); renew it with the payer"
                    + " before then (docs/partners.md)", payerId, days.getAsLong());
        }
    }

    /** Starts the simulated payer and its endpoint in the payer's envelope; returns the URL the adapter calls. */
    private static URI serve(PayerProfile p, CoreGateway gateway, EmbeddedCoreStores stores, EmbeddedSftpServer sftp,
                             Clock clock, List<AutoCloseable> simulated) throws IOException {
        SimulatedCorePayer payer = new SimulatedCorePayer(gateway.receiverId(), gateway.ruleVersion(), PayerSimulator.MIXED, clock);
        simulated.add(payer);
        if (sftp != null && p.gateway().hasSftp() && p.gateway().sftp().embedded()) {
            payer.pendedFinalsTo(sftp.home(p.gateway().sftp().user()).resolve(p.gateway().outboundFolder()), PEND_DELAY)
                    .start(Duration.ofMillis(500));
        }
        String password = stores.passwords().get(EmbeddedCoreStores.GATEWAY_PASSWORD);
        URI address;
        if (gateway.envelope() == CoreEnvelope.MIME) {
            CoreMimeEndpoint endpoint = gateway.auth() == CoreAuth.PASSWORD
                    ? CoreMimeEndpoint.withPassword(payer, stores.serverKeyStore(), stores.password(EmbeddedCoreStores.SERVER_KEY_STORE),
                            gateway.user(), password, clock)
                    : CoreMimeEndpoint.withCertificate(payer, stores.serverKeyStore(), stores.password(EmbeddedCoreStores.SERVER_KEY_STORE),
                            stores.trustStore(), stores.password(EmbeddedCoreStores.TRUST_STORE), clock);
            simulated.add(endpoint);
            address = endpoint.start(0).address();
        } else {
            CoreSoapEndpoint endpoint;
            try {
                endpoint = CoreSoapEndpoint.fromStores(payer, gateway.auth(), gateway.user(),
                        gateway.auth() == CoreAuth.PASSWORD ? password : null,
                        stores.serverKeyStore(), stores.password(EmbeddedCoreStores.SERVER_KEY_STORE),
                        stores.trustStore(), stores.password(EmbeddedCoreStores.TRUST_STORE));
            } catch (IOException e) {
                Throwable why = e.getCause() == null ? e : e.getCause();
                throw new IOException("payer " + p.id() + ": the embedded CORE gateway's stores under the work directory"
                        + " cannot be opened (" + why.getClass().getSimpleName() + "); remove core/" + p.id()
                        + " to make new ones", e);
            }
            simulated.add(endpoint);
            endpoint.start(0);
            address = URI.create(endpoint.address());
        }
        LOG.info("payer {}: embedded CORE gateway (simulated, {} envelope, {} credential) on {}", p.id(), gateway.envelope(),
                gateway.auth(), address);
        return address;
    }
}
