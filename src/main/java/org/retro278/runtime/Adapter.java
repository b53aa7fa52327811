package org.retro278.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.retro278.build.X12Checks;
import org.retro278.config.ConfigurationException;
import org.retro278.config.PayerDirectory;
import org.retro278.config.PayerProfile;
import org.retro278.config.PracticeDirectory;
import org.retro278.config.PracticeProfile;
import org.retro278.config.RuntimeSettings;
import org.retro278.config.SubmitterSettings;
import org.retro278.inbound.InboundFiles;
import org.retro278.inbound.SpooledFile;
import org.retro278.intake.ClaimIntake;
import org.retro278.io.SecureFiles;
import org.retro278.ops.ManagementPort;
import org.retro278.responses.DeadlineWatch;
import org.retro278.responses.ResponseIntake;
import org.retro278.retention.Retention;
import org.retro278.sftp.AccountKeys;
import org.retro278.sftp.AdapterKey;
import org.retro278.sftp.Secrets;
import org.retro278.sftp.DropFolderSftpComponent;
import org.retro278.sftp.SftpConnection;
import org.retro278.sftp.SftpParameters;
import org.retro278.sftp.SftpPollFailures;
import org.retro278.sftp.embedded.EmbeddedSftpServer;
import org.retro278.sftp.embedded.SftpAccount;
import org.retro278.sim.PayerSimulator;
import org.retro278.sim.SimulatedPayers;
import org.retro278.status.StatusFiles;
import org.retro278.store.TransactionStore;
import org.retro278.submit.CoreClients;
import org.retro278.submit.InterchangeFileName;
import org.retro278.submit.InterchangeOutbox;
import org.retro278.submit.RealTimeAnswers;
import org.retro278.submit.RealTimeSubmission;
import org.retro278.submit.RetryBackoff;
import org.retro278.submit.Submission;
import org.retro278.x12.response.ResponseReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running adapter: the transaction store, the embedded SFTP server when partners use it, and the
 * Camel routes made from the templates in {@code routes/} for every configured practice and payer.
 * {@code run} starts one; tests start one in-process or as a separate JVM.
 */
