package org.retro278.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.store.CensusScenario;
import org.retro278.store.ClaimState;
import org.retro278.store.StoreInspection;
import org.retro278.store.TransactionStore;
import org.retro278.testing.TestClock;

/**
 * The metrics binder: what the store holds and what the beans did, as Prometheus reads it. The store's clock
 * stands still ({@link CensusScenario}), so the lags are exact.
 */
class AdapterMetricsTest {

    @TempDir
    Path dir;
    private TestClock clock;
    private TransactionStore store;
    private StoreProbe probe;

    @BeforeEach
    void open() throws Exception {
        clock = TestClock.stoppedAt(CensusScenario.SENT_AT);
        store = TransactionStore.openH2(dir, "", clock);
        probe = new StoreProbe(Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        probe.close();
        store.close();
    }

    private AdapterMetrics metrics(Duration cacheFor) {
        return new AdapterMetrics(store.census(), probe, cacheFor, List.of("P1"), List.of("PAYERA", "PAYERB"));
    }

    @Test
    void claimsPerStateAndOverdueClaimsAreTheStores() {
        AdapterMetrics m = metrics(Duration.ZERO);
        CensusScenario.play(store, clock);
        Scrape s = new Scrape(m.scrape());
        Map<ClaimState, Long> rows = new StoreInspection(store).claimsPerState();
        for (ClaimState state : ClaimState.values()) {
            assertEquals((double) rows.get(state), s.value("retro278_claims{state=\"" + state + "\"}"), state.name());
        }
        assertEquals(1, s.value("retro278_claims_overdue{payer=\"PAYERA\"}"));
        assertEquals(0, s.value("retro278_claims_overdue{payer=\"PAYERB\"}"));
        assertEquals(1, s.value("retro278_store_reachable"));
    }

    @Test
    void lagsAreCountedInTheirBucketsOncePerAnswer() {
        AdapterMetrics m = metrics(Duration.ZERO);
        CensusScenario.play(store, clock);
        Scrape s = new Scrape(m.scrape());
        // PAYERB acknowledged C5 after 30 min; PAYERA acknowledged C4 after 2 h and decided it 26 h after sending
        assertEquals(1, s.value("retro278_acknowledgment_lag_seconds_count{payer=\"PAYERB\"}"));
        assertEquals(1800, s.value("retro278_acknowledgment_lag_seconds_sum{payer=\"PAYERB\"}"));
        assertEquals(0, s.value("retro278_acknowledgment_lag_seconds_bucket{payer=\"PAYERB\",le=\"900.0\"}"));
        assertEquals(1, s.value("retro278_acknowledgment_lag_seconds_bucket{payer=\"PAYERB\",le=\"1800.0\"}"));
        assertEquals(1, s.value("retro278_acknowledgment_lag_seconds_count{payer=\"PAYERA\"}"));
        assertEquals(7200, s.value("retro278_acknowledgment_lag_seconds_sum{payer=\"PAYERA\"}"));
        assertEquals(1, s.value("retro278_decision_lag_seconds_count{payer=\"PAYERA\"}"));
        assertEquals(26 * 3600, s.value("retro278_decision_lag_seconds_sum{payer=\"PAYERA\"}"));
        assertEquals(0, s.value("retro278_decision_lag_seconds_bucket{payer=\"PAYERA\",le=\"86400.0\"}"));
        assertEquals(1, s.value("retro278_decision_lag_seconds_bucket{payer=\"PAYERA\",le=\"172800.0\"}"));
        assertEquals(1, s.value("retro278_decision_lag_seconds_count{payer=\"PAYERB\"}"), "C6 denied without a 999");

        Scrape again = new Scrape(m.scrape());
        assertEquals(1, again.value("retro278_acknowledgment_lag_seconds_count{payer=\"PAYERB\"}"), "counted once");
    }

    @Test
    void theStoreIsAskedAtMostOncePerCacheTime() {
        AdapterMetrics cached = metrics(Duration.ofHours(1));
        AdapterMetrics fresh = metrics(Duration.ZERO);
        assertEquals(0, new Scrape(cached.scrape()).value("retro278_claims{state=\"READY\"}"));
        CensusScenario.play(store, clock);
        assertEquals(0, new Scrape(cached.scrape()).value("retro278_claims{state=\"READY\"}"), "within the cache time");
        assertEquals(1, new Scrape(fresh.scrape()).value("retro278_claims{state=\"READY\"}"));
    }

    @Test
    void aClosedStoreKeepsTheLastFiguresAndSaysSo() throws Exception {
        AdapterMetrics m = metrics(Duration.ZERO);
        CensusScenario.play(store, clock);
        assertEquals(1, new Scrape(m.scrape()).value("retro278_claims{state=\"SENT\"}"));
        store.close();
        Scrape s = new Scrape(m.scrape());
        assertEquals(0, s.value("retro278_store_reachable"));
        assertEquals(1, s.value("retro278_claims{state=\"SENT\"}"));
        store = TransactionStore.openH2(dir.resolve("other"), "", clock);
    }

    @Test
    void whatTheBeansDidIsCountedPerPartnerAndOutcome() {
        AdapterMetrics m = metrics(Duration.ZERO);
        Scrape before = new Scrape(m.scrape());
        assertEquals(0, before.value("retro278_claim_files_total{outcome=\"refused\",practice=\"P1\"}"), "shown from the start");
        assertEquals(0, before.value("retro278_uploads_failed_total{payer=\"PAYERB\"}"));
        assertEquals(0, before.value("retro278_status_bytes_total{practice=\"P1\"}"));
        m.statusFileUploaded("P1", 1_000);
        m.statusFileUploaded("P1", 234);
        m.claimFile("P1", "PROCESSED", 4, 1);
        m.claimFile("P1", "DUPLICATE", 0, 0);
        m.interchangeSent("PAYERA", 3);
        m.uploadFailed("PAYERB");
        m.responseFile("PAYERA", true, false, false, 3, 0);
        m.responseFile("PAYERA", true, false, true, 1, 2);
        m.responseFile("PAYERA", false, true, false, 0, 0);
        m.responseFile("PAYERA", false, false, true, 0, 0);
        Scrape s = new Scrape(m.scrape());
        assertEquals(1, s.value("retro278_claim_files_total{outcome=\"processed\",practice=\"P1\"}"));
        assertEquals(1, s.value("retro278_claim_files_total{outcome=\"duplicate\",practice=\"P1\"}"));
        assertEquals(4, s.value("retro278_claims_received_total{practice=\"P1\",result=\"ready\"}"));
        assertEquals(1, s.value("retro278_claims_received_total{practice=\"P1\",result=\"rejected\"}"));
        assertEquals(1, s.value("retro278_interchanges_sent_total{payer=\"PAYERA\"}"));
        assertEquals(3, s.value("retro278_claims_sent_total{payer=\"PAYERA\"}"));
        assertEquals(1, s.value("retro278_uploads_failed_total{payer=\"PAYERB\"}"));
        assertEquals(1_234, s.value("retro278_status_bytes_total{practice=\"P1\"}"));
        for (String outcome : List.of("applied", "reported", "duplicate", "refused")) {
            assertEquals(1, s.value("retro278_response_files_total{outcome=\"" + outcome + "\",payer=\"PAYERA\"}"), outcome);
        }
        assertEquals(4, s.value("retro278_response_answers_total{payer=\"PAYERA\",result=\"matched\"}"));
        assertEquals(2, s.value("retro278_response_answers_total{payer=\"PAYERA\",result=\"unmatched\"}"));
    }

    @Test
    void failedExchangesAreCountedPerRouteAndPartnerAndHandledOnesAreNot() throws Exception {
        AdapterMetrics m = metrics(Duration.ZERO);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutePolicyFactory(m.routeFailures());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:intake").routeId("intake-P1").throwException(new IllegalStateException("store down"));
                    from("direct:submit").routeId("submit-PAYERA").doTry().throwException(new IllegalStateException("upload"))
                            .doCatch(IllegalStateException.class).log("handled").end();
                    from("direct:deadlines").routeId("deadlines").log("tick");
                }
            });
            camel.start();
            for (int i = 0; i < 2; i++) {
                camel.createProducerTemplate().send("direct:intake", e -> { });
                camel.createProducerTemplate().send("direct:submit", e -> { });
            }
            camel.createProducerTemplate().send("direct:deadlines", e -> { });
            Scrape s = new Scrape(m.scrape());
            assertEquals(2, s.value("retro278_route_failures_total{partner=\"P1\",route=\"intake-P1\"}"));
            assertEquals(0, s.value("retro278_route_failures_total{partner=\"PAYERA\",route=\"submit-PAYERA\"}"));
            assertEquals(0, s.value("retro278_route_failures_total{partner=\"\",route=\"deadlines\"}"));
        }
    }

    @Test
    void reachabilityIsOneOrZeroPerPolledRoute() {
        AdapterMetrics m = metrics(Duration.ZERO);
        boolean[] reachable = {true};
        m.watchReachability("intake-P1", "P1", () -> reachable[0]);
        assertEquals(1, new Scrape(m.scrape()).value("retro278_partner_reachable{partner=\"P1\",route=\"intake-P1\"}"));
        reachable[0] = false;
        assertEquals(0, new Scrape(m.scrape()).value("retro278_partner_reachable{partner=\"P1\",route=\"intake-P1\"}"));
    }

    @Test
    void noLabelCarriesAnythingButIdsStatesAndOutcomes() {
        AdapterMetrics m = metrics(Duration.ZERO);
        CensusScenario.play(store, clock);
        m.claimFile("P1", "PROCESSED", 1, 0);
        String text = m.scrape();
        for (String line : text.split("\n")) {
            if (line.startsWith("retro278_")) {
                assertFalse(line.matches(".*\\bC\\d\\b.*"), "a claim id in " + line);
                assertTrue(line.matches("retro278_[a-z_]+(\\{[a-z_]+=\"[A-Za-z0-9_.+-]*\"(,[a-z_]+=\"[A-Za-z0-9_.+-]*\")*})? .*"), line);
            }
        }
    }

    @Test
    void routePartnersAreTheTemplateSuffix() {
        assertEquals("RIVERSIDE", RouteFailures.partnerOf("intake-RIVERSIDE"));
        assertEquals("PAYER-A", RouteFailures.partnerOf("responses-PAYER-A"));
        assertEquals("", RouteFailures.partnerOf("deadlines"));
    }
}
