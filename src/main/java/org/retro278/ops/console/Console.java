package org.retro278.ops.console;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.retro278.ops.console.ConsoleSessions.Session;
import org.retro278.store.OperatorView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's web console on the management port (docs/operations.md "The console"): a login with the port's
 * credential, then the dashboard ({@link DashboardPage}), the search and one claim with its history
 * ({@link ClaimPages}) and, given a {@link Resubmission}, a claim's resubmit behind a confirmation
 * ({@link ResubmitPages}). Server-rendered HTML, no script. Every page but the login needs a session; every POST needs
 * the session's CSRF token. A claim's PHI is shown only on that claim's page, after the operator asks for it.
 */
public final class Console {

    /** Where the console lives on the port. */
    public static final String PATH = "/console";

    private static final Logger LOG = LoggerFactory.getLogger(Console.class);
    private static final int NOT_FOUND = 404;

    private final Predicate<String> credential;
    private final ConsoleSessions sessions;
    private final DashboardPage dashboard;
    private final ClaimPages claims;
    /** The resubmit's two steps, or {@code null} without a {@link Resubmission}. */
    private final ResubmitPages resubmits;

    /**
     * @param credential   whether a login's value is the credential (the management port's token)
     * @param https        whether the port serves HTTPS (the session cookie is then {@code Secure})
     * @param clock        the sessions' idle time is measured on it
     * @param resubmission the resubmit hook, or {@code null} for none (no button)
     */
    public Console(OperatorView store, Predicate<String> credential, boolean https, Clock clock, Resubmission resubmission) {
        this.credential = credential;
        this.sessions = new ConsoleSessions(clock, https);
        this.dashboard = new DashboardPage(store);
        this.claims = new ClaimPages(store, resubmission != null);
        this.resubmits = resubmission == null ? null : new ResubmitPages(claims, resubmission);
    }

    /** Whether the port hands this path to the console. */
    public static boolean serves(String path) {
        return path.equals("/") || path.equals(PATH) || path.startsWith(PATH + "/");
    }

    public ConsoleReply answer(ConsoleRequest r) {
        String path = r.path();
        if (path.equals("/") || path.equals(PATH)) {
            return ConsoleReply.redirect(PATH + "/");
        }
        if (path.equals(PATH + "/style.css") && !r.isPost()) {
            return new ConsoleReply(200, "text/css; charset=utf-8", Html.CSS, Map.of());
        }
        if (path.equals(PATH + "/login")) {
            return r.isPost() ? login(r) : sessions.find(r.cookies()).isPresent() ? ConsoleReply.redirect(PATH + "/")
                    : ConsoleReply.page(200, loginPage(null));
        }
        Optional<Session> found = sessions.find(r.cookies());
        if (found.isEmpty()) {
            return r.isPost() ? ConsoleReply.page(401, loginPage("Log in first.")) : ConsoleReply.redirect(PATH + "/login");
        }
        Session s = found.get();
        if (r.isPost() && !s.carries(r.field("csrf"))) {
            LOG.warn("console: a form without this session's token was refused ({})", path);
            return ConsoleReply.page(403, Html.page("Refused", s, "", "<p class=\"error\">This form is not from this"
                    + " session. Open the page again and repeat.</p>"));
        }
        return r.isPost() ? post(r, s) : get(r, s);
    }

    private ConsoleReply get(ConsoleRequest r, Session s) {
        return switch (r.path()) {
            case PATH + "/" -> ConsoleReply.page(200, dashboard.render(s));
            case PATH + "/search" -> ConsoleReply.page(200, claims.searchPage(s, r.param("q")));
            case PATH + "/claim" -> claim(s, r.param("key"), false);
            default -> notFound(s);
        };
    }

    private ConsoleReply post(ConsoleRequest r, Session s) {
        switch (r.path()) {
            case PATH + "/logout" -> {
                sessions.close(s.id());
                return ConsoleReply.redirect(PATH + "/login").with("Set-Cookie", sessions.clearedCookie());
            }
            case PATH + "/claim/details" -> {
                ConsoleReply shown = claim(s, r.field("key"), true);
                if (shown.status() == 200) {
                    LOG.info("console: patient details shown for claim {}", key(r.field("key")));
                }
                return shown;
            }
            case ResubmitPages.ASK, ResubmitPages.CONFIRM -> {
                Long key = key(r.field("key"));
                if (resubmits == null || key == null) {
                    return notFound(s);
                }
                Optional<String> html = r.path().equals(ResubmitPages.ASK)
                        ? resubmits.question(s, key, r.field("reason"), r.field("name"))
                        : resubmits.resubmit(s, key, r.field("reason"), r.field("name"));
                return html.map(h -> ConsoleReply.page(200, h)).orElseGet(() -> notFound(s));
            }
            default -> {
                return notFound(s);
            }
        }
    }

    private ConsoleReply login(ConsoleRequest r) {
        if (!credential.test(r.field("token"))) {
            LOG.warn("console: a login with a wrong credential was refused");
            return ConsoleReply.page(401, loginPage("That is not the credential."));
        }
        Session s = sessions.open();
        LOG.info("console: an operator logged in");
        return ConsoleReply.redirect(PATH + "/").with("Set-Cookie", sessions.cookie(s));
    }

    private ConsoleReply claim(Session s, String key, boolean withDetails) {
        Long k = key(key);
        return Optional.ofNullable(k).flatMap(n -> claims.claimPage(s, n, withDetails, null))
                .map(html -> ConsoleReply.page(200, html)).orElseGet(() -> notFound(s));
    }

    private static ConsoleReply notFound(Session s) {
        return ConsoleReply.page(NOT_FOUND, Html.page("Not found", s, "", "<p>Nothing here. "
                + Html.link(PATH + "/", "Back to the dashboard") + "</p>"));
    }

    private static Long key(String text) {
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String loginPage(String problem) {
        return Html.page("Log in", null, "", "<form class=\"login\" method=\"post\" action=\"" + PATH + "/login\">"
                + (problem == null ? "" : "<p class=\"error\" id=\"problem\">" + Html.esc(problem) + "</p>")
                + "<p><label>The management port's token (retro278.management.tokenEnv)<br>"
                + "<input type=\"password\" name=\"token\" id=\"token\" autocomplete=\"current-password\" required autofocus>"
                + "</label></p><p><button type=\"submit\" id=\"login\">Log in</button></p></form>");
    }
}
