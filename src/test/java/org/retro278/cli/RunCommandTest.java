package org.retro278.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code run}'s options that are checked before anything starts. */
class RunCommandTest {

    @Test
    void aMomentThatIsNotOneIsAUsageErrorInWords() {
        Cli r = Cli.run("run", "--as-of", "soon");
        assertEquals(2, r.exit, r.toString());
        assertEquals("run: --as-of 'soon' is not YYYY-MM-DD[THH:MM[:SS]]\n", r.err.replace("\r\n", "\n"));
    }
}
