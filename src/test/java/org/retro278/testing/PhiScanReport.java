package org.retro278.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Appends one line per test JVM to {@code target/phi-scan.txt} (events scanned, values searched, hits), and
 * each hit after it, so that a run states what the scan saw. Registered through {@code META-INF/services}.
 */
public final class PhiScanReport implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (!PhiScan.ENABLED) {
            return;
        }
        List<String> hits = PhiScan.hits();
        List<String> lines = new ArrayList<>();
        lines.add("phi scan: " + PhiScan.events() + " log events scanned for " + PhiScan.values() + " fixture values, "
                + hits.size() + " hit(s) [pid " + ProcessHandle.current().pid() + "]; busiest: " + PhiScan.busiest(6));
        hits.forEach(h -> lines.add("  " + h));
        try {
            Path target = Path.of(System.getProperty("retro278.project.dir", ".")).resolve("target");
            Files.createDirectories(target);
            Files.write(target.resolve("phi-scan.txt"), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("phi scan: cannot write target/phi-scan.txt: " + e);
        }
    }
}
