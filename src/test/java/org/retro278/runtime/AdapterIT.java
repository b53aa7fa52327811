package org.retro278.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.sftp.embedded.SftpServerExtension;

/**
 * What every adapter integration test starts from: an embedded SFTP server with the shipped partners'
 * accounts (one per test class, emptied before each test), a temporary folder per test, and through
 * {@link #harness()} an installation whose store lives in that folder and whose clock is pinned to the
 * samples ({@link org.retro278.testing.TestClock#forSamples()}) unless the test sets another.
 */
abstract class AdapterIT {

    /** How long a test waits for something the adapter does by itself. */
    static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final SftpServerExtension SFTP = SftpServerExtension.builder().keyAccount(AdapterHarness.ACCOUNTS).build();

    @TempDir
    Path tmp;

    /** The shipped configuration pointed at {@link #SFTP}, its store and work folder under {@link #tmp}. */
    AdapterHarness harness() throws IOException {
        return new AdapterHarness(SFTP, tmp);
    }
}
