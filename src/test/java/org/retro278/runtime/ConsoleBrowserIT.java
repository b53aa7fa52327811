package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.retro278.runtime.RiversideFile.ALL_CLAIMS;
import static org.retro278.runtime.RiversideFile.all;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.retro278.sim.PayerSimulator.RequestInterchange;
import org.retro278.sim.ReceivedRequest;
import org.retro278.store.ClaimState;
import org.retro278.store.FileOutcome;
import org.retro278.store.OperatorView;
import org.retro278.store.OperatorView.ClaimCount;
import org.retro278.store.OperatorView.StatusFilter;
import org.retro278.store.StoredClaim;
import org.retro278.testing.Needs;
import org.retro278.testing.PhiScan;
import org.retro278.testing.ProjectFiles;

/**
 * Issue 10, item 7, in a real headless Chromium (Debian's chromium and chromedriver, driven by Selenium): riverside's
 * sample goes out and the mistakes file is rejected locally, through the real intake; an operator logs in with the
 * management port's token, sees the states per payer, searches a claim by claim id and by ISA13/ST02, opens its
 * history and asks for its patient details. No page shows a fixture's name, member id or birth date, except the one
 * claim's page after "Show patient details"; a request without the session is refused; every answer says no-store.
 * Then the payer's gateway rejects a claim and the operator resubmits it on its page, answering the console's
 * question: it goes out again under a new trace number; a claim rejected locally is refused with the store's words.
 */
class ConsoleBrowserIT extends AdapterIT {

