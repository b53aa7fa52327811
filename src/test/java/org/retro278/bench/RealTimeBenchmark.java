package org.retro278.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.retro278.build.X12Checks;
import org.retro278.cli.Retro278;
import org.retro278.config.ConfigurationException;
import org.retro278.config.CoreGateway;
import org.retro278.config.PayerDirectory;
import org.retro278.config.PayerGateway;
import org.retro278.config.PayerProfile;
import org.retro278.config.RuntimeSettings;
import org.retro278.core.CoreAuth;
import org.retro278.core.CoreClient;
import org.retro278.core.CoreEnvelope;
import org.retro278.core.CoreRequest;
import org.retro278.core.CoreTls;
import org.retro278.core.LoopbackStores;
import org.retro278.core.MimeCoreClient;
import org.retro278.core.SoapCoreClient;
import org.retro278.inbound.InboundFiles;
import org.retro278.responses.ResponseIntake;
import org.retro278.sim.CoreMimeEndpoint;
import org.retro278.sim.CoreResponder;
import org.retro278.sim.CoreSoapEndpoint;
import org.retro278.sim.PayerSimulator;
import org.retro278.sim.SimulatedCorePayer;
import org.retro278.store.NewClaim;
import org.retro278.store.TestRequests;
import org.retro278.store.TransactionStore;
import org.retro278.submit.CoreClients;
import org.retro278.submit.InterchangeFileName;
import org.retro278.submit.InterchangeOutbox;
import org.retro278.submit.RealTimeAnswers;
import org.retro278.submit.RealTimeSubmission;
import org.retro278.submit.RetryBackoff;
import org.retro278.testing.TestClock;
import org.retro278.x12.response.ResponseReader;

/**
 * The real-time benchmark of docs/benchmarks.md ("Real-time (CORE)"): N READY claims of one real-time payer sent by
 * {@link RealTimeSubmission} to the simulator's CORE endpoint (SOAP or MIME, HTTPS on loopback, client certificate,
 * no delay, every claim certified), for each maxInFlight; beside each run the reference: the same number of round
 * trips of the same 278s made directly by the same client with as many threads (the transport's own cost).
 *
 * <p>Arguments: claims (2000), maxInFlight values (1,8,32), envelopes (soap,mime), ticks ({@code eager}: the next
 * tick as soon as a call's slot is free, at the latest after the poll; {@code timer}: every poll, as the route's timer
 * does). A PostgreSQL store with {@code -Dretro278.bench.storeUrl} (and {@code -Dretro278.bench.storeUser}, the
 * password from RETRO278_STORE_PASSWORD), in a schema made beforehand.
 */
public final class RealTimeBenchmark {

    private static final String PAYER = "PAYERA";
    private static final Duration POLL = Duration.ofMillis(250);

    private final Path dir;
    private final Clock clock = TestClock.forSamples();
    private final TransactionStore store;
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final ResponseIntake intake;
    private final LoopbackStores pki;
    private final boolean eager;
    private int files;

    private RealTimeBenchmark(Path dir, boolean eager) throws IOException {
        this.dir = dir;
        this.eager = eager;
        String url = System.getProperty("retro278.bench.storeUrl", "");
        store = url.isEmpty() ? TransactionStore.openH2(dir.resolve("work"), null, clock)
                : TransactionStore.open(url, System.getProperty("retro278.bench.storeUser", "postgres"),
                        System.getenv("RETRO278_STORE_PASSWORD"), clock);
        intake = new ResponseIntake(store, ResponseReader.using(X12Checks.validator()),
                InboundFiles.responseFiles(dir.resolve("responses"), RuntimeSettings.defaults().readFolders(), clock), clock);
        pki = LoopbackStores.in(Files.createDirectories(dir.resolve("pki")));
    }

