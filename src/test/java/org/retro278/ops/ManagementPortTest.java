package org.retro278.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.config.ConfigurationException;
import org.retro278.config.RuntimeSettings.Management;
import org.retro278.sftp.Secrets;
import org.retro278.store.TransactionStore;
import org.retro278.testing.TestClock;

/** How the adapter opens its management port: off, a port in use, the token's variable. */
class ManagementPortTest {

    @TempDir
    Path dir;
    private TransactionStore store;
    private CamelContext camel;

    @BeforeEach
    void open() throws Exception {
        store = TransactionStore.openH2(dir, "", TestClock.stoppedAt(TestClock.SAMPLES_AS_OF.atZone(TestClock.ZONE).toInstant()));
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void close() throws Exception {
        camel.close();
        store.close();
    }

    private ManagementPort port(Management settings) {
        return ManagementPort.prepare(settings, store, List.of("P1"), List.of("PAYERA"));
    }

    @Test
    void offCountsNothingAndServesNothing() throws Exception {
        try (ManagementPort p = port(new Management("127.0.0.1", null, true, null))) {
            assertSame(Activity.NONE, p.activity());
            p.open(camel, r -> false, Secrets.of(Map.of()), null);
            assertTrue(p.address().isEmpty());
        }
    }

    @Test
    void aConfiguredPortInUseStopsTheStartTheDefaultOneIsOnlyWarnedAbout() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            try (ManagementPort p = port(new Management("127.0.0.1", taken.getLocalPort(), true, null))) {
                ConfigurationException e = assertThrows(ConfigurationException.class,
                        () -> p.open(camel, r -> false, Secrets.of(Map.of()), null));
                assertTrue(e.getMessage().startsWith("retro278.management.port: 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            }
            try (ManagementPort p = port(new Management("127.0.0.1", taken.getLocalPort(), false, null))) {
                p.open(camel, r -> false, Secrets.of(Map.of()), null);
                assertTrue(p.address().isEmpty());
            }
        }
    }

    @Test
    void aTokenComesFromItsVariableWhichMustBeSetAndStrong() throws Exception {
        Management withToken = new Management("127.0.0.1", 0, true, "OPS_TOKEN");
        try (ManagementPort p = port(withToken)) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> p.open(camel, r -> false, Secrets.of(Map.of()), null));
            assertEquals("retro278.management.tokenEnv: the environment variable OPS_TOKEN is not set", e.getMessage());
        }
        try (ManagementPort p = port(withToken)) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> p.open(camel, r -> false, Secrets.of(Map.of("OPS_TOKEN", "short")), null));
            assertTrue(e.getMessage().contains("at least 16"), e.getMessage());
            assertTrue(!e.getMessage().contains("short"), "the token is never repeated: " + e.getMessage());
        }
        try (ManagementPort p = port(withToken)) {
            p.open(camel, r -> false, Secrets.of(Map.of("OPS_TOKEN", "a-long-enough-token-1234")), null);
            assertTrue(p.address().orElseThrow().getPort() > 0);
        }
    }
}
