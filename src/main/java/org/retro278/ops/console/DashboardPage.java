package org.retro278.ops.console;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.retro278.ops.console.ConsoleSessions.Session;
import org.retro278.store.ClaimState;
import org.retro278.store.OperatorView;
import org.retro278.store.OperatorView.ClaimCount;
import org.retro278.store.OperatorView.ClaimSummary;
import org.retro278.store.OperatorView.FileSummary;
import org.retro278.store.OperatorView.InterchangeSummary;
import org.retro278.store.OperatorView.Page;
import org.retro278.store.OperatorView.StatusFilter;
import org.retro278.store.OperatorView.StoreStatus;

/**
 * The console's first page, what {@code retro278 status} prints: claims per state and payer, the overdue claims, the
 * claims in ERROR or rejected with their codes, the newest claim files and interchanges, the files in {@code .error}
 * and the interchanges not acknowledged. Ids, states, codes and dates only.
 */
final class DashboardPage {

    /** Rows of each list. */
    static final int ROWS = 20;

    private final OperatorView store;

    DashboardPage(OperatorView store) {
        this.store = store;
    }

    String render(Session session) {
        StoreStatus s = store.status(StatusFilter.ALL, ROWS);
        StringBuilder b = new StringBuilder();
        b.append("<h2>Claims per state and payer</h2>").append(perStateAndPayer(s.counts()));
        b.append(claims("overdue", "Overdue claims", s.overdue(), "No claim is overdue."));
        b.append(claims("failed", "Errors and rejections", s.failed(), "No claim is in ERROR or rejected."));
        b.append("<h2>Recent claim files</h2>").append(files("recent-files", store.recentFiles(ROWS), "No claim file yet."));
        b.append("<h2>Recent interchanges</h2>")
                .append(interchanges("recent-interchanges", store.recentInterchanges(ROWS), "No interchange yet."));
        b.append("<h2>Files in .error: ").append(s.errorFiles().total()).append("</h2>")
                .append(files("error-files", s.errorFiles().rows(), "No claim file was refused or repeated."));
        b.append("<h2>Interchanges not acknowledged: ").append(s.unacknowledged().total()).append("</h2>")
                .append(interchanges("unacknowledged", s.unacknowledged().rows(), "Every interchange sent is acknowledged."));
        return Html.page("Dashboard", session, "", b.toString());
    }

    /** A table with a row per payer and a column per state that any claim is in, with totals. */
    static String perStateAndPayer(List<ClaimCount> counts) {
        Map<String, Map<ClaimState, Long>> byPayer = new TreeMap<>();
        Map<ClaimState, Long> all = new EnumMap<>(ClaimState.class);
        TreeSet<ClaimState> states = new TreeSet<>();
        for (ClaimCount c : counts) {
            String payer = c.payerId() == null ? "(no payer)" : c.payerId();
            byPayer.computeIfAbsent(payer, k -> new EnumMap<>(ClaimState.class)).merge(c.state(), c.count(), Long::sum);
            all.merge(c.state(), c.count(), Long::sum);
            states.add(c.state());
        }
        List<String> headings = new ArrayList<>(List.of("payer"));
        states.forEach(st -> headings.add(st.name()));
        headings.add("all");
        List<List<Object>> rows = new ArrayList<>();
        byPayer.forEach((payer, n) -> rows.add(countRow(payer, n, states)));
        if (!rows.isEmpty()) {
            rows.add(countRow("all payers", all, states));
        }
        return Html.table("per-state", headings, rows, "The store holds no claim yet.");
    }

    private static List<Object> countRow(String label, Map<ClaimState, Long> n, TreeSet<ClaimState> states) {
        List<Object> row = new ArrayList<>(List.of(label));
        states.forEach(st -> row.add(n.getOrDefault(st, 0L)));
        row.add(n.values().stream().mapToLong(Long::longValue).sum());
        return row;
    }

    private static String claims(String id, String title, Page<ClaimSummary> page, String whenEmpty) {
        List<List<Object>> rows = new ArrayList<>();
        for (ClaimSummary c : page.rows()) {
            rows.add(List.of(Html.link(Console.PATH + "/claim?key=" + c.key(), c.key()), c.practiceId(),
                    c.claimId() == null ? "(no claim_id)" : c.claimId(), c.payerId() == null ? "" : c.payerId(),
                    c.state().name() + (c.overdue() ? " OVERDUE" : ""), String.join(", ", c.reasonCodes()),
                    c.isa13() == null ? "" : String.format(Locale.ROOT, "%09d / %04d", c.isa13(), c.st02()),
                    String.valueOf(c.updatedAt())));
        }
        String more = page.total() > page.rows().size()
                ? "<p class=\"note\">" + (page.total() - page.rows().size()) + " more (retro278 status --limit)</p>" : "";
        return "<h2>" + Html.esc(title) + ": " + page.total() + "</h2>"
                + Html.table(id, List.of("key", "practice", "claim id", "payer", "state", "codes", "ISA13 / ST02", "updated"),
                rows, whenEmpty) + more;
    }

    private static String files(String id, List<FileSummary> files, String whenEmpty) {
        List<List<Object>> rows = new ArrayList<>();
        for (FileSummary f : files) {
            rows.add(List.of(f.id(), f.practiceId(), f.fileName(),
                    f.outcome().name() + (f.duplicateOf() == null ? "" : " of file " + f.duplicateOf()),
                    String.valueOf(f.receivedAt())));
        }
        return Html.table(id, List.of("file", "practice", "name", "outcome", "received"), rows, whenEmpty);
    }

    private static String interchanges(String id, List<InterchangeSummary> interchanges, String whenEmpty) {
        List<List<Object>> rows = new ArrayList<>();
        for (InterchangeSummary i : interchanges) {
            rows.add(List.of(Html.link(Console.PATH + "/search?q=" + i.isa13(), String.format(Locale.ROOT, "%09d", i.isa13())),
                    i.payerId(), i.state().name(), i.fileName() == null ? "" : i.fileName(), i.transactionCount(), i.awaiting(),
                    i.attempts(), String.valueOf(i.createdAt()), i.sentAt() == null ? "" : i.sentAt().toString()));
        }
        return Html.table(id, List.of("ISA13", "payer", "state", "file", "claims", "awaiting answer", "failed uploads",
                "built", "sent"), rows, whenEmpty);
    }
}
