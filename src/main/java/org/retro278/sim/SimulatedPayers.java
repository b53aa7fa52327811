package org.retro278.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.retro278.io.SecureFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payers played by {@link PayerSimulator} on the embedded SFTP server, for the default installation and
 * the demo: every request interchange that appears in a simulated payer's inbound folder is answered in
 * its outbound folder with a TA1 (when asked for), a 999, and 278 responses; pended requests get their
 * final 278 a little later. Answered requests are marked with a hidden {@code .answered-<name>} file and
 * stay where they are, as a payer's gateway keeps them.
 */
public final class SimulatedPayers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedPayers.class);

    /** A simulated payer: its inbound and outbound folders on the embedded server's disk. */
    public record Payer(String id, Path inbound, Path outbound) {
    }

    private final List<Payer> payers;
    private final PayerSimulator.Policy policy;
    private final Duration pendDelay;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    /** Requests with pended decisions, kept as read: the gateway may clear its inbound folder meanwhile. */
    private final Map<Path, Pending> pended = new ConcurrentHashMap<>();

    private record Pending(Instant due, PayerSimulator.RequestInterchange request) {
    }
    private long nextIsa13 = 900_000_000L + (System.currentTimeMillis() / 1000) % 90_000_000L;

    public SimulatedPayers(List<Payer> payers, PayerSimulator.Policy policy, Duration pendDelay, Clock clock) {
        this.payers = List.copyOf(payers);
        this.policy = policy;
        this.pendDelay = pendDelay;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retro278-payer-simulator");
            t.setDaemon(true);
            return t;
        });
    }

    public SimulatedPayers start(Duration every) {
        timer.scheduleWithFixedDelay(this::sweep, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("payer simulator answering for {}", payers.stream().map(Payer::id).toList());
        return this;
    }

    /** One look at every payer's inbound folder; answers what is new. */
    public synchronized void sweep() {
        for (Payer p : payers) {
            try {
                for (Path request : newRequests(p)) {
                    answer(p, request);
                }
                finishPended(p);
            } catch (Exception e) {
                LOG.warn("payer simulator {}: {}", p.id(), e.getClass().getSimpleName());
            }
        }
    }

    private List<Path> newRequests(Payer p) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(p.inbound())) {
            return out;
        }
        try (Stream<Path> s = Files.list(p.inbound())) {
            for (Path f : s.sorted(Comparator.naturalOrder()).toList()) {
                String n = f.getFileName().toString();
                if (!n.startsWith(".") && Files.isRegularFile(f) && !Files.exists(marker(f))) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static Path marker(Path request) {
        return request.resolveSibling(".answered-" + request.getFileName());
    }

    private void answer(Payer p, Path request) throws IOException {
        PayerSimulator.RequestInterchange req = PayerSimulator.read(request);
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
        String stem = request.getFileName().toString().replaceFirst("\\.x12$", "");
        if ("1".equals(req.isa14())) {
            long n = nextIsa13++;
            write(p, stem + ".ta1.x12", out -> PayerSimulator.writeTa1(req, n, now, out));
        }
        long n999 = nextIsa13++;
        write(p, stem + ".999.x12", out -> PayerSimulator.write999(req, n999, now, out));
        long n278 = nextIsa13++;
        write(p, stem + ".278.x12", out -> PayerSimulator.write278(req, req.requests(), policy, false, n278, now, out));
        if (req.requests().stream().anyMatch(r -> policy.apply(r) == PayerSimulator.Decision.PENDED)) {
            pended.put(request, new Pending(clock.instant().plus(pendDelay), req));
        }
        SecureFiles.createPrivateFile(marker(request));
        LOG.info("payer simulator {}: answered {} request(s)", p.id(), req.requests().size());
    }

    private void finishPended(Payer p) throws IOException {
        for (Map.Entry<Path, Pending> e : pended.entrySet()) {
            Path request = e.getKey();
            if (!request.startsWith(p.inbound()) || clock.instant().isBefore(e.getValue().due())) {
                continue;
            }
            PayerSimulator.RequestInterchange req = e.getValue().request();
            List<ReceivedRequest> pendedOnes = req.requests().stream()
                    .filter(r -> policy.apply(r) == PayerSimulator.Decision.PENDED).toList();
            LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
            long n = nextIsa13++;
            String stem = request.getFileName().toString().replaceFirst("\\.x12$", "");
            write(p, stem + ".final.278.x12", out -> PayerSimulator.write278(req, pendedOnes, policy, true, n, now, out));
            pended.remove(request);
            LOG.info("payer simulator {}: final decision for {} pended request(s)", p.id(), pendedOnes.size());
        }
    }

    /** An answer, owner-only like everything the adapter writes, under a dot name until complete. */
    private static void write(Payer p, String name, SecureFiles.IoConsumer<OutputStream> content) throws IOException {
        SecureFiles.createPrivateDirectories(p.outbound());
        SecureFiles.writeAtomically(p.outbound().resolve(name), content);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
