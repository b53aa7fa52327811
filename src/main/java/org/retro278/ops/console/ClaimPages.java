package org.retro278.ops.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.retro278.model.PersonName;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.ops.console.ConsoleSessions.Session;
import org.retro278.store.OperatorView;
import org.retro278.store.OperatorView.ClaimChange;
import org.retro278.store.Reason;
import org.retro278.store.ReceivedFile;
import org.retro278.store.StoredClaim;

/**
 * The search and one claim's page, what {@code retro278 claim} prints: the claim's ids, state, codes, control numbers
 * and dates, and every change of its history with what made it. Its PHI (member id, names, birth dates, the reasons'
 * words) is on the page only after the operator asks for it on that claim ("Show patient details", a POST, so the
 * answer has no address to be bookmarked or cached).
 */
final class ClaimPages {

    /** At most this many claims found by one search. */
    static final int FOUND = 50;
    /** An ISA13, alone or with the ST02 of one of its sets ({@code 000000101/0002}, {@code 101 2}). */
    private static final Pattern CONTROL_NUMBERS = Pattern.compile("(\\d{1,9})(?:\\s*[/ ]\\s*(\\d{1,9}))?");

    private final OperatorView store;
    private final boolean resubmits;

    /** @param resubmits whether a claim's page has the resubmit form ({@link ResubmitPages}) */
    ClaimPages(OperatorView store, boolean resubmits) {
        this.store = store;
        this.resubmits = resubmits;
    }

    /** What an action on a claim said, shown atop its page: done, or a problem (a refusal, a field missing). */
    record Notice(String words, boolean problem) {
    }

    /** The claim with this store key. */
    Optional<StoredClaim> claim(long key) {
        return store.claim(key);
    }

    /** A claim found, and what it was found by. */
    record Found(StoredClaim claim, String by) {
    }

    /** The claims whose claim id, trace number or ISA13 (with ST02) is {@code query}, by key. */
    List<Found> search(String query) {
        String q = query.strip();
        Map<Long, Found> out = new LinkedHashMap<>();
        if (q.isEmpty()) {
            return List.of();
        }
        store.claimsById(q, null, 0, FOUND).forEach(c -> out.putIfAbsent(c.key(), new Found(c, "claim id")));
        store.claimByTrace(q).ifPresent(c -> out.putIfAbsent(c.key(), new Found(c, "trace number")));
        Matcher m = CONTROL_NUMBERS.matcher(q);
        if (m.matches()) {
            Long st02 = m.group(2) == null ? null : Long.valueOf(m.group(2));
            store.claimsOfInterchange(Long.parseLong(m.group(1)), st02, 0, FOUND)
                    .forEach(c -> out.putIfAbsent(c.key(), new Found(c, st02 == null ? "ISA13" : "ISA13 / ST02")));
        }
        return out.values().stream().limit(FOUND).toList();
    }

    String searchPage(Session session, String query) {
        List<Found> found = search(query);
        List<List<Object>> rows = new ArrayList<>();
        for (Found f : found) {
            StoredClaim c = f.claim();
            rows.add(List.of(Html.link(Console.PATH + "/claim?key=" + c.key(), c.key()), c.practiceId(), claimId(c),
                    c.payerId() == null ? "" : c.payerId(), state(c), c.traceNumber() == null ? "" : c.traceNumber(),
                    controlNumbers(c), f.by()));
        }
        String body = (query.isBlank() ? "<p class=\"note\">Search by claim id, trace number (TRN02), ISA13 or ISA13/ST02.</p>"
                : "<p>" + found.size() + " claim(s) for <strong>" + Html.esc(query.strip()) + "</strong></p>")
                + Html.table("found", List.of("key", "practice", "claim id", "payer", "state", "trace (TRN02)", "ISA13 / ST02",
                "found by"), rows, query.isBlank() ? "" : "No claim has this claim id, trace number or control number.");
        return Html.page("Search", session, query, body);
    }

