package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.retro278.runtime.RiversideFile.PAYERA_CLAIMS;
import static org.retro278.runtime.RiversideFile.all;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.retro278.store.ClaimState;
import org.retro278.store.StoreInspection;
import org.retro278.testing.TestClock;

/**
 * Issue 10, items 5 and 6 end to end: riverside's claims go out and PAYERA acknowledges them two hours later;
 * {@code /metrics}, scraped over HTTP, shows the store's claims per state, the counts of what happened and the
 * acknowledgment lag; {@code /health/ready} is 200 while everything is up and 503 while the SFTP server is down
 * or the store is closed.
 */
class ManagementPortIT extends AdapterIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void metricsShowTheStoresClaimsPerStateAndWhatHappened() throws Exception {
        TestClock clock = TestClock.forSamples();
        try (AdapterHarness h = harness().clock(clock)) {
            SentSample s = SentSample.send(SFTP, h, 600, 900, WAIT);
            InetSocketAddress at = s.adapter().managementAddress().orElseThrow();
            assertTrue(at.getAddress().isLoopbackAddress(), at.toString());

            clock.advance(Duration.ofHours(2));
            s.payerA().answer("999-1.x12", s.payerA().ack999AllAccepted(s.toA()));
            s.payerA().awaitMoved(".done", WAIT, "999-1.x12");
            s.file().awaitStates(all(PAYERA_CLAIMS, ClaimState.ACCEPTED), WAIT);

            // the claims per state are cached for a few seconds: wait until the scrape shows what the store holds
            StoreInspection store = new StoreInspection(s.adapter().store());
            Map<String, Double> expected = new LinkedHashMap<>();
            store.claimsPerState().forEach((state, n) -> expected.put("retro278_claims{state=\"" + state + "\"}", (double) n));
            AdapterHarness.await("the scrape to show the store's claims per state", WAIT,
                    () -> expected.entrySet().stream().allMatch(e -> e.getValue().equals(sample(metrics(at), e.getKey()))));
            assertEquals(3.0, expected.get("retro278_claims{state=\"ACCEPTED\"}"));
            assertEquals(2.0, expected.get("retro278_claims{state=\"SENT\"}"));

            String m = metrics(at);
            assertEquals(1.0, sample(m, "retro278_claim_files_total{outcome=\"processed\",practice=\"RIVERSIDE\"}"));
            assertEquals(5.0, sample(m, "retro278_claims_received_total{practice=\"RIVERSIDE\",result=\"ready\"}"));
            assertEquals(1.0, sample(m, "retro278_interchanges_sent_total{payer=\"PAYERA\"}"));
            assertEquals(3.0, sample(m, "retro278_claims_sent_total{payer=\"PAYERA\"}"));
            assertEquals(2.0, sample(m, "retro278_claims_sent_total{payer=\"PAYERB\"}"));
            assertEquals(1.0, sample(m, "retro278_response_files_total{outcome=\"applied\",payer=\"PAYERA\"}"));
            assertEquals(3.0, sample(m, "retro278_response_answers_total{payer=\"PAYERA\",result=\"matched\"}"));
            // acknowledged two hours (and the seconds the test took) after sending: in the 2 h to 4 h bucket
            assertEquals(3.0, sample(m, "retro278_acknowledgment_lag_seconds_count{payer=\"PAYERA\"}"));
            assertEquals(0.0, sample(m, "retro278_acknowledgment_lag_seconds_bucket{payer=\"PAYERA\",le=\"7200.0\"}"));
            assertEquals(3.0, sample(m, "retro278_acknowledgment_lag_seconds_bucket{payer=\"PAYERA\",le=\"14400.0\"}"));
            assertEquals(0.0, sample(m, "retro278_acknowledgment_lag_seconds_count{payer=\"PAYERB\"}"));
            assertEquals(0.0, sample(m, "retro278_claims_overdue{payer=\"PAYERA\"}"));
            assertEquals(1.0, sample(m, "retro278_partner_reachable{partner=\"RIVERSIDE\",route=\"intake-RIVERSIDE\"}"));
            assertEquals(1.0, sample(m, "retro278_partner_reachable{partner=\"PAYERA\",route=\"responses-PAYERA\"}"));
            assertEquals(0.0, sample(m, "retro278_route_failures_total{partner=\"RIVERSIDE\",route=\"intake-RIVERSIDE\"}"));
            for (String claimId : RiversideFile.ALL_CLAIMS) {
                assertTrue(!m.contains(claimId), "no claim id in the metrics: " + claimId);
            }

            assertEquals(200, get(at, "/health/live").statusCode());
            HttpResponse<String> ready = get(at, "/health/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            assertEquals("UP", JSON.readTree(ready.body()).path("status").asText());
            assertEquals("no-store", ready.headers().firstValue("Cache-Control").orElse(""));
        }
    }

    @Test
    void readinessIsDownWhileTheSftpServerIsDownOrTheStoreClosed() throws Exception {
        try (AdapterHarness h = harness()) {
            Adapter a = h.start();
            InetSocketAddress at = a.managementAddress().orElseThrow();
            AdapterHarness.await("ready", WAIT, () -> status(at, "/health/ready") == 200);

            SFTP.stop();
            try {
                AdapterHarness.await("not ready while the SFTP server is down", WAIT, () -> status(at, "/health/ready") == 503);
                JsonNode body = JSON.readTree(get(at, "/health/ready").body());
                assertEquals("DOWN", body.path("status").asText());
                assertEquals("UP", body.path("checks").path("store").path("status").asText());
                assertEquals("DOWN", body.path("checks").path("partners").path("status").asText());
                assertTrue(body.path("checks").path("partners").path("unreachable").toString().contains("\"intake-RIVERSIDE\""),
                        body.toString());
                assertEquals(0.0, sample(metrics(at), "retro278_partner_reachable{partner=\"RIVERSIDE\",route=\"intake-RIVERSIDE\"}"));
                assertEquals(200, status(at, "/health/live"), "alive all the same: the adapter itself is fine");
            } finally {
                SFTP.start();
            }
            AdapterHarness.await("ready again once the server is back", WAIT, () -> status(at, "/health/ready") == 200);

            a.store().close();
            HttpResponse<String> closed = get(at, "/health/ready");
            assertEquals(503, closed.statusCode(), closed.body());
            assertEquals("DOWN", JSON.readTree(closed.body()).path("checks").path("store").path("status").asText());
        }
    }

    private static HttpResponse<String> get(InetSocketAddress at, String path) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static int status(InetSocketAddress at, String path) {
        try {
            return get(at, path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String metrics(InetSocketAddress at) {
        try {
            HttpResponse<String> r = get(at, "/metrics");
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            return r.body();
        } catch (IOException e) {
            throw new AssertionError("scraping failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The value of one sample (name and labels as Prometheus writes them), or null when the scrape lacks it. */
    private static Double sample(String scrape, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }
}
