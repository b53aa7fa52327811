package org.retro278.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test (or the test class, for what its set-up and tear-down logged) during which a log event
 * showed a fixture's PHI or a secret. Registered for every test through {@code META-INF/services} and
 * {@code junit.jupiter.extensions.autodetection.enabled}.
 */
public final class PhiScanCheck implements AfterEachCallback, AfterAllCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        check();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check();
    }

    private static void check() {
        if (!PhiScan.ENABLED) {
            return;
        }
        List<String> hits = PhiScan.drain();
        if (!hits.isEmpty()) {
            throw new AssertionError("the log showed PHI or a secret of the fixtures (" + hits.size() + " event(s)):\n"
                    + String.join("\n", hits.subList(0, Math.min(20, hits.size()))));
        }
    }
}
