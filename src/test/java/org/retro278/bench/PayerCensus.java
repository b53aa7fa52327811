package org.retro278.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.retro278.build.X12Checks;
import org.retro278.sim.PayerSimulator;
import org.retro278.sim.ReceivedRequest;
import org.retro278.store.ClaimState;
import org.retro278.store.StoredClaim;
import org.retro278.store.TransactionStore;
import org.retro278.testing.TestCsv;

/**
 * The count at the end of {@code bench/crash-harness.sh}: every claim of the claim files dropped, found by its
 * trace number (TRN02) in the 278 requests at the payers' gateways (read with StAEDI, by the payer simulator's
 * reader; each file validated), exactly once; every dropped file in the practice's {@code .done}, nothing in
 * {@code .error} or left in the drop folder; the store and the practice's status files agreeing claim by claim.
 * Not a test: waits (up to a limit) until the adapter has settled, prints the figures, exits 0 when all holds.
 *
 * <p>{@code java ... PayerCensus <work dir> <folder of the claim files dropped> <seconds to wait> [<store JDBC URL> [<user>]]}:
 * without a URL the adapter's embedded H2 store in the work dir; with one (PostgreSQL, {@code --pg-outage}) that store,
 * user {@code postgres} unless given, no password.
 */
public final class PayerCensus {

    /** The payer accounts of the shipped configuration on the embedded server. */
    private static final List<String> PAYERS = List.of("payera", "payerb", "payerc");
    /** States of a claim that has not gone to its payer (or not yet). */
    private static final Set<ClaimState> NOT_SENT = EnumSet.of(ClaimState.RECEIVED, ClaimState.READY,
            ClaimState.REJECTED_LOCALLY, ClaimState.ERROR);

    private final Path work;
    private final Path dropped;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> figures = new LinkedHashMap<>();

