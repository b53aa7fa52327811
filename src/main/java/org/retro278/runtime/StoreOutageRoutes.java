package org.retro278.runtime;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.retro278.store.StoreException;

/**
 * The route configuration every route takes: a failure because the store's server cannot be reached is said once
 * per outage by the store itself (one line per kind of failure, and one when it answers again), so Camel does not
 * log it again at every tick of every route with its message history and stack trace. The failure is not handled:
 * the exchange still fails, so a file being read stays where it is for the next poll and the failure is counted.
 * Every other failure is logged by Camel as before.
 */
final class StoreOutageRoutes extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration() // no id: every route takes it
                .onException(StoreException.class)
                .onWhen(StoreOutageRoutes::storeUnreachable)
                .handled(false)
                .logExhausted(false)
                .logStackTrace(false)
                .logExhaustedMessageHistory(false)
                .logRetryAttempted(false);
    }

    /** Whether the exchange failed because the store's server cannot be reached. */
    static boolean storeUnreachable(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StoreException s && s.unreachable()) {
                return true;
            }
        }
        return false;
    }
}
