package org.retro278.ops.console;

import java.util.List;
import java.util.Optional;
import org.retro278.ops.console.ClaimPages.Notice;
import org.retro278.ops.console.ConsoleSessions.Session;
import org.retro278.store.OperatorActions.Resubmit;
import org.retro278.store.StoredClaim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resubmitting one claim from its page, in two steps: the claim page's form (a reason, required; a name, optional)
 * posts to {@link #ASK}, which answers with a question ("Resubmit claim N? reason: ..."); only its button, a second
 * POST to {@link #CONFIRM} with the session's CSRF token, resubmits. The claim's page then says what came of it in
 * the words of {@code retro278 resubmit}. The console has one credential for every operator, so the history's actor
 * is {@code operator console}, or {@code operator console (NAME)} with the name typed, which nothing verifies.
 */
final class ResubmitPages {

    static final String ASK = Console.PATH + "/claim/resubmit";
    static final String CONFIRM = ASK + "/confirm";
    /** As {@code retro278 resubmit --reason}. */
    static final int REASON_MAX = 500;
    static final int NAME_MAX = 40;
    /** Who resubmits from the console, for the history. */
    static final String OPERATOR = "console";

    private static final Logger LOG = LoggerFactory.getLogger(ResubmitPages.class);

    private final ClaimPages claims;
    private final Resubmission resubmission;

    ResubmitPages(ClaimPages claims, Resubmission resubmission) {
        this.claims = claims;
        this.resubmission = resubmission;
    }

    /** The form on a claim's page. */
    static String form(Session session, long key) {
        return "<h2>Resubmit</h2>" + Html.postForm(ASK, session, List.of("key", Long.toString(key)), new Html.Raw(
                "<p><label>Reason (required; kept in the claim's history; no PHI) <input type=\"text\" name=\"reason\""
                        + " id=\"reason\" required maxlength=\"" + REASON_MAX + "\"></label></p>"
                        + "<p><label>Your name (optional: the console has one token for every operator, so the history says"
                        + " <em>operator " + OPERATOR + "</em> and this name, unverified) <input type=\"text\" name=\"name\""
                        + " id=\"name\" maxlength=\"" + NAME_MAX + "\"></label></p>"), "Resubmit");
    }

    /** The first step: the question, or the claim's page saying what is missing; empty when no claim has the key. */
    Optional<String> question(Session session, long key, String reason, String name) {
        Optional<StoredClaim> found = claims.claim(key);
        String problem = problem(reason, name);
        if (found.isEmpty() || problem != null) {
            return found.flatMap(c -> claims.claimPage(session, key, false, new Notice(problem, true)));
        }
        StoredClaim c = found.get();
        String body = "<p id=\"question\">Resubmit claim " + key + " (" + Html.esc(c.claimId()) + ", " + c.state()
                + ") to " + Html.esc(c.payerId()) + "? reason: <strong>" + Html.esc(reason.strip()) + "</strong></p>"
                + "<p>The history will say <strong>operator " + Html.esc(operator(name)) + "</strong>. A new request, with"
                + " a new trace number (TRN02) and BHT03, goes to the payer with its next interchange.</p>"
                + Html.postForm(CONFIRM, session, List.of("key", Long.toString(key), "reason", reason.strip(), "name",
                name.strip()), null, "Resubmit claim " + key)
                + "<p>" + Html.link(Console.PATH + "/claim?key=" + key, "Cancel") + "</p>";
        return Optional.of(Html.page("Resubmit claim " + key + "?", session, "", body));
    }

    /** The second step: resubmits, and the claim's page says what came of it; empty when no claim has the key. */
    Optional<String> resubmit(Session session, long key, String reason, String name) {
        Optional<StoredClaim> found = claims.claim(key);
        String problem = problem(reason, name);
        if (found.isEmpty() || problem != null) {
            return found.flatMap(c -> claims.claimPage(session, key, false, new Notice(problem, true)));
        }
        Resubmit r = resubmission.resubmit(key, operator(name), reason.strip());
        if (!r.resubmitted()) {
            LOG.info("console: resubmitting claim {} was refused", key);
        }
        return claims.claimPage(session, key, false, new Notice(r.words(found.get().payerId()), !r.resubmitted()));
    }

    /** What is wrong with the form's fields, or {@code null}. */
    private static String problem(String reason, String name) {
        if (reason.isBlank()) {
            return "Not resubmitted: give a reason (why the claim goes out again).";
        }
        if (reason.strip().length() > REASON_MAX) {
            return "Not resubmitted: the reason is longer than " + REASON_MAX + " characters.";
        }
        if (name.strip().length() > NAME_MAX || name.chars().anyMatch(Character::isISOControl)) {
            return "Not resubmitted: a name is at most " + NAME_MAX + " characters of text.";
        }
        return null;
    }

    private static String operator(String name) {
        return name.isBlank() ? OPERATOR : OPERATOR + " (" + name.strip() + ")";
    }
}