    /**
     * One claim's page, or empty when no claim has this key.
     *
     * @param withDetails whether the operator asked for its PHI
     * @param notice      what an action on it said, or {@code null}
     */
    Optional<String> claimPage(Session session, long key, boolean withDetails, Notice notice) {
        Optional<StoredClaim> found = store.claim(key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredClaim c = found.get();
        StringBuilder b = new StringBuilder();
        if (notice != null) {
            b.append("<p class=\"").append(notice.problem() ? "error" : "done").append("\" id=\"message\">")
                    .append(Html.esc(notice.words())).append("</p>");
        }
        b.append("<dl id=\"claim\">");
        item(b, "key", c.key());
        item(b, "claim id", claimId(c));
        item(b, "practice", c.practiceId());
        item(b, "file", c.fileId() + store.file(c.fileId()).map(ReceivedFile::fileName).map(n -> " " + n).orElse(""));
        item(b, "payer", c.payerId());
        item(b, "state", state(c));
        item(b, "reason codes", String.join(", ", c.reasons().stream()
                .map(r -> r.code() + (r.field() == null ? "" : " (" + r.field() + ")")).toList()));
        item(b, "trace (TRN02)", c.traceNumber());
        item(b, "BHT03", c.bht03());
        item(b, "ISA13 GS06 ST02", c.isa13() == null ? null
                : String.format(Locale.ROOT, "%09d %d %04d", c.isa13(), c.gs06(), c.st02()));
        item(b, "attempts", c.attempt());
        item(b, "decision", c.decisionCode() == null ? null : "HCR01 " + c.decisionCode()
                + (c.authorizationNumber() == null ? "" : ", authorization " + c.authorizationNumber())
                + (c.adminReference() == null ? "" : ", administrative reference " + c.adminReference()));
        item(b, "received", c.receivedAt());
        item(b, "ready", c.readyAt());
        item(b, "sent", c.sentAt());
        item(b, "acknowledged", c.acknowledgedAt());
        item(b, "decided", c.decidedAt());
        b.append("</dl>");
        if (withDetails) {
            b.append(details(c, store.request(key)))
                    .append("<p>").append(Html.link(Console.PATH + "/claim?key=" + key, "Hide patient details")).append("</p>");
        } else {
            b.append(Html.postForm(Console.PATH + "/claim/details", session, List.of("key", Long.toString(key)), null,
                    "Show patient details"));
            b.append("<p class=\"note\">Names, member ids, birth dates and the reasons' words are PHI: shown for this claim"
                    + " only when asked for, and never kept by the browser.</p>");
        }
        b.append("<h2>History</h2>").append(history(store.history(key)));
        if (resubmits) {
            b.append(ResubmitPages.form(session, key));
        }
        return Optional.of(Html.page("Claim " + c.key(), session, "", b.toString()));
    }

    private static String details(StoredClaim c, Optional<RetroAuthorizationRequest> request) {
        StringBuilder b = new StringBuilder("<section class=\"phi\" id=\"details\"><h2>Patient details (PHI)</h2><dl>");
        request.ifPresentOrElse(r -> {
            item(b, "member id", r.subscriber().memberId());
            item(b, "subscriber", name(r.subscriber().name()) + ", born " + r.subscriber().birthDate());
            item(b, "patient", r.dependent() == null ? "the subscriber"
                    : name(r.dependent().name()) + ", born " + r.dependent().birthDate());
        }, () -> item(b, "request", "none (the claim did not map to a request)"));
        for (Reason r : c.reasons()) {
            item(b, r.code(), r.words());
        }
        return b.append("</dl></section>").toString();
    }

    private static String history(List<ClaimChange> changes) {
        List<List<Object>> rows = new ArrayList<>();
        for (ClaimChange h : changes) {
            rows.add(List.of(String.valueOf(h.at()), h.from() == null ? "(new)" : h.from().name(), h.to().name(),
                    h.actor() == null ? "(not recorded)" : h.actor(),
                    h.receivedFileId() == null ? "" : h.receivedFileId() + " " + orEmpty(h.receivedFileName()),
                    h.interchangeId() == null ? "" : h.isa13() == null ? "id " + h.interchangeId()
                            : String.format(Locale.ROOT, "%09d %s", h.isa13(), orEmpty(h.interchangeFileName())),
                    h.responseFileId() == null ? "" : h.responseFileId() + " " + orEmpty(h.responseFileName()),
                    orEmpty(h.detail())));
        }
        return Html.table("history", List.of("when", "from", "to", "by", "claim file", "interchange", "response file",
                "detail"), rows, "No change recorded.");
    }

    private static void item(StringBuilder b, String label, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            b.append("<dt>").append(Html.esc(label)).append("</dt><dd>").append(Html.esc(value)).append("</dd>");
        }
    }

    private static String claimId(StoredClaim c) {
        return c.claimId() == null ? "(no claim_id)" : c.claimId();
    }

    private static String state(StoredClaim c) {
        return c.state().name() + (c.overdue() ? " (OVERDUE)" : "");
    }

    private static String controlNumbers(StoredClaim c) {
        return c.isa13() == null ? "" : String.format(Locale.ROOT, "%09d / %04d", c.isa13(), c.st02());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String name(PersonName n) {
        return n == null ? "(no name)" : n.last() + (n.first() == null ? "" : ", " + n.first());
    }
}
