package org.retro278.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.io.file.PathUtils;
import org.retro278.config.ConfigurationException;
import org.retro278.config.PracticeProfile;
import org.retro278.io.SecureFiles;
import org.retro278.logging.LogFile;
import org.retro278.rules.RejectionCode;
import org.retro278.runtime.Adapter;
import org.retro278.sftp.Secrets;
import org.retro278.store.ClaimState;
import org.retro278.store.Reason;
import org.retro278.store.ReceivedFile;
import org.retro278.store.StoredClaim;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the whole adapter on the embedded defaults, start to finish, on the demo's own installation
 * ({@code demo/}: its partners, its sample files), never on {@code config/}. Starts {@code run} in a work
 * folder (embedded SFTP server, embedded store, simulated payers), drops the sample claim files moved to the
 * day it runs as ({@link DemoSamples}), waits until every claim is final, prints a summary and exits 0. The
 * adapter's log goes to a file in the work folder, so the terminal shows only the summary.
 */
@Command(name = "demo",
        header = "Run the whole adapter on the embedded defaults with the sample claims, and show where each claim ended.",
        description = {"Starts the adapter on the demo's own installation (demo/config: embedded SFTP server, embedded store,"
                + " simulated payers), drops the sample claim files with their dates moved to today (or --as-of), waits"
                + " until every claim has its final state, prints a summary and exits 0.",
                "The adapter's log goes to a file in the work folder. A temporary work folder is removed at the end"
                + " (it holds the demo's claim data) unless --keep is given or the demo failed."})
public final class DemoCommand extends Subcommand {

    /** States in which a claim still waits for something. */
    private static final Set<ClaimState> OPEN = EnumSet.of(ClaimState.RECEIVED, ClaimState.READY, ClaimState.SENT,
            ClaimState.ACCEPTED, ClaimState.PENDED);

    @Mixin
    Installation installation = new Installation(Path.of("demo", "config"));

    @Mixin
    AdapterLaunch launch = new AdapterLaunch();

    @Option(names = "--samples", paramLabel = "FILE", defaultValue = "demo/samples.properties",
            description = "Which sample claim files go to which practice, and the day they are written for (default: ${DEFAULT-VALUE}).")
    Path samples;

    @Option(names = "--work", paramLabel = "DIR", description = "Work folder, kept afterwards (default: a new temporary folder, removed at the end).")
    Path work;

