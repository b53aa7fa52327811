package org.retro278.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.retro278.sftp.PasswordHash;

class PasswordHashCommandTest {

    private static Cli withStdin(String input, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return Cli.run(args);
        } finally {
            System.setIn(before);
        }
    }

    @Test
    void printsAHashOfTheFirstLineOfStandardInputAndNeverThePassword() {
        Cli r = withStdin("Tr0ub4dor&3\nignored\n", "password-hash");
        assertEquals(0, r.exit, r.toString());
        String line = r.out.strip();
        assertFalse(r.out.contains("Tr0ub4dor"), r.toString());
        assertTrue(PasswordHash.parse(line).matches("Tr0ub4dor&3"), line);
        assertFalse(PasswordHash.parse(line).matches("ignored"));
    }

    @Test
    void noPasswordIsAUsageError() {
        Cli r = withStdin("", "password-hash");
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("no password given"), r.toString());
        assertEquals("", r.out);
    }
}