    public static void main(String[] args) throws Exception {
        int claims = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        String[] inFlights = (args.length > 1 ? args[1] : "1,8,32").split(",");
        String[] envelopes = (args.length > 2 ? args[2] : "soap,mime").split(",");
        boolean eager = !(args.length > 3 && args[3].equals("timer"));
        Retro278.routeJavaUtilLogging();
        RealTimeBenchmark b = new RealTimeBenchmark(Files.createTempDirectory("retro278-realtime-bench"), eager);
        SimulatedCorePayer payer = new SimulatedCorePayer("PAYERCORE", "2.2.0", r -> PayerSimulator.Decision.CERTIFIED, b.clock);
        System.out.printf("RESULT %d claims per run, ticks %s, store %s%n", claims, eager ? "eager (as soon as a slot is free)"
                : "every " + POLL.toMillis() + " ms (the route's timer)", System.getProperty("retro278.bench.storeUrl", "H2"));
        List<String> rows = new ArrayList<>();
        for (String envelope : envelopes) {
            CoreEnvelope e = CoreEnvelope.valueOf(envelope.toUpperCase());
            CallTimings[] current = new CallTimings[1];
            CoreResponder responder = (request, user) -> current[0].timed(payer).answer(request, user);
            try (AutoCloseable endpoint = b.endpoint(e, responder)) {
                URI address = b.address;
                current[0] = new CallTimings();
                b.adapterRun(e, address, 8, Math.max(100, claims / 2), current[0]); // warm-up, not reported
                System.out.printf("RESULT %s: the JVM idle after the warm-up takes %.1f ms of CPU per second%n", e, idleCpu());
                for (String n : inFlights) {
                    int maxInFlight = Integer.parseInt(n.trim());
                    current[0] = new CallTimings();
                    rows.add(b.report(e + " adapter", maxInFlight, claims, current[0], b.adapterRun(e, address, maxInFlight, claims, current[0])));
                    List<String> payloads = current[0].payloads();
                    current[0] = new CallTimings();
                    rows.add(b.report(e + " reference", maxInFlight, claims, current[0],
                            b.referenceRun(e, address, maxInFlight, payloads, current[0])));
                }
            }
        }
        System.out.println();
        System.out.println("| run | maxInFlight | round trips/s | wall | CPU per call | most under way: client / endpoint | ours: reserved to client,"
                + " p50 / p95 / p99 / max ms | ours: answer to commit | ours: sum | reserved to endpoint | transport both ways | load |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        b.close();
    }

    /** What one run measured: wall and CPU time, the load average before and after. */
    private record Run(double wall, double cpu, String load) {
    }

    private URI address;

    private AutoCloseable endpoint(CoreEnvelope e, CoreResponder responder) throws Exception {
        char[] pw = LoopbackStores.PASSWORD;
        if (e == CoreEnvelope.SOAP) {
            CoreSoapEndpoint s = CoreSoapEndpoint.fromStores(responder, CoreAuth.CERTIFICATE, null, null, pki.serverKeys(), pw,
                    pki.trust(), pw);
            s.start(0);
            address = URI.create(s.address());
            return s;
        }
        CoreMimeEndpoint m = CoreMimeEndpoint.withCertificate(responder, pki.serverKeys(), pw, pki.trust(), pw, clock).start(0);
        address = m.address();
        return m;
    }

    /** The gateway of the benchmark's payer: client certificate, the loopback trust store, answer within 20 s. */
    private CoreGateway gateway(CoreEnvelope e, URI address, int maxInFlight) {
        return new CoreGateway(address, e, CoreAuth.CERTIFICATE, null, null, pki.clientKeys(), "KEYS_PW", pki.trust(), "TRUST_PW",
                "SUBMITTER01", "PAYERCORE", "2.2.0", Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(60),
                Duration.ofSeconds(90), 1, Duration.ofSeconds(90), maxInFlight);
    }

    /** The client the CoreClients factory makes for the gateway: its TLS context from CoreTls, SOAP or MIME. */
    private static CoreClient client(String payerId, CoreGateway g) throws IOException {
        SSLContext tls;
        try {
            tls = CoreTls.forGateway(payerId, g, LoopbackStores.STORE_PASSWORDS).context();
        } catch (ConfigurationException e) {
            throw new IOException(e.getMessage(), e);
        }
        return g.envelope() == CoreEnvelope.SOAP ? new SoapCoreClient(g, tls, LoopbackStores.STORE_PASSWORDS)
                : new MimeCoreClient(g, tls, LoopbackStores.STORE_PASSWORDS);
    }

    /** N claims READY, then ticks until every call has settled. */
    private Run adapterRun(CoreEnvelope e, URI address, int maxInFlight, int claims, CallTimings timings) throws Exception {
        CoreGateway g = gateway(e, address, maxInFlight);
        PayerProfile a = PayerDirectory.load(Path.of("config/payers")).find(PAYER).orElseThrow();
        PayerDirectory payers = PayerDirectory.of(List.of(new PayerProfile(a.id(), a.name(), a.ids(), a.usage(),
                a.acknowledgmentRequested(), a.delimiters(), a.retro(), 5000, new PayerGateway(null, null, null, Duration.ZERO, POLL, g),
                a.deadlines())));
        CoreClients clients = p -> timings.timed(client(p.id(), g), true);
        int file = ++files;
        long fileId = store.recordReceivedFile("P1", "realtime-" + file + ".csv", 100, String.format("%064x", file)).id();
        List<NewClaim> batch = new ArrayList<>();
        for (int i = 1; i <= claims; i++) {
            batch.add(NewClaim.of(TestRequests.simple("F" + file + "C" + i, PAYER, LocalDate.of(2026, 11, 1)), List.of((long) i + 1)));
        }
        store.recordClaims(fileId, batch);
        store.releaseFile(fileId);
        try (RealTimeSubmission s = new RealTimeSubmission(store, payers, new InterchangeOutbox(store, X12Checks.transactionSets(),
                X12Checks.envelopes(), "1999999999", dir.resolve("outbox"), workers, 2), clients,
                new RealTimeAnswers(store, intake, dir.resolve("realtime-error")), clock,
                new InterchangeFileName(RuntimeSettings.defaults().interchangeFileName()),
                new RetryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5)))) {
            s.observe(timings);
            String load = loadAverage();
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            while (timings.settled() < claims) {
                s.tick(PAYER);
                if (eager) {
                    timings.awaitEnd(POLL.toMillis());
                } else {
                    Thread.sleep(POLL.toMillis());
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            return new Run(wall, (cpuNanos() - cpu0) / 1e9, load + " -> " + loadAverage());
        }
    }

    /** The same round trips straight from the client, on maxInFlight threads: the transport and the simulator alone. */
    private Run referenceRun(CoreEnvelope e, URI address, int maxInFlight, List<String> payloads, CallTimings timings) throws Exception {
        CoreGateway g = gateway(e, address, maxInFlight);
        ExecutorService threads = Executors.newFixedThreadPool(maxInFlight);
        AtomicInteger next = new AtomicInteger();
        try (CoreClient client = timings.timed(client(PAYER, g), false)) {
            String load = loadAverage();
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < maxInFlight; t++) {
                done.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < payloads.size(); i = next.getAndIncrement()) {
                        if (!client.call(CoreRequest.realTime278(UUID.randomUUID().toString(), clock.instant(), g.senderId(),
                                g.receiverId(), g.ruleVersion(), payloads.get(i))).hasPayload()) {
                            throw new IllegalStateException("the simulator answered without a payload");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            return new Run(wall, (cpuNanos() - cpu0) / 1e9, load + " -> " + loadAverage());
        } finally {
            threads.shutdownNow();
        }
    }

    private String report(String name, int maxInFlight, int claims, CallTimings t, Run r) {
        String row = String.format("| %s | %d | %,.0f | %.2f s | %.2f ms | %d / %d | %s | %s | %s | %s | %s | %s |", name, maxInFlight,
                claims / r.wall(), r.wall(), r.cpu() * 1e3 / claims, t.mostAtClient(), t.mostAtEndpoint(),
                CallTimings.percentiles(t.spans(CallTimings.RESERVED, CallTimings.HANDED)),
                CallTimings.percentiles(t.spans(CallTimings.BACK, CallTimings.COMMITTED)), CallTimings.percentiles(t.ours()),
                CallTimings.percentiles(t.spans(CallTimings.RESERVED, CallTimings.RECEIVED)),
                CallTimings.percentiles(t.transport()), r.load());
        System.out.println("RESULT " + row);
        if (t.mostAtClient() > maxInFlight || t.mostAtEndpoint() > maxInFlight) {
            throw new IllegalStateException(name + ": " + Math.max(t.mostAtClient(), t.mostAtEndpoint())
                    + " calls under way at once, above maxInFlight " + maxInFlight);
        }
        if (t.count() != claims) {
            throw new IllegalStateException(name + ": " + t.count() + " calls for " + claims + " claims");
        }
        return row;
    }

    /** CPU of the whole JVM over two idle seconds (JIT, GC, the store's and servers' own threads), per second. */
    private static double idleCpu() throws InterruptedException {
        long cpu0 = cpuNanos();
        Thread.sleep(2000);
        return (cpuNanos() - cpu0) / 2e6;
    }

    private static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0];
    }

    private static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private void close() {
        workers.shutdownNow();
        store.close();
    }
}
