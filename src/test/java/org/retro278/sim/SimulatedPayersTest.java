package org.retro278.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.ProjectFiles;
import org.retro278.testing.TestClock;
import org.retro278.x12.response.ResponseFile;
import org.retro278.x12.response.ResponseReader;
import org.retro278.x12.response.ReviewResponse;

class SimulatedPayersTest {

    @TempDir
    Path dir;

    @Test
    void aPendedRequestGetsItsFinalDecisionEvenWhenTheGatewayClearedItsInbound() throws Exception {
        Path inbound = Files.createDirectories(dir.resolve("inbound"));
        Path outbound = dir.resolve("outbound");
        Path request = inbound.resolve("req.x12");
        Files.copy(ProjectFiles.path("src/test/resources/golden/convert/riverside-2026-11-15.PAYERA.000000001.x12"), request);
        TestClock clock = TestClock.stoppedAt(Instant.parse("2026-11-15T10:00:00Z"));
        SimulatedPayers sim = new SimulatedPayers(List.of(new SimulatedPayers.Payer("PAYERA", inbound, outbound)),
                r -> PayerSimulator.Decision.PENDED, Duration.ofSeconds(10), clock);
        try {
            sim.sweep();
            assertEquals(List.of("req.278.x12", "req.999.x12", "req.ta1.x12"), names(outbound));
            // the pended answers are valid 278 responses that name the documents the payer wants
            try (var in = Files.newInputStream(outbound.resolve("req.278.x12"))) {
                ResponseFile read = ResponseReader.create().read(in);
                assertEquals(List.of(), read.problems());
                assertEquals(3, read.documents().size());
                for (var d : read.documents()) {
                    var r = (ReviewResponse) d;
                    assertEquals(List.of(), r.problems());
                    assertEquals(List.of("OB"), r.documentsRequested().stream().map(x -> x.type().code()).toList());
                }
            }
            Files.delete(request);
            clock.advance(Duration.ofSeconds(11));
            sim.sweep();
            assertEquals(List.of("req.278.x12", "req.999.x12", "req.final.278.x12", "req.ta1.x12"), names(outbound));
            String last = Files.readString(outbound.resolve("req.final.278.x12"));
            assertTrue(last.contains("BHT*0007*11*"), "a 278 response");
        } finally {
            sim.close();
        }
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
