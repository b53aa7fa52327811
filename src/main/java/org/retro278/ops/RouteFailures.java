package org.retro278.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Counts the exchanges each route failed ({@code retro278_route_failures_total{route, partner}}): a claim file
 * intake could not finish, a submission tick or a response file that failed. What camel-micrometer's route
 * policy would count (it is not served for this Camel version), done with Camel's own route policy SPI. A
 * failure a route handles itself (an upload caught by doCatch) is not one: it is counted where it is handled.
 */
final class RouteFailures implements RoutePolicyFactory {

    static final String METRIC = "retro278.route.failures";

    private final MeterRegistry registry;

    RouteFailures(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camel, String routeId, NamedNode route) {
        // made with the route, so every route shows 0 before its first failure (rate() and increase() see the first)
        Counter failures = Counter.builder(METRIC).description("exchanges the route failed")
                .tag("route", routeId).tag("partner", partnerOf(routeId)).register(registry);
        return new RoutePolicySupport() {
            @Override
            public void onExchangeDone(Route r, Exchange exchange) {
                if (exchange.isFailed()) {
                    failures.increment();
                }
            }
        };
    }

    /** The partner of a route made from a template: its id is {@code <kind>-<partner id>} (Adapter); none for the others. */
    static String partnerOf(String routeId) {
        int dash = routeId == null ? -1 : routeId.indexOf('-');
        return dash < 0 ? "" : routeId.substring(dash + 1);
    }
}
