package org.retro278.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.retro278.testing.ProjectFiles;

/**
 * What some tests need from the machine beyond Java and Maven: the public X12 samples beside the project, a
 * real OpenSSH, PostgreSQL, Chromium. Where it is missing the test is skipped with a reason that says how to get it (and
 * {@link SkipReport} lists every skip in {@code target/test-skips.txt}); with {@code RETRO278_TEST_REQUIRE_ALL=true}
 * (what .ci/run sets) it fails instead, so CI never passes by running nothing.
 */
public final class Needs {

    /** System property or environment variable that turns a missing requirement into a failure. */
    public static final String REQUIRE_ALL = "RETRO278_TEST_REQUIRE_ALL";

    private Needs() {
    }

    public static boolean requireAll() {
        String v = System.getProperty(REQUIRE_ALL);
        if (v == null || v.isBlank()) {
            v = System.getenv(REQUIRE_ALL);
        }
        return Boolean.parseBoolean(v);
    }

    /** Skips (or fails, see {@link #REQUIRE_ALL}) unless {@code present}. */
    public static void need(boolean present, String missing, String howToGet) {
        if (present) {
            return;
        }
        String why = missing + " (" + howToGet + ")";
        if (requireAll()) {
            Assertions.fail(REQUIRE_ALL + " is set but " + why);
        }
        Assumptions.abort("skipped: " + why);
    }

    /** The folder of public X12 samples ({@code ../shared/x12-samples}, or {@code RETRO278_SHARED_DIR}). */
    public static Path publicSamples() {
        Path dir = ProjectFiles.sharedDir().resolve("x12-samples");
        need(Files.isRegularFile(dir.resolve("stupidedi-278-req-referral.x12")), "the public X12 samples are not at " + dir,
                "put the shared folder beside the project as ../shared, or set RETRO278_SHARED_DIR");
        return dir;
    }

    /** A file of the shared folder. */
    public static Path shared(String relative) {
        Path f = ProjectFiles.sharedDir().resolve(relative);
        need(Files.exists(f), f + " is not here", "put the shared folder beside the project as ../shared, or set RETRO278_SHARED_DIR");
        return f;
    }

    /** Debian's Chromium and its driver ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}), for a browser test. */
    public static Path chromium(Path program) {
        need(Files.isExecutable(program), "Chromium's " + program + " is not installed",
                "run .ci/chromium.sh (Debian: chromium, chromium-driver)");
        return program;
    }

    /** An OpenSSH program ({@code /usr/sbin/sshd}, {@code /usr/bin/sftp}, ...). */
    public static Path openSsh(Path program) {
        need(Files.isExecutable(program), "OpenSSH's " + program + " is not installed", "run .ci/openssh.sh (Debian: openssh-server, openssh-client)");
        return program;
    }
}