    private PayerCensus(Path work, Path dropped) {
        this.work = work;
        this.dropped = dropped;
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path dropped = Path.of(args[1]);
        long deadline = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        PayerCensus census;
        String url = args.length > 3 ? args[3] : null;
        String user = args.length > 4 ? args[4] : "postgres";
        try (TransactionStore store = open(work, url, user, deadline)) {
            while (true) {
                census = new PayerCensus(work, dropped);
                census.count(store);
                if (census.problems.isEmpty() || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(2000);
            }
        }
        census.figures.forEach((k, v) -> System.out.printf("census: %-28s %s%n", k, v));
        census.problems.stream().limit(40).forEach(p -> System.out.println("census: PROBLEM " + p));
        System.out.println(census.problems.isEmpty() ? "census: every claim accounted for"
                : "census: " + census.problems.size() + " problem(s)");
        System.exit(census.problems.isEmpty() ? 0 : 1);
    }

    /**
     * The adapter's store: its H2 file opened beside the running adapter (H2's mixed mode), or the server at {@code url};
     * tried again while it starts (or while the server is down).
     */
    private static TransactionStore open(Path work, String url, String user, long deadline) throws Exception {
        while (true) {
            try {
                return url == null ? TransactionStore.openH2(work, null) : TransactionStore.open(url, user, "");
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(2000);
            }
        }
    }

    private void count(TransactionStore store) throws IOException {
        Map<String, String> expected = expectedClaims(); // claim id -> file name
        Map<String, Integer> perTrace = new HashMap<>();
        Map<String, Set<String>> tracesPerClaim = new HashMap<>();
        int interchanges = 0;
        for (String payer : PAYERS) {
            for (Path f : files(work.resolve("sftp/home").resolve(payer).resolve("inbound"))) {
                String name = f.getFileName().toString();
                if (name.startsWith(".answered-")) {
                    continue; // the simulator's marker
                }
                if (name.startsWith(".")) {
                    problems.add("temporary file left at " + payer + "'s gateway: " + name);
                    continue;
                }
                interchanges++;
                if (!X12Checks.validator().validate(f).clean()) {
                    problems.add("not a valid interchange at " + payer + ": " + name);
                }
                for (ReceivedRequest r : PayerSimulator.read(f).requests()) {
                    perTrace.merge(r.traceNumber(), 1, Integer::sum);
                    tracesPerClaim.computeIfAbsent(r.claimId(), k -> new LinkedHashSet<>()).add(r.traceNumber());
                }
            }
        }
        long duplicates = perTrace.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum()
                + tracesPerClaim.values().stream().filter(t -> t.size() > 1).mapToLong(t -> t.size() - 1).sum();
        Set<String> lost = new LinkedHashSet<>(expected.keySet());
        lost.removeAll(tracesPerClaim.keySet());
        Set<String> strangers = new LinkedHashSet<>(tracesPerClaim.keySet());
        strangers.removeAll(expected.keySet());
        figures.put("claims dropped", String.valueOf(expected.size()));
        figures.put("interchanges at the payers", String.valueOf(interchanges));
        figures.put("claims at the payers", String.valueOf(tracesPerClaim.size()));
        figures.put("trace numbers at the payers", String.valueOf(perTrace.size()));
        figures.put("duplicates", String.valueOf(duplicates));
        figures.put("lost", String.valueOf(lost.size()));
        if (duplicates > 0) {
            problems.add(duplicates + " duplicate(s) at the payers");
        }
        if (!lost.isEmpty()) {
            problems.add(lost.size() + " claim(s) not at any payer, first: " + lost.iterator().next());
        }
        if (!strangers.isEmpty()) {
            problems.add(strangers.size() + " claim(s) at the payers that were never dropped");
        }
        checkDropFolder(new LinkedHashSet<>(expected.values()));
        checkResponseFiles();
        for (String local : List.of("spool", "outbox")) {
            if (!Files.isDirectory(work.resolve(local))) {
                continue;
            }
            try (Stream<Path> left = Files.walk(work.resolve(local))) {
                left.filter(Files::isRegularFile).forEach(f -> problems.add("left in the local " + local + ": " + work.relativize(f)));
            }
        }
        checkStoreAndStatusFiles(store, expected, tracesPerClaim);
    }

    /** Claim ids of the files the harness dropped (the default layout's first column). */
    private Map<String, String> expectedClaims() throws IOException {
        Map<String, String> ids = new TreeMap<>();
        for (Path f : files(dropped)) {
            List<List<String>> rows = TestCsv.parse(Files.readString(f, StandardCharsets.UTF_8));
            for (List<String> row : rows.subList(1, rows.size())) {
                ids.put(row.get(0), f.getFileName().toString());
            }
        }
        return ids;
    }

    private void checkDropFolder(Set<String> names) throws IOException {
        Path drop = work.resolve("sftp/home/riverside/drop");
        List<Path> done = files(drop.resolve(".done"));
        List<Path> error = files(drop.resolve(".error"));
        List<Path> left = files(drop);
        figures.put("files in .done / .error", done.size() + " / " + error.size());
        for (String name : names) {
            Path d = drop.resolve(".done").resolve(name);
            if (!Files.exists(d) || !Arrays.equals(Files.readAllBytes(d), Files.readAllBytes(dropped.resolve(name)))) {
                problems.add("not in .done with its bytes: " + name);
            }
        }
        if (done.size() != names.size()) {
            problems.add(".done holds " + done.size() + " files, " + names.size() + " were dropped");
        }
        error.forEach(f -> problems.add("in .error: " + f.getFileName()));
        left.forEach(f -> problems.add("left in the drop folder: " + f.getFileName()));
    }

    /** The payers' answers: each read to .done; one in .error is a problem (its report says why). */
    private void checkResponseFiles() throws IOException {
        int done = 0;
        int error = 0;
        for (String payer : PAYERS) {
            Path outbound = work.resolve("sftp/home").resolve(payer).resolve("outbound");
            done += files(outbound.resolve(".done")).size();
            for (Path f : files(outbound.resolve(".error"))) {
                error++;
                problems.add("response file in " + payer + "'s .error: " + f.getFileName());
            }
            files(outbound).stream().filter(f -> !f.getFileName().toString().startsWith("."))
                    .forEach(f -> problems.add("response file not read yet at " + payer + ": " + f.getFileName()));
        }
        figures.put("response files .done / .error", done + " / " + error);
    }

    /** The store's state and trace number of each claim, and its row in its file's status CSV, agree. */
    private void checkStoreAndStatusFiles(TransactionStore store, Map<String, String> expected,
                                          Map<String, Set<String>> tracesAtPayers) throws IOException {
        // by file name, as `claim --file` finds them: a killed run can leave gaps in the files' numbers
        Map<String, StoredClaim> stored = new HashMap<>();
        for (String name : new LinkedHashSet<>(expected.values())) {
            List<StoredClaim> page;
            long after = 0;
            do {
                page = store.operatorView().claimsOfFileNamed(name, "RIVERSIDE", after, 500);
                for (StoredClaim c : page) {
                    if (stored.put(c.claimId(), c) != null) {
                        problems.add("claim recorded twice in the store: " + c.claimId());
                    }
                    after = c.key();
                }
            } while (!page.isEmpty());
        }
        Map<String, String> statusState = new HashMap<>();
        Path outbox = work.resolve("sftp/home/riverside/outbox");
        for (String name : new LinkedHashSet<>(expected.values())) {
            Path csv = outbox.resolve(name + ".status.csv");
            if (!Files.exists(csv)) {
                problems.add("no status file for " + name);
                continue;
            }
            List<List<String>> rows = TestCsv.parse(Files.readString(csv, StandardCharsets.UTF_8));
            for (List<String> row : rows.subList(1, rows.size())) {
                if (statusState.put(row.get(0), row.get(1)) != null) {
                    problems.add("claim twice in the status files: " + row.get(0));
                }
            }
        }
        Map<ClaimState, Integer> states = new TreeMap<>();
        int disagree = 0;
        int unanswered = 0;
        for (String id : expected.keySet()) {
            StoredClaim c = stored.get(id);
            if (c == null) {
                problems.add("claim not in the store: " + id);
                continue;
            }
            states.merge(c.state(), 1, Integer::sum);
            if (c.state() == ClaimState.SENT) {
                unanswered++;
            }
            Set<String> traces = tracesAtPayers.getOrDefault(id, Set.of());
            boolean agrees = c.state().name().equals(statusState.get(id)) && c.attempt() == 1
                    && (NOT_SENT.contains(c.state()) ? traces.isEmpty() : traces.equals(Set.of(c.traceNumber())));
            if (!agrees) {
                disagree++;
            }
        }
        figures.put("claim states in the store", states.toString());
        figures.put("store/status/payer disagree", String.valueOf(disagree));
        if (unanswered > 0) {
            problems.add(unanswered + " claim(s) SENT with no answer from the payer yet");
        }
        if (disagree > 0) {
            problems.add(disagree + " claim(s) where the store, the status file and the payer disagree"
                    + " (state, reserved more than once, or another trace number)");
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