    private static final String TOKEN = "console-browser-it-token-42";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anOperatorLogsInSeesTheStatesFindsAClaimAndItsHistory() throws Exception {
        Needs.chromium(CHROMIUM);
        Needs.chromium(CHROMEDRIVER);
        try (AdapterHarness h = harness().secrets(Map.of("CONSOLE_TOKEN", TOKEN))) {
            Files.writeString(h.config().resolve("application.properties"), "\nretro278.management.tokenEnv=CONSOLE_TOKEN\n",
                    StandardOpenOption.APPEND);
            Adapter a = h.start();
            h.drop("riverside", RiversideFile.SAMPLE);
            new RiversideFile(SFTP, a.store()).awaitStates(all(ALL_CLAIMS, ClaimState.SENT), WAIT);
            h.drop("riverside", ProjectFiles.path("sample-edi/claims/mistakes-2026-11-15.csv"));
            OperatorView store = a.store().operatorView();
            AdapterHarness.await("both files read and every claim sent or rejected", WAIT, () -> bothRead(store));
            URI console = a.consoleAddress().orElseThrow();
            assertEquals("http", console.getScheme());

            refusedWithoutTheSession(console);

            WebDriver browser = chromium();
            try {
                WebDriverWait wait = new WebDriverWait(browser, WAIT);
                browser.get(console.toString());
                assertTrue(browser.getCurrentUrl().endsWith("/console/login"), browser.getCurrentUrl());
                noPhi(browser);

                browser.findElement(By.id("token")).sendKeys("not-the-token-at-all", Keys.ENTER);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("problem")));
                browser.findElement(By.id("token")).sendKeys(TOKEN, Keys.ENTER);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("per-state")));
                Cookie session = browser.manage().getCookieNamed("retro278_console");
                assertTrue(session.isHttpOnly(), "the session cookie is HttpOnly");
                assertEquals("Strict", session.getSameSite());

                String perState = browser.findElement(By.id("per-state")).getText();
                for (String seen : new String[] {"SENT", "REJECTED_LOCALLY", "PAYERA", "PAYERB"}) {
                    assertTrue(perState.contains(seen), seen + " in " + perState);
                }
                assertTrue(browser.findElement(By.id("failed")).getText().contains("CLM2001"), "a rejected claim is listed");
                assertTrue(browser.findElement(By.id("recent-files")).getText().contains("mistakes-2026-11-15.csv"));
                assertTrue(browser.findElement(By.id("recent-interchanges")).getText().contains("PAYERA"));
                noPhi(browser);
                pagesSayNoStore(console, session);

                StoredClaim claim = store.claimsById("CLM1002", "RIVERSIDE", 0, 1).get(0);
                browser.findElement(By.id("q")).sendKeys("CLM1002", Keys.ENTER);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("found")));
                noPhi(browser);
                browser.findElement(By.linkText(Long.toString(claim.key()))).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("history")));
                assertTrue(browser.findElement(By.id("claim")).getText().contains("CLM1002"));
                String history = browser.findElement(By.id("history")).getText();
                assertTrue(history.contains("intake") && history.contains("submission") && history.contains("SENT"), history);
                noPhi(browser);

                browser.findElement(By.id("q")).sendKeys(claim.isa13() + "/" + claim.st02(), Keys.ENTER);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("found")));
                String found = browser.findElement(By.id("found")).getText();
                assertTrue(found.contains("CLM1002") && found.contains("ISA13 / ST02") && !found.contains("CLM1001"), found);
                browser.findElement(By.linkText(Long.toString(claim.key()))).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("history")));

                browser.findElement(By.xpath("//button[text()='Show patient details']")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("details")));
                Matcher phi = PhiScan.fixturePhi().matcher(browser.getPageSource());
                assertTrue(phi.find(), "asked for, the claim's patient details show");

                browser.findElement(By.linkText("retro278")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("per-state")));
                noPhi(browser);

                resubmitARejectedClaimAndSeeItGoOut(browser, wait, console, a);
                refusedWithTheStoresWords(browser, wait, console,
                        store.claimsInState(ClaimState.REJECTED_LOCALLY, "PAYERA", 0, 1).get(0));
            } finally {
                browser.quit();
            }
        }
    }

    /**
     * PAYERA's gateway rejects CLM1002 (a 999, IK5 R); the operator resubmits it on its page, answers the question,
     * and the payer gets a new interchange with the claim alone under a new trace number; the page shows it SENT and
     * the history the console's change with the reason.
     */
    private static void resubmitARejectedClaimAndSeeItGoOut(WebDriver browser, WebDriverWait wait, URI console, Adapter a)
            throws Exception {
        PlayedPayer payerA = new PlayedPayer(SFTP, "payera", 800);
        List<RequestInterchange> before = payerA.awaitRequests(1, WAIT);
        RequestInterchange toA = before.stream().filter(i -> i.requests().stream().anyMatch(r -> r.claimId().equals("CLM1002")))
                .findFirst().orElseThrow();
        ReceivedRequest first = toA.requests().stream().filter(r -> r.claimId().equals("CLM1002")).findFirst().orElseThrow();
        payerA.answer("999-partly.x12", payerA.ack999Rejecting(toA, List.of(first.st02())));
        payerA.awaitMoved(".done", WAIT, "999-partly.x12");
        RiversideFile file = new RiversideFile(SFTP, a.store());
        file.awaitStates(Map.of("CLM1002", ClaimState.REJECTED_BY_GATEWAY), WAIT);
        long key = file.claim("CLM1002").key();

        browser.get(console.resolve("claim?key=" + key).toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reason")));
        assertTrue(browser.findElement(By.id("claim")).getText().contains("REJECTED_BY_GATEWAY"));
        browser.findElement(By.id("reason")).sendKeys("gateway's NM1 check fixed");
        browser.findElement(By.xpath("//button[text()='Resubmit']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("question")));
        String question = browser.findElement(By.id("question")).getText();
        assertTrue(question.contains("Resubmit claim " + key + " (CLM1002, REJECTED_BY_GATEWAY) to PAYERA? reason: gateway's NM1"
                + " check fixed"), question);
        assertEquals(before.size(), payerA.awaitRequests(1, WAIT).size(), "asking sends nothing");
        assertEquals(ClaimState.REJECTED_BY_GATEWAY, file.claim("CLM1002").state(), "asking changes nothing");
        browser.findElement(By.xpath("//button[text()='Resubmit claim " + key + "']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("message")));
        String said = browser.findElement(By.id("message")).getText();
        assertTrue(said.startsWith("claim " + key + " CLM1002: resubmitted (was REJECTED_BY_GATEWAY, trace " + first.traceNumber()
                + ")"), said);
        noPhi(browser);

        List<RequestInterchange> after = payerA.awaitRequests(before.size() + 1, WAIT);
        RequestInterchange again = after.get(after.size() - 1);
        assertEquals(1, again.requests().size(), "only the resubmitted claim goes out");
        ReceivedRequest second = again.requests().get(0);
        assertEquals("CLM1002", second.claimId());
        assertNotEquals(first.traceNumber(), second.traceNumber());
        assertNotEquals(toA.isa13(), again.isa13());
        file.awaitStates(Map.of("CLM1002", ClaimState.SENT), WAIT);

        browser.get(console.resolve("claim?key=" + key).toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("history")));
        String claim = browser.findElement(By.id("claim")).getText();
        assertTrue(claim.contains("SENT") && claim.contains(second.traceNumber()), claim);
        String history = browser.findElement(By.id("history")).getText();
        assertTrue(history.contains("REJECTED_BY_GATEWAY READY operator console") && history.contains("gateway's NM1 check fixed"),
                history);
        noPhi(browser);
    }

    /** A claim the input rules rejected: the question is asked, and the answer is the store's refusal, in its words. */
    private static void refusedWithTheStoresWords(WebDriver browser, WebDriverWait wait, URI console, StoredClaim rejected) {
        assertEquals(ClaimState.REJECTED_LOCALLY, rejected.state());
        browser.get(console.resolve("claim?key=" + rejected.key()).toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reason")));
        browser.findElement(By.id("reason")).sendKeys("member id corrected");
        browser.findElement(By.xpath("//button[text()='Resubmit']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("question")));
        browser.findElement(By.xpath("//button[text()='Resubmit claim " + rejected.key() + "']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("message")));
        WebElement said = browser.findElement(By.id("message"));
        assertEquals("error", said.getAttribute("class"));
        assertEquals("claim " + rejected.key() + " " + rejected.claimId() + ": refused: REJECTED_LOCALLY: the input rules refused it; the practice"
                + " corrects the claim and drops it again", said.getText());
        assertTrue(browser.findElement(By.id("claim")).getText().contains("REJECTED_LOCALLY"), "nothing changed");
        noPhi(browser);
    }

    private static boolean bothRead(OperatorView store) {
        boolean files = store.recentFiles(5).stream().filter(f -> f.outcome() == FileOutcome.PROCESSED).count() == 2;
        return files && store.status(StatusFilter.ALL, 1).counts().stream().map(ClaimCount::state)
                .allMatch(s -> s == ClaimState.SENT || s == ClaimState.REJECTED_LOCALLY);
    }

    /** Debian's Chromium through its own chromedriver: both named, so Selenium Manager is never asked for either. */
    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage");
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        return new ChromeDriver(driver, options);
    }

    private static void noPhi(WebDriver browser) {
        Matcher m = PhiScan.fixturePhi().matcher(browser.getPageSource());
        assertFalse(m.find(), () -> browser.getCurrentUrl() + " shows the fixture's PHI value " + m.group());
    }

    private static void refusedWithoutTheSession(URI console) throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(console).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, page.statusCode());
        assertEquals("/console/login", page.headers().firstValue("Location").orElse(""));
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(console.resolve("claim/details"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("key=1", StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, post.statusCode());
        assertFalse(PhiScan.fixturePhi().matcher(post.body()).find());
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(console.resolve("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, metrics.statusCode(), "the metrics still ask for the bearer token");
    }

    private static void pagesSayNoStore(URI console, Cookie session) throws Exception {
        for (String path : new String[] {"", "search?q=CLM1002", "login", "style.css"}) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(console.resolve(path))
                    .header("Cookie", session.getName() + "=" + session.getValue()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""), path);
        }
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(console.resolve("claim/details"))
                .header("Cookie", session.getName() + "=" + session.getValue())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("key=1&csrf=forged", StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode(), "a form without the session's token is refused");
    }
}
