package org.retro278.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.retro278.store.ClaimState;
import org.retro278.store.OperatorView;
import org.retro278.store.OperatorView.ClaimCount;
import org.retro278.store.OperatorView.ClaimSummary;
import org.retro278.store.OperatorView.FileSummary;
import org.retro278.store.OperatorView.InterchangeSummary;
import org.retro278.store.OperatorView.Page;
import org.retro278.store.OperatorView.StatusFilter;
import org.retro278.store.OperatorView.StoreStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code status}: what the store holds, for an operator, without opening the database: claims per state, payer
 * and practice, the overdue claims, the claims in ERROR or rejected with their reason codes, the claim files in
 * {@code .error} and the interchanges not acknowledged. Ids, states, codes, counts and times only: no PHI.
 */
@Command(name = "status", header = "Show what the store holds: claims per state, payer and practice, and what needs a look.",
        description = {"Claims per state, per payer and per practice; OVERDUE claims; ERROR and REJECTED claims with their"
                + " reason codes; claim files refused or repeated (in .error); interchanges sent and not acknowledged.",
                "Reads the same installation as run (--config, --work, retro278.store.*) and works while run is running.",
                "Ids, states, codes, counts and dates only: never names or member ids.",
                "Exit 0: shown. 1: nothing matched. 2: usage or configuration error."})
public final class StatusCommand extends OperatorCommand {

    @Option(names = "--practice", paramLabel = "ID", description = "Only this practice's claims, files and interchanges.")
    String practice;

    @Option(names = "--payer", paramLabel = "ID", description = "Only this payer's claims and interchanges (files in .error, which belong to no payer, are not listed).")
    String payer;

    @Option(names = "--since", paramLabel = AsOf.LABEL,
            description = "Only claims and files received, and interchanges built, from this moment on (local time).")
    String since;

    private Instant from;

    @Override
    String usage() {
        try {
            from = since == null ? null : AsOf.parse(since).atZone(ZoneId.systemDefault()).toInstant();
            return null;
        } catch (DateTimeParseException e) {
            return "--since '" + since + "' is not " + AsOf.LABEL;
        }
    }

    @Override
    int show(OperatorView view, PrintWriter out, PrintWriter err) throws Exception {
        StoreStatus status = view.status(new StatusFilter(practice, payer, from), limit);
        if (json.on) {
            out.println(json(status));
        } else {
            text(status, out);
        }
        return status.isEmpty() ? Retro278.PROBLEMS : Retro278.OK;
    }

    // ---------------------------------------------------------------------------------- text

    private static void text(StoreStatus s, PrintWriter out) {
        long total = s.counts().stream().mapToLong(ClaimCount::count).sum();
        out.println("Claims: " + total);
        perState(s.counts(), c -> "").forEach((k, line) -> out.println("  " + line));
        out.println("By payer");
        perState(s.counts(), c -> c.payerId() == null ? "(no payer)" : c.payerId())
                .forEach((k, line) -> out.printf("  %-16s %s%n", k, line));
        out.println("By practice");
        perState(s.counts(), ClaimCount::practiceId).forEach((k, line) -> out.printf("  %-16s %s%n", k, line));
        list(out, "Overdue claims", s.overdue(), StatusCommand::claimLine);
        list(out, "Errors and rejections", s.failed(), StatusCommand::claimLine);
        list(out, "Files in .error", s.errorFiles(), f -> String.format(Locale.ROOT, "file %d  %s  %s  %s%s  received %s",
                f.id(), f.practiceId(), f.fileName(), f.outcome(), f.duplicateOf() == null ? "" : " of file " + f.duplicateOf(),
                f.receivedAt()));
        list(out, "Interchanges not acknowledged", s.unacknowledged(), StatusCommand::interchangeLine);
    }

