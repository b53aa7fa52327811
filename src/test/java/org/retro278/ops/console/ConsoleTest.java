package org.retro278.ops.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.retro278.store.ClaimState;
import org.retro278.store.OperatorActions.Resubmit;
import org.retro278.testing.TestClock;

/** The console without a server: the login, the session and its CSRF token, the pages, escaping and where PHI shows. */
class ConsoleTest {

    private static final String TOKEN = "console-test-token-0123";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final TestClock clock = TestClock.stoppedAt(FakeOperatorView.AT);
    private final List<String> resubmitted = new ArrayList<>();

    private Console console(Resubmission hook) {
        return new Console(new FakeOperatorView(), TOKEN::equals, false, clock, hook);
    }

    private static ConsoleReply get(Console c, String pathAndQuery, String cookie) {
        int q = pathAndQuery.indexOf('?');
        return c.answer(ConsoleRequest.of("GET", q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
                q < 0 ? null : pathAndQuery.substring(q + 1), null, cookie));
    }

    private static ConsoleReply post(Console c, String path, String form, String cookie) {
        return c.answer(ConsoleRequest.of("POST", path, null, form, cookie));
    }

    /** Logs in and gives the cookie ("name=value") the browser would send back. */
    private static String login(Console c) {
        ConsoleReply r = post(c, "/console/login", "token=" + TOKEN, null);
        assertEquals(303, r.status());
        assertEquals("/console/", r.headers().get("Location"));
        String setCookie = r.headers().get("Set-Cookie");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String csrf(ConsoleReply page) {
        Matcher m = CSRF.matcher(page.body());
        assertTrue(m.find(), page.body());
        return m.group(1);
    }

    @Test
    void withoutALoginEveryPageSendsToTheLoginAndEveryPostIsRefused() {
        Console c = console(null);
        for (String path : List.of("/console/", "/console/search?q=CLM7", "/console/claim?key=7")) {
            ConsoleReply r = get(c, path, null);
            assertEquals(303, r.status(), path);
            assertEquals("/console/login", r.headers().get("Location"), path);
        }
        assertEquals(401, post(c, "/console/claim/details", "key=7", null).status());
        assertEquals(303, get(c, "/console/", "retro278_console=made-up-session").status(), "an unknown session is none");
        ConsoleReply wrong = post(c, "/console/login", "token=not-the-token", null);
        assertEquals(401, wrong.status());
        assertFalse(wrong.headers().containsKey("Set-Cookie"));
        assertEquals(200, get(c, "/console/login", null).status());
        assertEquals(200, get(c, "/console/style.css", null).status(), "the login page needs its style sheet");
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndSecureOnlyOnHttps() {
        String plain = post(console(null), "/console/login", "token=" + TOKEN, null).headers().get("Set-Cookie");
        assertTrue(plain.matches("retro278_console=[A-Za-z0-9_-]{43}; Path=/console; HttpOnly; SameSite=Strict"), plain);
        Console https = new Console(new FakeOperatorView(), TOKEN::equals, true, clock, null);
        assertTrue(post(https, "/console/login", "token=" + TOKEN, null).headers().get("Set-Cookie").endsWith("; Secure"));
    }

    @Test
    void theDashboardShowsStatesPerPayerAndTheFailedClaimsEscaped() {
        Console c = console(null);
        ConsoleReply r = get(c, "/console/", login(c));
        assertEquals(200, r.status());
        assertEquals(ConsoleReply.HTML, r.contentType());
        assertTrue(r.headers().get("Content-Security-Policy").contains("default-src 'none'"));
        String html = r.body();
        assertTrue(html.contains("<th>REJECTED_LOCALLY</th>") && html.contains("<th>SENT</th>"), html);
        assertTrue(html.contains("<td>PAYERA</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">2</td>"), html);
        assertTrue(html.contains("&lt;b&gt;CLM&amp;8&lt;/b&gt;"), "a partner's claim id is text, never markup");
        assertFalse(html.contains(FakeOperatorView.HTML_CLAIM_ID));
        assertTrue(html.contains("riverside-&lt;1&gt;.csv"));
        assertTrue(html.contains("MEMBER_ID_SYNTAX"));
        assertFalse(html.contains(FakeOperatorView.REASON_WORDS), "the reasons' words are PHI");
    }

    @Test
    void aSearchFindsByClaimIdTraceNumberAndControlNumbers() {
        Console c = console(null);
        String cookie = login(c);
        for (String q : List.of("CLM7", "TRN-7", "101", "000000101%2F0002", "101+2")) {
            String html = get(c, "/console/search?q=" + q, cookie).body();
            assertTrue(html.contains("href=\"/console/claim?key=7\""), q + ": " + html);
        }
        assertFalse(get(c, "/console/search?q=101%2F3", cookie).body().contains("key=7"), "another ST02");
        String html = get(c, "/console/search?q=%3Cscript%3Ex%3C%2Fscript%3E", cookie).body();
        assertFalse(html.contains("<script>"), "the query comes back escaped");
        assertTrue(html.contains("&lt;script&gt;"));
    }

    @Test
    void aClaimShowsItsHistoryAndItsPhiOnlyWhenAskedForWithTheSessionsToken() {
        Console c = console(null);
        String cookie = login(c);
        ConsoleReply page = get(c, "/console/claim?key=8", cookie);
        assertEquals(200, page.status());
        String html = page.body();
        assertTrue(html.contains("<table id=\"history\">") && html.contains("<td>(new)</td><td>RECEIVED</td><td>intake</td>"), html);
        for (String phi : List.of(FakeOperatorView.MEMBER_ID, FakeOperatorView.LAST_NAME, FakeOperatorView.REASON_WORDS)) {
            assertFalse(html.contains(phi), phi);
        }
        assertTrue(html.contains("Show patient details"));
        assertFalse(html.contains("Resubmit"), "no resubmit without its hook");

        assertEquals(403, post(c, "/console/claim/details", "key=8&csrf=forged", cookie).status());
        assertEquals(403, post(c, "/console/claim/details", "key=8", cookie).status());
        String shown = post(c, "/console/claim/details", "key=8&csrf=" + csrf(page), cookie).body();
        for (String phi : List.of(FakeOperatorView.MEMBER_ID, FakeOperatorView.LAST_NAME, FakeOperatorView.REASON_WORDS)) {
            assertTrue(shown.contains(phi), phi);
        }
        assertEquals(404, get(c, "/console/claim?key=99", cookie).status());
        assertEquals(404, get(c, "/console/claim?key=x", cookie).status());
    }

    @Test
    void aSessionEndsWhenLoggedOutOrIdle() {
        Console c = console(null);
        String cookie = login(c);
        String token = csrf(get(c, "/console/", cookie));
        ConsoleReply out = post(c, "/console/logout", "csrf=" + token, cookie);
        assertEquals(303, out.status());
        assertTrue(out.headers().get("Set-Cookie").contains("Max-Age=0"));
        assertEquals(303, get(c, "/console/", cookie).status());

        String again = login(c);
        clock.advance(ConsoleSessions.IDLE.minusMinutes(1));
        assertEquals(200, get(c, "/console/", again).status(), "used within the idle time");
        clock.advance(ConsoleSessions.IDLE.plus(Duration.ofSeconds(1)));
        assertEquals(303, get(c, "/console/", again).status(), "idle too long");
    }

    /** A resubmit that records who asked and why, and refuses the rejected-locally claim 8 as the store's rule does. */
    private Console resubmitting() {
        return console((key, operator, reason) -> {
            resubmitted.add(key + " by " + operator + ": " + reason);
            return key == 8 ? new Resubmit(key, FakeOperatorView.HTML_CLAIM_ID, ClaimState.REJECTED_LOCALLY, false,
                    "REJECTED_LOCALLY: the input rules refused it", null)
                    : new Resubmit(key, "CLM7", ClaimState.SENT, true, null, "TRN-7");
        });
    }

    /** A logged-in operator on claim 7's page: its cookie and the session's token, and a form posted with both. */
    private record Operator(Console console, String cookie, String token) {

        static Operator onClaimSeven(Console c) {
            String cookie = login(c);
            return new Operator(c, cookie, csrf(get(c, "/console/claim?key=7", cookie)));
        }

        String posted(String path, String form) {
            return post(console, path, form + "&csrf=" + token, cookie).body();
        }
    }

    @Test
    void aResubmitAsksFirstResubmitsOnlyWhenConfirmedAndShowsARefusal() {
        Console c = resubmitting();
        String cookie = login(c);
        ConsoleReply page = get(c, "/console/claim?key=7", cookie);
        assertTrue(page.body().contains("action=\"/console/claim/resubmit\"") && page.body().contains("name=\"reason\""),
                page.body());
        String token = csrf(page);

        ConsoleReply asked = post(c, "/console/claim/resubmit", "key=7&reason=gateway%27s+NM1+%3Cfixed%3E&csrf=" + token, cookie);
        assertEquals(200, asked.status());
        String question = asked.body();
        assertTrue(question.contains("Resubmit claim 7 (CLM7, SENT) to PAYERA? reason: <strong>gateway&#39;s NM1 &lt;fixed&gt;"
                + "</strong>"), question);
        assertTrue(question.contains("operator console</strong>"), "no name typed: the console's shared token: " + question);
        assertTrue(question.contains("action=\"/console/claim/resubmit/confirm\"")
                && question.contains("name=\"reason\" value=\"gateway&#39;s NM1 &lt;fixed&gt;\""), question);
        assertEquals(token, csrf(asked), "the confirmation carries the session's token");
        assertEquals(List.of(), resubmitted, "asking resubmits nothing");

        String done = post(c, "/console/claim/resubmit/confirm", "key=7&reason=gateway%27s+NM1+%3Cfixed%3E&name=&csrf=" + token,
                cookie).body();
        assertEquals(List.of("7 by console: gateway's NM1 <fixed>"), resubmitted);
        assertTrue(done.contains("<p class=\"done\" id=\"message\">claim 7 CLM7: resubmitted (was SENT, trace TRN-7); a new"
                + " request goes to PAYERA with its next interchange</p>"), done);

        String refused = post(c, "/console/claim/resubmit/confirm", "key=8&reason=fixed&csrf=" + token, cookie).body();
        assertEquals("8 by console: fixed", resubmitted.get(1));
        assertTrue(refused.contains("<p class=\"error\" id=\"message\">claim 8 &lt;b&gt;CLM&amp;8&lt;/b&gt;: refused:"
                + " REJECTED_LOCALLY: the input rules refused it</p>"), "a refusal, in the store's words, is a problem: " + refused);
    }

    @Test
    void aNameTypedIsTheOperatorBesideTheConsole() {
        Operator o = Operator.onClaimSeven(resubmitting());
        String question = o.posted("/console/claim/resubmit", "key=7&reason=fixed&name=+dana+");
        assertTrue(question.contains("operator console (dana)</strong>") && question.contains("name=\"name\" value=\"dana\""),
                question);
        o.posted("/console/claim/resubmit/confirm", "key=7&reason=fixed&name=dana");
        assertEquals(List.of("7 by console (dana): fixed"), resubmitted);
        String tooLong = o.posted("/console/claim/resubmit", "key=7&reason=fixed&name=" + "d".repeat(41));
        assertTrue(tooLong.contains("a name is at most 40 characters"), tooLong);
    }

    @Test
    void neitherStepWorksWithoutTheSessionsTokenOrAReason() {
        Operator o = Operator.onClaimSeven(resubmitting());
        Console c = o.console();
        String cookie = o.cookie();
        String token = o.token();
        for (String path : List.of("/console/claim/resubmit", "/console/claim/resubmit/confirm")) {
            assertEquals(403, post(c, path, "key=7&reason=fixed", cookie).status(), path);
            assertEquals(403, post(c, path, "key=7&reason=fixed&csrf=forged", cookie).status(), path);
            assertEquals(401, post(c, path, "key=7&reason=fixed&csrf=" + token, null).status(), path + " without the session");
            for (String reason : List.of("", "+++", "x".repeat(501))) {
                ConsoleReply r = post(c, path, "key=7&reason=" + reason + "&csrf=" + token, cookie);
                assertEquals(200, r.status(), path);
                assertTrue(r.body().contains("<p class=\"error\" id=\"message\">Not resubmitted: "), r.body());
                assertFalse(r.body().contains("/console/claim/resubmit/confirm"), "no question without a reason");
            }
            assertEquals(404, post(c, path, "key=99&reason=fixed&csrf=" + token, cookie).status(), "no such claim");
            assertEquals(404, post(c, path, "key=x&reason=fixed&csrf=" + token, cookie).status());
        }
        assertEquals(List.of(), resubmitted);
    }

    @Test
    void withoutTheHookThereIsNoResubmit() {
        Console without = console(null);
        String cookie = login(without);
        ConsoleReply page = get(without, "/console/claim?key=7", cookie);
        assertFalse(page.body().contains("Resubmit"), page.body());
        String form = "key=7&reason=x&csrf=" + csrf(page);
        assertEquals(404, post(without, "/console/claim/resubmit", form, cookie).status());
        assertEquals(404, post(without, "/console/claim/resubmit/confirm", form, cookie).status());
    }

    @Test
    void fieldsDecodeAndTheFirstValueWins() {
        assertEquals(Map.of("q", "a b/c", "x", ""), ConsoleRequest.fields("q=a+b%2Fc&x&q=second&bad=%zz"));
    }
}
