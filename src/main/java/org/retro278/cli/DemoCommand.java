package org.retro278.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.retro278.config.ConfigurationException;
import org.retro278.config.PracticeProfile;
import org.retro278.runtime.Adapter;
import org.retro278.sftp.Secrets;
import org.retro278.store.ClaimState;
import org.retro278.store.ReceivedFile;
import org.retro278.store.StoredClaim;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code demo}: the whole adapter on the embedded defaults, start to finish. Starts {@code run} in a fresh
 * work directory (embedded SFTP server, embedded store, simulated payers), drops the sample claim files of
 * {@code sample-edi/claims/} into the practices' drop folders (each file to the practice whose layout it
 * has), waits until every claim is final, prints a summary table and exits 0.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the adapter on the embedded defaults, drop the sample claim files, wait until every claim has",
                "its final state (the simulated payers answer), print a summary and exit 0."})
public final class DemoCommand implements Callable<Integer> {

    /** States in which a claim still waits for something. */
    private static final Set<ClaimState> OPEN = EnumSet.of(ClaimState.RECEIVED, ClaimState.READY, ClaimState.SENT,
            ClaimState.ACCEPTED, ClaimState.PENDED);

    @Spec
    CommandSpec spec;

    @Mixin
    Installation installation = new Installation();

    @Option(names = "--routes", paramLabel = "DIR", defaultValue = "routes", description = "Camel route templates (default: ${DEFAULT-VALUE}).")
    Path routes;

    @Option(names = "--samples", paramLabel = "DIR", defaultValue = "sample-edi/claims",
            description = "Claim files to drop (default: ${DEFAULT-VALUE}).")
    Path samples;

    @Option(names = "--work", paramLabel = "DIR", description = "Work directory (default: a new temporary folder).")
    Path work;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", defaultValue = "2026-11-15",
            description = "The day the demo pretends it is, so the sample files' dates fall inside the payers' retro windows"
                    + " (default: ${DEFAULT-VALUE}, the samples' date).")
    LocalDate asOf;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180", description = "Give up after (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = work != null ? work : Files.createTempDirectory("retro278-demo");
        ZoneId zone = ZoneId.systemDefault();
        Duration shift = Duration.between(LocalDate.now(zone).atStartOfDay(zone), asOf.atStartOfDay(zone));
        Clock clock = Clock.offset(Clock.system(zone), shift);
        Adapter adapter;
        try {
            adapter = Adapter.start(new Adapter.Options(installation.config, installation.mappings, routes, dir, 0, null,
                    Secrets.environment(), clock));
        } catch (ConfigurationException e) {
            err.println("demo: configuration: " + e.getMessage());
            return Retro278.USAGE;
        }
        try (adapter) {
            if (adapter.embeddedServer() == null) {
                err.println("demo: the configuration uses no embedded SFTP server; the demo needs the embedded defaults");
                return Retro278.USAGE;
            }
            out.printf("retro278 demo: work directory %s, embedded SFTP server on port %d, as of %s%n", dir,
                    adapter.embeddedServer().port(), asOf);
            List<String> dropped = new ArrayList<>();
            try (var files = Files.list(samples)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                    PracticeProfile practice = practiceFor(adapter, f);
                    if (practice == null) {
                        continue;
                    }
                    Path drop = adapter.embeddedServer().home(practice.sftp().user()).resolve(practice.dropFolder());
                    Path tmp = drop.resolve("." + f.getFileName() + ".part");
                    Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, drop.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                    dropped.add(practice.id() + ": " + f.getFileName());
                }
            }
            out.println("dropped " + String.join(", ", dropped));
            out.flush();
            Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
            List<StoredClaim> claims;
            while (true) {
                Thread.sleep(500);
                claims = allClaims(adapter);
                boolean filesDone = adapter.practices().all().stream().allMatch(p -> {
                    try (var s = Files.list(adapter.embeddedServer().home(p.sftp().user()).resolve(p.dropFolder()))) {
                        return s.noneMatch(x -> Files.isRegularFile(x) && !x.getFileName().toString().startsWith("."));
                    } catch (Exception e) {
                        return false;
                    }
                });
                // done when every claim is final and every practice's status files show it
                if (filesDone && !claims.isEmpty() && claims.stream().noneMatch(c -> OPEN.contains(c.state()))
                        && adapter.practices().all().stream().allMatch(p -> adapter.store().filesWithNewStatus(p.id()).isEmpty())) {
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    err.println("demo: not every claim was final after " + timeoutSeconds + " s");
                    table(out, claims);
                    return Retro278.PROBLEMS;
                }
            }
            table(out, claims);
            out.println("status files are in each practice's outbox, e.g. " + adapter.embeddedServer().home("riverside").resolve("outbox"));
            return Retro278.OK;
        }
    }

    private static PracticeProfile practiceFor(Adapter adapter, Path file) {
        String name = file.getFileName().toString();
        boolean pmExport = name.startsWith("pm-export");
        for (PracticeProfile p : adapter.practices().all()) {
            if (p.sftp().embedded() && (pmExport ? "pm-export".equals(p.layout()) : "default".equals(p.layout()))) {
                return p;
            }
        }
        return null;
    }

    private static List<StoredClaim> allClaims(Adapter adapter) {
        List<StoredClaim> out = new ArrayList<>();
        for (long id = 1; ; id++) {
            java.util.Optional<ReceivedFile> f = adapter.store().findFile(id);
            if (f.isEmpty()) {
                return out;
            }
            out.addAll(adapter.store().claimsOfFile(id));
        }
    }

    private static void table(PrintWriter out, List<StoredClaim> claims) {
        out.println();
        out.printf("%-12s %-10s %-7s %-20s %-14s %s%n", "claim", "practice", "payer", "state", "authorization", "codes");
        for (StoredClaim c : claims) {
            String codes = String.join(" ", c.reasons().stream().map(r -> r.code()).distinct().limit(3).toList());
            out.printf("%-12s %-10s %-7s %-20s %-14s %s%n", c.claimId() == null ? "(none)" : c.claimId(), c.practiceId(),
                    c.payerId() == null ? "" : c.payerId(), c.state(), c.authorizationNumber() == null ? "" : c.authorizationNumber(), codes);
        }
        Map<ClaimState, Integer> counts = new TreeMap<>();
        claims.forEach(c -> counts.merge(c.state(), 1, Integer::sum));
        out.println();
        out.println(claims.size() + " claims: " + counts);
        out.flush();
    }
}