    /** The counts of each key as "STATE n, STATE n", keys sorted; the empty key gives one line per state. */
    private static Map<String, String> perState(List<ClaimCount> counts, Function<ClaimCount, String> key) {
        Map<String, Map<ClaimState, Long>> byKey = new TreeMap<>();
        for (ClaimCount c : counts) {
            byKey.computeIfAbsent(key.apply(c), k -> new TreeMap<>()).merge(c.state(), c.count(), Long::sum);
        }
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, Map<ClaimState, Long>> e : byKey.entrySet()) {
            if (e.getKey().isEmpty()) {
                e.getValue().forEach((state, n) -> out.put(String.format(Locale.ROOT, "%02d", state.ordinal()),
                        String.format(Locale.ROOT, "%-20s %8d", state, n)));
            } else {
                StringBuilder line = new StringBuilder();
                e.getValue().forEach((state, n) -> line.append(line.length() == 0 ? "" : ", ").append(state).append(' ').append(n));
                out.put(e.getKey(), line.toString());
            }
        }
        if (out.isEmpty()) {
            out.put("", "(none)");
        }
        return out;
    }

    private static <T> void list(PrintWriter out, String title, Page<T> page, Function<T, String> line) {
        out.println(title + ": " + page.total());
        page.rows().forEach(r -> out.println("  " + line.apply(r)));
        if (page.total() > page.rows().size()) {
            out.println("  ... " + (page.total() - page.rows().size()) + " more (--limit, --practice, --payer, --since)");
        }
    }

    private static String claimLine(ClaimSummary c) {
        return String.format(Locale.ROOT, "claim %d  %s %s  %s  %s%s%s%s  updated %s", c.key(), c.practiceId(),
                c.claimId() == null ? "(no claim_id)" : c.claimId(), c.payerId() == null ? "(no payer)" : c.payerId(), c.state(),
                c.overdue() ? " OVERDUE" : "", c.reasonCodes().isEmpty() ? "" : "  " + String.join(",", c.reasonCodes()),
                c.isa13() == null ? "" : String.format(Locale.ROOT, "  ISA13 %09d ST02 %04d", c.isa13(), c.st02()), c.updatedAt());
    }

    private static String interchangeLine(InterchangeSummary i) {
        return String.format(Locale.ROOT, "ISA13 %09d  %s  %s  %s  %s", i.isa13(), i.payerId(), i.state(), i.fileName(),
                i.sentAt() == null ? "not delivered yet (" + i.attempts() + " failed attempt(s)), built " + i.createdAt()
                        : i.awaiting() + " of " + i.transactionCount() + " claim(s) awaiting, sent " + i.sentAt());
    }

    // ---------------------------------------------------------------------------------- JSON

    private static String json(StoreStatus s) throws Exception {
        ObjectMapper mapper = JsonOutput.mapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("claims", s.counts().stream().mapToLong(ClaimCount::count).sum());
        root.set("byState", mapper.valueToTree(totals(s.counts(), c -> c.state().name())));
        root.set("byPayer", mapper.valueToTree(nested(s.counts(), c -> c.payerId() == null ? "" : c.payerId())));
        root.set("byPractice", mapper.valueToTree(nested(s.counts(), ClaimCount::practiceId)));
        root.set("overdue", mapper.valueToTree(s.overdue()));
        root.set("errorsAndRejections", mapper.valueToTree(s.failed()));
        root.set("errorFiles", mapper.valueToTree(s.errorFiles()));
        root.set("unacknowledgedInterchanges", mapper.valueToTree(s.unacknowledged()));
        return mapper.writeValueAsString(root);
    }

    private static Map<String, Long> totals(List<ClaimCount> counts, Function<ClaimCount, String> key) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach(c -> out.merge(key.apply(c), c.count(), Long::sum));
        return out;
    }

    private static Map<String, Map<String, Long>> nested(List<ClaimCount> counts, Function<ClaimCount, String> key) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        counts.forEach(c -> out.computeIfAbsent(key.apply(c), k -> new TreeMap<>()).merge(c.state().name(), c.count(), Long::sum));
        return out;
    }
}