    @Option(names = "--keep", description = "Keep the temporary work folder (store, status files, log) after the demo,"
            + " and the console up until Ctrl-C.")
    boolean keep;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "The day the demo runs as; the sample files' dates are moved to it (default: today).")
    LocalDate asOf;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180", description = "Give up after (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        PrintWriter err = err();
        ZoneId zone = ZoneId.systemDefault();
        Clock clock = AsOf.runningFrom(asOf == null ? null : asOf.atTime(LocalTime.now(zone)), zone);
        LocalDate day = LocalDate.now(clock);
        DemoSamples drops;
        try {
            drops = DemoSamples.load(samples, Path.of(""));
        } catch (ConfigurationException e) {
            err.println("demo: " + e.getMessage());
            return Retro278.USAGE;
        }
        boolean temporary = work == null;
        Path dir = temporary ? Files.createTempDirectory("retro278-demo") : SecureFiles.createPrivateDirectories(work);
        Path logFile = dir.resolve("logs").resolve("retro278.log");
        int exit;
        try (LogFileScope log = new LogFileScope(LogFile.redirectTo(logFile))) {
            exit = demo(out, err, clock, day, drops, dir);
        }
        if (temporary && !keep && exit == Retro278.OK) {
            PathUtils.deleteDirectory(dir);
            out.println("The work folder " + dir + " (the demo's store, status files and log) has been removed; --keep keeps it.");
        } else {
            out.println("The work folder is kept: " + dir + " (the adapter's log: " + logFile + ")");
        }
        out.flush();
        return exit;
    }

    private int demo(PrintWriter out, PrintWriter err, Clock clock, LocalDate day, DemoSamples drops, Path dir) throws Exception {
        DemoConsole console;
        try {
            console = DemoConsole.prepare(installation.config, Secrets.environment());
        } catch (ConfigurationException e) {
            err.println("demo: configuration: " + e.getMessage());
            return Retro278.USAGE;
        }
        Adapter adapter = launch.start(installation, dir, 0, clock, console.secrets());
        if (adapter == null) {
            return Retro278.USAGE;
        }
        try (adapter) {
            if (adapter.embeddedServer() == null) {
                err.println("demo: " + installation.config + " uses no embedded SFTP server; the demo needs the embedded defaults");
                return Retro278.USAGE;
            }
            out.printf("retro278 demo on %s (the sample files, written for %s, are moved to that day)%n", day, drops.writtenFor());
            out.printf("embedded SFTP server on port %d; work folder %s%n", adapter.embeddedServer().port(), dir);
            console.print(out, adapter.consoleAddress());
            List<String> dropped = new ArrayList<>();
            for (DemoSamples.Sample s : drops.samples()) {
                Optional<PracticeProfile> practice = adapter.practices().find(s.practiceId());
                if (practice.isEmpty() || !practice.get().sftp().embedded()) {
                    err.println("demo: " + samples + ": " + s.practiceId() + " is not a practice on the embedded server in " + installation.config);
                    return Retro278.USAGE;
                }
                PracticeProfile p = practice.get();
                Path drop = adapter.embeddedServer().home(p.sftp().user()).resolve(p.dropFolder());
                String name = drops.nameFor(s, day);
                Path tmp = drop.resolve("." + name + ".part");
                Files.writeString(SecureFiles.createPrivateFile(tmp), drops.contentFor(s, day), StandardCharsets.UTF_8);
                Files.move(tmp, drop.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                dropped.add(p.id() + ": " + name);
            }
            out.println("dropped " + String.join(", ", dropped));
            out.flush();
            Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
            List<StoredClaim> claims;
            while (true) {
                Thread.sleep(500);
                claims = allClaims(adapter);
                if (!claims.isEmpty() && claims.stream().noneMatch(c -> OPEN.contains(c.state())) && dropFoldersEmpty(adapter)
                        && adapter.practices().all().stream().allMatch(p -> adapter.store().filesWithNewStatus(p.id()).isEmpty())) {
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    err.println("demo: not every claim was final after " + timeoutSeconds + " s");
                    table(out, claims);
                    holdIfKept(out, adapter);
                    return Retro278.PROBLEMS;
                }
            }
            table(out, claims);
            out.println("The practices' status files are in their outboxes: " + adapter.embeddedServer().root().resolve("home")
                    + "/<account>/outbox");
            holdIfKept(out, adapter);
            return Retro278.OK;
        }
    }

    /** With --keep, the adapter and its console stay up until Ctrl-C (or SIGTERM). */
    private void holdIfKept(PrintWriter out, Adapter adapter) throws InterruptedException {
        if (keep && adapter.consoleAddress().isPresent()) {
            out.println("The console stays up at " + adapter.consoleAddress().get() + " until Ctrl-C (--keep).");
            out.flush();
            StopSignal.install().await();
        }
    }

    /** Every dropped file has been read and moved out of the drop folders. */
    private static boolean dropFoldersEmpty(Adapter adapter) {
        return adapter.practices().all().stream().allMatch(p -> {
            try (var s = Files.list(adapter.embeddedServer().home(p.sftp().user()).resolve(p.dropFolder()))) {
                return s.noneMatch(x -> Files.isRegularFile(x) && !x.getFileName().toString().startsWith("."));
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static List<StoredClaim> allClaims(Adapter adapter) {
        List<StoredClaim> out = new ArrayList<>();
        for (long id = 1; ; id++) {
            Optional<ReceivedFile> f = adapter.store().findFile(id);
            if (f.isEmpty()) {
                return out;
            }
            out.addAll(adapter.store().claimsOfFile(id));
        }
    }

    private static void table(PrintWriter out, List<StoredClaim> claims) {
        out.println();
        out.printf("%-12s %-10s %-7s %-20s %-14s %s%n", "claim", "practice", "payer", "state", "authorization", "why");
        for (StoredClaim c : claims) {
            out.printf("%-12s %-10s %-7s %-20s %-14s %s%n", c.claimId() == null ? "(none)" : c.claimId(), c.practiceId(),
                    c.payerId() == null ? "" : c.payerId(), c.state(), c.authorizationNumber() == null ? "" : c.authorizationNumber(),
                    c.reasons().isEmpty() ? "" : meaning(c.reasons().get(0)) + (c.reasons().size() > 1 ? " (+" + (c.reasons().size() - 1) + " more)" : ""));
        }
        Map<ClaimState, Integer> counts = new TreeMap<>();
        claims.forEach(c -> counts.merge(c.state(), 1, Integer::sum));
        out.println();
        out.println(claims.size() + " claims: " + String.join(", ", counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList()));
        out.flush();
    }

    /**
     * A reason in plain words: a local rule's code with the rule's general words (the practice's report and status
     * file have the detail), an answer's code with the words its code list gives.
     */
    static String meaning(Reason r) {
        for (RejectionCode code : RejectionCode.values()) {
            if (code.name().equals(r.code())) {
                return code.name() + ": " + code.words();
            }
        }
        return r.code() + ": " + r.words();
    }

    /** The log file for the length of the demo, when logging could be moved there. */
    private record LogFileScope(Optional<LogFile> log) implements AutoCloseable {
        @Override
        public void close() {
            log.ifPresent(LogFile::close);
        }
    }
}
