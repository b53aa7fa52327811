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

    /** The outcomes of a real-time call ({@link Activity#realTimeCall}). */
    static final String[] REAL_TIME_OUTCOMES = {"answered", "envelope_error", "no_answer", "not_sent"};

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
                counter(Count.CLAIM_FILES, practice, outcome);
            }
            counter(Count.CLAIMS_RECEIVED, practice, "ready");
            counter(Count.CLAIMS_RECEIVED, practice, "rejected");
            counter(Count.STATUS_BYTES, practice);
        }
        for (String payer : payerIds) {
            Gauge.builder("retro278.claims.overdue", this, m -> m.overdue(payer))
                    .description("claims whose payer's acknowledgment or decision is late (OVERDUE)").tag("payer", payer)
                    .register(registry);
            counter(Count.INTERCHANGES_SENT, payer);
            counter(Count.CLAIMS_SENT, payer);
            counter(Count.UPLOADS_FAILED, payer);
            for (String outcome : REAL_TIME_OUTCOMES) {
                counter(Count.REAL_TIME_CALLS, payer, outcome);
            }
            for (String outcome : new String[] {"applied", "reported", "duplicate", "refused"}) {
                counter(Count.RESPONSE_FILES, payer, outcome);
            }
            counter(Count.ANSWERS, payer, "matched");
            counter(Count.ANSWERS, payer, "unmatched");
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
        counter(Count.CLAIM_FILES, practiceId, outcome.toLowerCase(Locale.ROOT)).increment();
        counter(Count.CLAIMS_RECEIVED, practiceId, "ready").increment(ready);
        counter(Count.CLAIMS_RECEIVED, practiceId, "rejected").increment(rejected);
    }

    @Override
    public void interchangeSent(String payerId, int claims) {
        counter(Count.INTERCHANGES_SENT, payerId).increment();
        counter(Count.CLAIMS_SENT, payerId).increment(claims);
    }

    @Override
    public void uploadFailed(String payerId) {
        counter(Count.UPLOADS_FAILED, payerId).increment();
    }

    @Override
    public void realTimeCall(String payerId, String outcome) {
        counter(Count.REAL_TIME_CALLS, payerId, outcome).increment();
    }

    @Override
    public void statusFileUploaded(String practiceId, long bytes) {
        counter(Count.STATUS_BYTES, practiceId).increment(bytes);
    }

    @Override
    public void responseFile(String payerId, boolean applied, boolean duplicate, boolean reported, int matched, int unmatched) {
        String outcome = duplicate ? "duplicate" : !applied ? "refused" : reported ? "reported" : "applied";
        counter(Count.RESPONSE_FILES, payerId, outcome).increment();
        counter(Count.ANSWERS, payerId, "matched").increment(matched);
        counter(Count.ANSWERS, payerId, "unmatched").increment(unmatched);
    }

    // ---------------------------------------------------------------------------------- the meters, one place each

    /** The counters: Prometheus name (before {@code _total}), what it counts, its labels' names. */
    private enum Count {
        CLAIM_FILES("retro278.claim.files", "claim files read, per practice and outcome", "practice", "outcome"),
        CLAIMS_RECEIVED("retro278.claims.received", "claims taken in, ready to send or rejected locally", "practice", "result"),
        INTERCHANGES_SENT("retro278.interchanges.sent", "interchanges delivered to the payer's gateway", "payer"),
        CLAIMS_SENT("retro278.claims.sent", "claims sent in those interchanges", "payer"),
        UPLOADS_FAILED("retro278.uploads.failed", "uploads to the payer's gateway that failed (retried)", "payer"),
        REAL_TIME_CALLS("retro278.realtime.calls", "real-time calls to the payer's CORE gateway, per outcome", "payer", "outcome"),
        RESPONSE_FILES("retro278.response.files", "response files read, per payer and outcome", "payer", "outcome"),
        ANSWERS("retro278.response.answers", "answers in response files, matched to a claim or not", "payer", "result"),
        STATUS_BYTES("retro278.status.bytes", "status-file bytes uploaded to the practice's outbox", "practice");

        final String metric;
        final String description;
        final String[] labels;

        Count(String metric, String description, String... labels) {
            this.metric = metric;
            this.description = description;
            this.labels = labels;
        }
    }

    /** The counter with these label values (in the order of its labels), registered at first use. */
    private Counter counter(Count c, String... values) {
        Counter.Builder b = Counter.builder(c.metric).description(c.description);
        for (int i = 0; i < c.labels.length; i++) {
            b.tag(c.labels[i], values[i] == null ? "" : values[i]);
        }
        return b.register(registry);
    }

    private Timer lag(ClaimCensus.AnswerKind kind, String payer) {
        boolean decision = kind == ClaimCensus.AnswerKind.DECISION;
        return Timer.builder(decision ? "retro278.decision.lag" : "retro278.acknowledgment.lag")
                .description(decision ? "from sending a claim to the payer's decision" : "from sending a claim to its acknowledgment")
                .serviceLevelObjectives(decision ? DECISION_BUCKETS : ACKNOWLEDGMENT_BUCKETS)
                .tag("payer", payer == null ? "" : payer).register(registry);
    }
}