public final class Adapter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Adapter.class);

    /**
     * Where things are and what may be overridden (tests).
     *
     * @param workDir  overrides retro278.work.dir, or {@code null}
     * @param sftpPort overrides the embedded server's port (0: any free port), or {@code null}
     * @param storeUrl overrides the store's JDBC URL, or {@code null}
     * @param clock    the adapter's clock: processing date, envelope times, and every time stamp of the store
     */
    public record Options(Path config, Path mappings, Path routes, Path workDir, Integer sftpPort, String storeUrl,
                          Secrets secrets, Clock clock) {
        public static Options of(Path config, Path mappings, Path routes) {
            return new Options(config, mappings, routes, null, null, null, Secrets.environment(), Clock.systemDefaultZone());
        }
    }

    private final TransactionStore store;
    private final EmbeddedSftpServer embedded;
    private final CamelContext camel;
    private final ExecutorService workers;
    private final ClaimIntake intake;
    private final Path workDir;
    private final PracticeDirectory practices;
    private final PayerDirectory payers;

    private final SimulatedPayers simulator;
    private final ManagementPort management;
    private final RealTimeSubmission realTime;
    private final RealTimeGateways gateways;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Adapter(TransactionStore store, EmbeddedSftpServer embedded, CamelContext camel, ExecutorService workers,
                    ClaimIntake intake, Path workDir, PracticeDirectory practices, PayerDirectory payers,
                    SimulatedPayers simulator, ManagementPort management, RealTimeSubmission realTime, RealTimeGateways gateways) {
        this.realTime = realTime;
        this.gateways = gateways;
        this.simulator = simulator;
        this.management = management;
        this.store = store;
        this.embedded = embedded;
        this.camel = camel;
        this.workers = workers;
        this.intake = intake;
        this.workDir = workDir;
        this.practices = practices;
        this.payers = payers;
    }

    /** The adapter, reaching real-time payers over their gateways as configured ({@link RealTimeGateways}). */
    public static Adapter start(Options o) throws Exception {
        return start(o, null);
    }

    /**
     * The adapter, reaching real-time payers through the clients {@code coreClients} opens (one per payer), or when
     * {@code null} through their configured gateways; these are checked (and embedded ones started) either way.
     */
    public static Adapter start(Options o, CoreClients coreClients) throws Exception {
        SubmitterSettings submitter = SubmitterSettings.load(o.config().resolve("application.properties"));
        RuntimeSettings settings = RuntimeSettings.load(o.config().resolve("application.properties"));
        PayerDirectory payers = PayerDirectory.load(o.config().resolve("payers"));
        PracticeDirectory practices = PracticeDirectory.load(o.config().resolve("practices"), settings.pollTimes());
        Path work = (o.workDir() != null ? o.workDir() : settings.workDir()).toAbsolutePath();
        SecureFiles.createPrivateDirectories(work);
        SecureFiles.restrictDirectory(work);

        TransactionStore store = openStore(settings, o, work);
        EmbeddedSftpServer embedded = null;
        ExecutorService workers = null;
        CamelContext camel = null;
        ClaimIntake intake = null;
        SimulatedPayers simulator = null;
        ManagementPort management = null;
        RealTimeSubmission realTime = null;
        RealTimeGateways gateways = null;
        try {
            AdapterKey key = AdapterKey.loadOrCreateIn(work.resolve("keys"), o.secrets());
            AccountKeys accountKeys = new AccountKeys(work.resolve("keys"), o.secrets());
            embedded = startEmbedded(settings, o, work, practices, payers, accountKeys);
            gateways = RealTimeGateways.start(payers, settings.simulatePayers(), work, embedded, o.secrets(), o.clock());
            int cores = Runtime.getRuntime().availableProcessors();
            AtomicInteger n = new AtomicInteger();
            workers = Executors.newFixedThreadPool(cores, r -> {
                Thread t = new Thread(r, "retro278-build-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            management = ManagementPort.prepare(settings.management(), store,
                    practices.all().stream().map(PracticeProfile::id).toList(),
                    payers.all().stream().filter(p -> p.gateway() != null).map(PayerProfile::id).toList());
            intake = new ClaimIntake(store, practices, payers, X12Checks.facts(), o.mappings(),
                    InboundFiles.claimFiles(work.resolve("quarantine"), settings.readFolders(), o.clock()), o.clock());
            intake.countInto(management.activity());
            intake.refuseDotFilesQuietFor(settings.pollTimes().dotFileQuiet());
            Submission submission = new Submission(store, payers, X12Checks.transactionSets(), X12Checks.envelopes(),
                    submitter.traceOriginator(), work.resolve("outbox"), o.clock(), workers, cores,
                    new InterchangeFileName(settings.interchangeFileName()),
                    new RetryBackoff(settings.retryBackoffFirst(), settings.retryBackoffMax()));
            submission.countInto(management.activity());
            ResponseIntake responseIntake = new ResponseIntake(store, ResponseReader.using(X12Checks.validator()),
                    InboundFiles.responseFiles(work.resolve("responses"), settings.readFolders(), o.clock()), o.clock(),
                    new RetryBackoff(settings.responseRetry().first(), settings.responseRetry().max()));
            responseIntake.countInto(management.activity());
            realTime = new RealTimeSubmission(store, payers, new InterchangeOutbox(store, X12Checks.transactionSets(),
                    X12Checks.envelopes(), submitter.traceOriginator(), work.resolve("outbox"), workers, cores),
                    coreClients != null ? coreClients : gateways,
                    new RealTimeAnswers(store, responseIntake, work.resolve("realtime-error")), o.clock(),
                    new InterchangeFileName(settings.interchangeFileName()),
                    new RetryBackoff(settings.retryBackoffFirst(), settings.retryBackoffMax()));
            realTime.countInto(management.activity());
            SftpPollFailures pollFailures = new SftpPollFailures();

            camel = new DefaultCamelContext();
            camel.addComponent("sftp", new DropFolderSftpComponent()); // shows dot-files to the intake's filter
            management.countFailuresOf(camel);
            camel.getRegistry().bind("claimIntake", intake);
            camel.getRegistry().bind("submission", submission);
            camel.getRegistry().bind("realTimeSubmission", realTime);
            camel.getRegistry().bind("store", store);
            camel.getRegistry().bind("sftpPollFailures", pollFailures);
            camel.getRegistry().bind("responseIntake", responseIntake);
            camel.getRegistry().bind("deadlineWatch", new DeadlineWatch(store, payers, o.clock()));
            StatusFiles statusFiles = new StatusFiles(store, work.resolve("status"), settings.pollTimes().statusBytesPerSecond());
            statusFiles.countInto(management.activity());
            camel.getRegistry().bind("statusFiles", statusFiles);
            camel.addRoutes(new StoreOutageRoutes());
            loadTemplates(camel, o.routes());
            if (settings.retention().enabled()) {
                camel.getRegistry().bind("retention", new Retention(store, work, o.clock(), settings.retention().period()));
                addRoute(camel, "retention", "retention", Map.of("periodMillis", Long.toString(settings.retention().every().toMillis())));
            }
            RuntimeSettings.PollTimes times = settings.pollTimes();
            for (PracticeProfile p : practices.all()) {
                // one set of SFTP parameters per practice, shared by its routes
                Map<String, String> sftp = SftpParameters.of("practice " + p.id(), p.sftp(), embedded,
                        loginKey(p.sftp(), key, accountKeys), o.secrets(), camel.getRegistry()::bind);
                Map<String, String> params = partnerParameters(sftp, "practiceId", p.id(), p.dropFolder());
                params.put("pollMillis", Long.toString(p.poll().toMillis()));
                params.put("quietMillis", Long.toString(p.quiet().toMillis()));
                params.put("spoolDir", SpooledFile.folder(work.resolve("spool").resolve(p.id())).toString());
                params.put("errorFolder", settings.readFolders().error());
                addRoute(camel, "practice-intake", "intake-" + p.id(), params);
                Map<String, String> status = partnerParameters(sftp, "practiceId", p.id(), p.outboxFolder());
                status.put("pollMillis", Long.toString(times.statusPoll().toMillis()));
                addRoute(camel, "practice-status", "status-" + p.id(), status);
            }
            for (PayerProfile p : payers.all()) {
                if (p.gateway() == null) {
                    continue;
                }
                if (p.gateway().realTime()) {
                    addRoute(camel, "payer-realtime", "realtime-" + p.id(), Map.of("payerId", p.id(),
                            "pollMillis", Long.toString(p.gateway().poll().toMillis())));
                }
                if (!p.gateway().hasSftp()) {
                    continue; // a real-time payer without a batch path for its unsolicited answers
                }
                Map<String, String> sftp = SftpParameters.of("payer " + p.id(), p.gateway().sftp(), embedded,
                        loginKey(p.gateway().sftp(), key, accountKeys), o.secrets(), camel.getRegistry()::bind);
                if (!p.gateway().realTime()) {
                    Map<String, String> params = partnerParameters(sftp, "payerId", p.id(), p.gateway().inboundFolder());
                    params.put("pollMillis", Long.toString(p.gateway().poll().toMillis()));
                    addRoute(camel, "payer-submission", "submit-" + p.id(), params);
                }
                Map<String, String> responses = partnerParameters(sftp, "payerId", p.id(), p.gateway().outboundFolder());
                responses.put("pollMillis", Long.toString(Math.max(times.responsePollAtLeast().toMillis(), p.gateway().poll().toMillis())));
                responses.put("quietMillis", Long.toString(times.responseQuiet().toMillis()));
                responses.put("spoolDir", SpooledFile.folder(work.resolve("spool").resolve("responses-" + p.id())).toString());
                responses.put("errorFolder", settings.readFolders().error());
                addRoute(camel, "payer-responses", "responses-" + p.id(), responses);
            }
            camel.start();
            // the console resubmits one claim as retro278 resubmit does, through the store's operator actions
            management.open(camel, pollFailures::failing, o.secrets(), store.operatorActions()::resubmit);
            if (settings.simulatePayers() && embedded != null) {
                List<SimulatedPayers.Payer> simulated = new ArrayList<>();
                for (PayerProfile p : payers.all()) {
                    if (p.gateway() != null && !p.gateway().realTime() && p.gateway().sftp().embedded()) {
                        Path home = embedded.home(p.gateway().sftp().user());
                        simulated.add(new SimulatedPayers.Payer(p.id(), home.resolve(p.gateway().inboundFolder()),
                                home.resolve(p.gateway().outboundFolder())));
                    }
                }
                simulator = new SimulatedPayers(simulated, PayerSimulator.MIXED,
                        Duration.ofSeconds(10), o.clock()).start(Duration.ofMillis(500));
            }
            LOG.info("retro278 running: {} practice(s), {} payer gateway(s), work directory {}", practices.all().size(),
                    payers.all().stream().filter(p -> p.gateway() != null).count(), work);
            return new Adapter(store, embedded, camel, workers, intake, work, practices, payers, simulator, management, realTime,
                    gateways);
        } catch (Exception e) {
            if (management != null) {
                management.close();
            }
            if (camel != null) {
                camel.close();
            }
            if (realTime != null) {
                realTime.close();
            }
            if (workers != null) {
                workers.shutdownNow();
            }
            if (gateways != null) {
                gateways.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            if (intake != null) {
                intake.close();
            }
            store.close();
            throw e;
        }
    }

    private static TransactionStore openStore(RuntimeSettings settings, Options o, Path work) throws IOException {
        String url = o.storeUrl() != null ? o.storeUrl() : settings.storeUrl();
        String password = o.secrets().lookup(settings.storePasswordEnv()).orElse(null);
        // the store stamps sent_at, acknowledged_at, decided_at... on the adapter's clock: the deadline watch and the
        // submission measure waiting times on the store's clock, so a clock given in the options must reach it too
        if (url == null) {
            return TransactionStore.openH2(work, password, o.clock());
        }
        return TransactionStore.open(url, settings.storeUser(), password, o.clock());
    }

    private static EmbeddedSftpServer startEmbedded(RuntimeSettings settings, Options o, Path work, PracticeDirectory practices,
                                                    PayerDirectory payers, AccountKeys keys) throws IOException {
        Map<String, List<String>> accounts = new LinkedHashMap<>();
        Map<String, SftpAccount> logins = new LinkedHashMap<>();
        for (PracticeProfile p : practices.all()) {
            if (p.sftp().embedded()) {
                accounts.computeIfAbsent(p.sftp().user(), k -> new ArrayList<>()).addAll(List.of(p.dropFolder(), p.outboxFolder()));
                addLogin(logins, p.sftp(), keys);
            }
        }
        for (PayerProfile p : payers.all()) {
            if (p.gateway() != null && p.gateway().hasSftp() && p.gateway().sftp().embedded()) {
                accounts.computeIfAbsent(p.gateway().sftp().user(), k -> new ArrayList<>()).addAll(
                        Stream.of(p.gateway().inboundFolder(), p.gateway().outboundFolder()).filter(f -> f != null).toList());
                addLogin(logins, p.gateway().sftp(), keys);
            }
        }
        if (accounts.isEmpty()) {
            return null;
        }
        EmbeddedSftpServer.Builder b = EmbeddedSftpServer.builder(work.resolve("sftp"))
                .bindAddress(settings.embeddedSftpBind())
                .port(o.sftpPort() != null ? o.sftpPort() : settings.embeddedSftpPort());
        logins.values().forEach(b::account);
        EmbeddedSftpServer server = b.start();
        server.writeKnownHosts();
        for (Map.Entry<String, List<String>> e : accounts.entrySet()) {
            for (String folder : e.getValue()) {
                SecureFiles.createPrivateDirectories(server.home(e.getKey()).resolve(folder));
            }
        }
        LOG.info("embedded SFTP server on {}:{} for {} account(s), host key {}", server.host(), server.port(), accounts.size(),
                server.hostKeyFingerprint());
        return server;
    }

    /**
     * The adapter logs in to each embedded account with that account's own key pair (accepted from this
     * machine only, {@link AccountKeys}); a partner file's {@code sftp.account} adds the partner's keys
     * and password to its account. No key opens two accounts unless configuration lists it for both.
     */
    private static void addLogin(Map<String, SftpAccount> logins, SftpConnection sftp, AccountKeys keys) throws IOException {
        SftpAccount account = logins.get(sftp.user());
        if (account == null) {
            account = SftpAccount.named(sftp.user()).withAdapterKey(keys.forAccount(sftp.user()).publicKey());
        }
        SftpConnection.PartnerLogin login = sftp.partnerLogin();
        if (login != null) {
            if (login.authorizedKeys() != null) {
                account = account.withAuthorizedKeysFile(login.authorizedKeys());
            }
            if (login.passwordHash() != null) {
                account = account.withPasswordHash(login.passwordHash());
            }
        }
        logins.put(sftp.user(), account);
    }

    /** The key the routes log in with: the account's own for the embedded server, else the adapter's. */
    private static AdapterKey loginKey(SftpConnection sftp, AdapterKey adapterKey, AccountKeys accountKeys) throws IOException {
        return sftp.embedded() ? accountKeys.forAccount(sftp.user()) : adapterKey;
    }

    /** The parameters every route of a partner starts with: how it is reached, who it is, which folder. */
    private static Map<String, String> partnerParameters(Map<String, String> sftp, String idParameter, String id, String folder) {
        Map<String, String> params = new LinkedHashMap<>(sftp);
        params.put(idParameter, id);
        params.put("folder", folder);
        return params;
    }

    private static void loadTemplates(CamelContext camel, Path routes) throws Exception {
        if (!Files.isDirectory(routes)) {
            throw new ConfigurationException(routes + ": the routes directory is missing");
        }
        List<Resource> resources = new ArrayList<>();
        try (Stream<Path> s = Files.list(routes)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                resources.add(ResourceHelper.resolveResource(camel, "file:" + f.toAbsolutePath()));
            }
        }
        PluginHelper.getRoutesLoader(camel).loadRoutes(resources);
    }

    private static void addRoute(CamelContext camel, String template, String routeId, Map<String, String> params) {
        TemplatedRouteBuilder b = TemplatedRouteBuilder.builder(camel, template).routeId(routeId);
        params.forEach(b::parameter);
        b.add();
    }

    public TransactionStore store() {
        return store;
    }

    /** The embedded SFTP server, or {@code null} when no partner uses it. */
    public EmbeddedSftpServer embeddedServer() {
        return embedded;
    }

    public CamelContext camel() {
        return camel;
    }

    /** Where the management port (metrics, health) listens, unless it is off or could not listen. */
    public Optional<InetSocketAddress> managementAddress() {
        return management.address();
    }

    /** The operator's console (on the management port), unless the port is off, could not listen or has no token. */
    public Optional<URI> consoleAddress() {
        return management.consoleAddress();
    }

    /** The real-time payers' gateways as started (an embedded one's loopback URL). */
    public RealTimeGateways realTimeGateways() {
        return gateways;
    }

    public Path workDir() {
        return workDir;
    }

    public PracticeDirectory practices() {
        return practices;
    }

    public PayerDirectory payers() {
        return payers;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        management.close();
        if (simulator != null) {
            simulator.close();
        }
        try {
            camel.close();
        } catch (Exception e) {
            LOG.warn("stopping the routes failed: {}", e.getClass().getSimpleName());
        }
        realTime.close();
        gateways.close();
        workers.shutdownNow();
        intake.close();
        if (embedded != null) {
            embedded.close();
        }
        store.close();
        LOG.info("retro278 stopped");
    }
}
