package org.retro278.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.retro278.store.ClaimCensus;

/**
 * Whether the adapter is alive and whether it can do its work ({@code /health/live}, {@code /health/ready}).
 * Alive: its routes' context runs. Ready: the store answers (within the probe's time), every route is started,
 * and every partner's folder could be read at its route's last poll (a route that has not polled yet counts as
 * reading). The report names checks, route ids and partner ids only: no host, no error text, nothing about a
 * patient.
 */
public final class HealthChecks {

    /** A route that polls a partner's folder over SFTP. */
    record PolledRoute(String routeId, String partnerId) {
    }

    /** One check: its name, whether it passed, and ids that say what failed. */
    public record Check(String name, boolean up, Map<String, Object> detail) {
        public Check {
            detail = Map.copyOf(detail);
        }
    }

    /** What a health request answers: up only when every check is. */
    public record Report(List<Check> checks) {
        public Report {
            checks = List.copyOf(checks);
        }

        public boolean up() {
            return checks.stream().allMatch(Check::up);
        }

        /** The JSON body: {@code {"status":"UP|DOWN","checks":{name:{"status":...,detail...}}}}. */
        Map<String, Object> body() {
            Map<String, Object> all = new LinkedHashMap<>();
            for (Check c : checks) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("status", c.up() ? "UP" : "DOWN");
                one.putAll(new TreeMap<>(c.detail()));
                all.put(c.name(), one);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", up() ? "UP" : "DOWN");
            body.put("checks", all);
            return body;
        }
    }

    private final CamelContext camel;
    private final ClaimCensus census;
    private final StoreProbe probe;
    private final Predicate<String> pollFailing;

    /** @param pollFailing whether the last poll of the route with this id failed (sftp.SftpPollFailures) */
    HealthChecks(CamelContext camel, ClaimCensus census, StoreProbe probe, Predicate<String> pollFailing) {
        this.camel = camel;
        this.census = census;
        this.probe = probe;
        this.pollFailing = pollFailing;
    }

    /** The routes that poll a partner's folder over SFTP (intake and responses), by their consumer's endpoint. */
    static List<PolledRoute> polledRoutes(CamelContext camel) {
        List<PolledRoute> out = new ArrayList<>();
        for (Route r : camel.getRoutes()) {
            if (r.getEndpoint() != null && r.getEndpoint().getEndpointUri().startsWith("sftp:")) {
                out.add(new PolledRoute(r.getRouteId(), RouteFailures.partnerOf(r.getRouteId())));
            }
        }
        return out;
    }

    /** Whether the last poll of this route could read its partner's folder. */
    boolean reachable(String routeId) {
        return !pollFailing.test(routeId);
    }

    /** Alive: the routes' context is started (it is not when it failed or was stopped under the adapter). */
    public Report live() {
        ServiceStatus s = camel.getStatus();
        return new Report(List.of(new Check("routes", s.isStarted(), Map.of("context", s.name()))));
    }

    /** Ready: store, routes and partners. */
    public Report ready() {
        boolean store = probe.ask("asking whether the store answers", () -> {
            census.ping();
            return true;
        }).orElse(false);
        List<String> notStarted = new ArrayList<>();
        for (Route r : camel.getRoutes()) {
            ServiceStatus s = camel.getRouteController().getRouteStatus(r.getRouteId());
            if (s == null || !s.isStarted()) {
                notStarted.add(r.getRouteId());
            }
        }
        boolean contextStarted = camel.getStatus().isStarted();
        List<Map<String, String>> unreachable = new ArrayList<>();
        for (PolledRoute p : polledRoutes(camel)) {
            if (!reachable(p.routeId())) {
                unreachable.add(Map.of("route", p.routeId(), "partner", p.partnerId()));
            }
        }
        return new Report(List.of(
                new Check("store", store, Map.of()),
                new Check("routes", contextStarted && notStarted.isEmpty(),
                        Map.of("started", camel.getRoutes().size() - notStarted.size(), "notStarted", notStarted)),
                new Check("partners", unreachable.isEmpty(), Map.of("unreachable", unreachable))));
    }
}
