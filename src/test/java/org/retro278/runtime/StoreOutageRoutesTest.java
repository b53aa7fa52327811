package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.sql.SQLException;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.retro278.store.StoreException;

/** A route failing because the store cannot be reached still fails, but Camel does not log it; other failures it does. */
class StoreOutageRoutesTest {

    private static List<ILoggingEvent> failuresLogged(String sqlState, boolean[] failed) throws Exception {
        try (CamelContext camel = new DefaultCamelContext(); LogCapture log = new LogCapture()) {
            camel.addRoutes(new StoreOutageRoutes());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:work").routeId("work").process(x -> {
                        throw new StoreException("listing interchanges in SENDING", new SQLException("driver words", sqlState));
                    });
                }
            });
            camel.start();
            Exchange x = camel.createProducerTemplate().send("direct:work", e -> { });
            failed[0] = x.isFailed();
            assertInstanceOf(StoreException.class, x.getException());
            return log.events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .filter(e -> e.getLoggerName().startsWith("org.apache.camel")).toList();
        }
    }

    @Test
    void anUnreachableStoreFailsTheExchangeWithoutCamelLoggingIt() throws Exception {
        boolean[] failed = {false};
        List<ILoggingEvent> logged = failuresLogged("08006", failed);
        assertTrue(failed[0], "the exchange fails: a file being read stays for the next poll");
        assertEquals(List.of(), logged.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    @Test
    void anyOtherStoreFailureIsLoggedByCamelAsBefore() throws Exception {
        boolean[] failed = {false};
        List<ILoggingEvent> logged = failuresLogged("23505", failed);
        assertTrue(failed[0]);
        assertFalse(logged.isEmpty(), "a constraint refusal is not an outage: Camel's error handler logs it");
    }
}
