package org.retro278.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Lists every test or test class that was skipped or aborted, with its reason, in {@code target/test-skips.txt}
 * (a line each, appended by every test JVM), so a run that skipped something says so in one place: Maven's own
 * count misses a class skipped as a whole in {@code @BeforeAll} and a test factory that made no tests.
 * Registered through {@code META-INF/services}.
 */
public final class SkipReport implements TestExecutionListener {

    private final List<String> lines = new ArrayList<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        add(test, "disabled", reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            add(test, "skipped", result.getThrowable().map(Throwable::getMessage).orElse("(no reason given)"));
        }
    }

    private synchronized void add(TestIdentifier test, String how, String reason) {
        lines.add(how + ": " + test.getLegacyReportingName() + " [" + test.getUniqueId() + "]: " + reason);
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (lines.isEmpty()) {
            return;
        }
        String dir = System.getProperty("retro278.project.dir");
        if (dir == null) {
            return;
        }
        try {
            Path target = Files.createDirectories(Path.of(dir, "target"));
            Files.write(target.resolve("test-skips.txt"), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("SkipReport: cannot write target/test-skips.txt: " + e);
        }
    }
}
