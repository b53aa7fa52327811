package org.retro278.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.camel.spi.RoutePolicyFactory;
import org.retro278.store.ClaimCensus;
import org.retro278.store.ClaimState;

/**
 * The adapter's metrics, in Prometheus' text format ({@link #scrape()}, {@code /metrics}): counters of what the
 * beans did ({@link Activity}), claims per state and overdue claims per payer, how long payers take to
 * acknowledge and to decide (histograms), failures per route ({@link RouteFailures}) and whether each partner's
 * folder could be read at the last poll. The store is asked at a scrape, at most once per {@code cacheFor}
 * (claims per state is a grouped count; the answers are read from the history since the last look, on its
 * primary key), so scraping often costs the store nothing more. Labels are partner ids, route ids, states and
 * outcomes only: nothing about a patient.
 */
public final class AdapterMetrics implements Activity {

    static final Duration[] ACKNOWLEDGMENT_BUCKETS = {Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8),
            Duration.ofHours(24)};
    static final Duration[] DECISION_BUCKETS = {Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(8), Duration.ofDays(1),
            Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(30)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ClaimCensus census;
    private final StoreProbe probe;
    private final long cacheForNanos;
    private ClaimCensus.Count count = new ClaimCensus.Count(Map.of(), Map.of());
    private boolean storeAnswered;
    private long countedAtNanos;
    private boolean counted;
    private long lastEvent = -1;

    /**
     * @param practiceIds and {@code payerIds}: the partners whose counters show 0 from the start (a counter that
     *                    appears only at its first increment hides that increment from {@code increase()})
     */
    AdapterMetrics(ClaimCensus census, StoreProbe probe, Duration cacheFor, Collection<String> practiceIds,
                   Collection<String> payerIds) {
        this.census = census;
        this.probe = probe;
        this.cacheForNanos = cacheFor.toNanos();
        // the histograms count the answers from the adapter's start on
        this.lastEvent = probe.ask("reading the end of the history", census::lastEventId).orElse(-1L);
        for (ClaimState s : ClaimState.values()) {
            Gauge.builder("retro278.claims", this, m -> m.claims(s)).description("claims in the store, per state")
                    .tag("state", s.name()).register(registry);
        }
        Gauge.builder("retro278.store.reachable", this, m -> m.storeAnswered ? 1 : 0)
                .description("1 when the store answered at the last look, else 0").register(registry);
        for (String practice : practiceIds) {
            for (String outcome : new String[] {"processed", "refused", "duplicate"}) {
                claimFiles(practice, outcome);
            }
            claimsReceived(practice, "ready");
            claimsReceived(practice, "rejected");
        }
        for (String payer : payerIds) {
            Gauge.builder("retro278.claims.overdue", this, m -> m.overdue(payer))
                    .description("claims whose payer's acknowledgment or decision is late (OVERDUE)").tag("payer", payer)
                    .register(registry);
            interchangesSent(payer);
            claimsSent(payer);
            uploadsFailed(payer);
            for (String outcome : new String[] {"applied", "reported", "duplicate", "refused"}) {
                responseFiles(payer, outcome);
            }
            answers(payer, "matched");
            answers(payer, "unmatched");
            lag(ClaimCensus.AnswerKind.ACKNOWLEDGMENT, payer);
            lag(ClaimCensus.AnswerKind.DECISION, payer);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The route policy that counts each route's failed exchanges: add it to the CamelContext before its routes start. */
    RoutePolicyFactory routeFailures() {
        return new RouteFailures(registry);
    }

    /**
     * Shows whether a route that polls a partner's folder could read it at its last poll (1) or not (0). Held
     * strongly: a gauge otherwise lets its state go, and shows NaN once the collector took it.
     */
    void watchReachability(String routeId, String partnerId, BooleanSupplier reachable) {
        Gauge.builder("retro278.partner.reachable", reachable, r -> r.getAsBoolean() ? 1 : 0)
                .description("1 when the route could read the partner's folder at its last poll, else 0")
                .tag("route", routeId).tag("partner", partnerId).strongReference(true).register(registry);
    }

    /** Every metric in Prometheus' text format, the store's figures brought up to date first when older than the cache time. */
    public synchronized String scrape() {
        long now = System.nanoTime();
        if (!counted || now - countedAtNanos >= cacheForNanos) {
            lookAtTheStore();
            countedAtNanos = now;
            counted = true;
        }
        return registry.scrape();
    }

    /** The content type of {@link #scrape()}. */
    static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    private void lookAtTheStore() {
        if (lastEvent < 0) {
            lastEvent = probe.ask("reading the end of the history", census::lastEventId).orElse(-1L);
        } else {
            long from = lastEvent;
            lastEvent = probe.ask("reading answers", () -> census.answersAfter(from, a -> lag(a.kind(), a.payerId())
                    .record(a.afterSending()))).orElse(from);
        }
        Optional<ClaimCensus.Count> c = probe.ask("counting claims per state", census::count);
        c.ifPresent(n -> count = n);
        storeAnswered = c.isPresent();
    }

    private double claims(ClaimState state) {
        return count.byState().getOrDefault(state, 0L);
    }

    private double overdue(String payer) {
        return count.overdueByPayer().getOrDefault(payer, 0L);
    }

    // ---------------------------------------------------------------------------------- what the beans did

    @Override
    public void claimFile(String practiceId, String outcome, int ready, int rejected) {
        claimFiles(practiceId, outcome.toLowerCase(Locale.ROOT)).increment();
        claimsReceived(practiceId, "ready").increment(ready);
        claimsReceived(practiceId, "rejected").increment(rejected);
    }

    @Override
    public void interchangeSent(String payerId, int claims) {
        interchangesSent(payerId).increment();
        claimsSent(payerId).increment(claims);
    }

    @Override
    public void uploadFailed(String payerId) {
        uploadsFailed(payerId).increment();
    }

    @Override
    public void responseFile(String payerId, boolean applied, boolean duplicate, boolean reported, int matched, int unmatched) {
        String outcome = duplicate ? "duplicate" : !applied ? "refused" : reported ? "reported" : "applied";
        responseFiles(payerId, outcome).increment();
        answers(payerId, "matched").increment(matched);
        answers(payerId, "unmatched").increment(unmatched);
    }

    // ---------------------------------------------------------------------------------- the meters, one place each

    private Counter claimFiles(String practice, String outcome) {
        return Counter.builder("retro278.claim.files").description("claim files read, per practice and outcome")
                .tag("practice", practice).tag("outcome", outcome).register(registry);
    }

    private Counter claimsReceived(String practice, String result) {
        return Counter.builder("retro278.claims.received").description("claims taken in, ready to send or rejected locally")
                .tag("practice", practice).tag("result", result).register(registry);
    }

    private Counter interchangesSent(String payer) {
        return Counter.builder("retro278.interchanges.sent").description("interchanges delivered to the payer's gateway")
                .tag("payer", payer).register(registry);
    }

    private Counter claimsSent(String payer) {
        return Counter.builder("retro278.claims.sent").description("claims sent in those interchanges")
                .tag("payer", payer).register(registry);
    }

    private Counter uploadsFailed(String payer) {
        return Counter.builder("retro278.uploads.failed").description("uploads to the payer's gateway that failed (retried)")
                .tag("payer", payer).register(registry);
    }

    private Counter responseFiles(String payer, String outcome) {
        return Counter.builder("retro278.response.files").description("response files read, per payer and outcome")
                .tag("payer", payer).tag("outcome", outcome).register(registry);
    }

    private Counter answers(String payer, String result) {
        return Counter.builder("retro278.response.answers").description("answers in response files, matched to a claim or not")
                .tag("payer", payer).tag("result", result).register(registry);
    }

    private Timer lag(ClaimCensus.AnswerKind kind, String payer) {
        boolean decision = kind == ClaimCensus.AnswerKind.DECISION;
        return Timer.builder(decision ? "retro278.decision.lag" : "retro278.acknowledgment.lag")
                .description(decision ? "from sending a claim to the payer's decision" : "from sending a claim to its acknowledgment")
                .serviceLevelObjectives(decision ? DECISION_BUCKETS : ACKNOWLEDGMENT_BUCKETS)
                .tag("payer", payer == null ? "" : payer).register(registry);
    }
}
