package org.retro278.sftp;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesFunction;

/**
 * Stands in for Camel's {@code {{env:NAME}}} / {@code {{env:NAME:default}}} placeholder function, so that
 * tests use the same endpoint URIs as an installation (secrets from environment variables) without
 * touching the real environment.
 */
final class FakeEnvironment implements PropertiesFunction {

    private final Map<String, String> variables;

    private FakeEnvironment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** Replaces the {@code env} function of {@code context} (before routes are added). */
    static void install(CamelContext context, Map<String, String> variables) {
        context.getPropertiesComponent().addPropertiesFunction(new FakeEnvironment(variables));
    }

    @Override
    public String getName() {
        return "env";
    }

    @Override
    public String apply(String remainder) {
        int colon = remainder.indexOf(':');
        String name = colon < 0 ? remainder : remainder.substring(0, colon);
        String value = variables.get(name);
        if (value == null && colon >= 0) {
            return remainder.substring(colon + 1);
        }
        return value;
    }
}
