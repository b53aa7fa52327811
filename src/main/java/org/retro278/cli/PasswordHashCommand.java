package org.retro278.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.retro278.sftp.PasswordHash;
import picocli.CommandLine.Command;

/**
 * {@code password-hash}: reads a password (twice, without echo, on a terminal; the first line of standard
 * input otherwise) and prints its {@link PasswordHash} for a partner file's {@code sftp.account.passwordHash}.
 * The password itself is never printed, logged or kept.
 */
@Command(name = "password-hash",
        header = "Print the hash of a partner's SFTP password for its partner file.",
        description = {"Reads the password twice without echo on a terminal, or the first line of standard input"
                + " (printf '%s' \"$PW\" | retro278 password-hash), and prints pbkdf2-sha256$...: put it in the"
                + " practice's or payer's sftp.account.passwordHash (host: embedded). Exit 2 when no password was given"
                + " or the two differ."})
public final class PasswordHashCommand extends Subcommand {

    @Override
    public Integer call() throws IOException {
        PrintWriter out = out();
        PrintWriter err = err();
        char[] password = null;
        try {
            Console console = System.console();
            if (console != null) {
                password = console.readPassword("SFTP password: ");
                char[] again = console.readPassword("Again: ");
                boolean same = password != null && Arrays.equals(password, again);
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
                if (!same) {
                    err.println("retro278: the two passwords differ; nothing printed");
                    return Retro278.USAGE;
                }
            } else {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                password = line == null ? null : line.toCharArray();
            }
            if (password == null || password.length == 0) {
                err.println("retro278: no password given (type it, or pipe it on standard input)");
                return Retro278.USAGE;
            }
            out.println(PasswordHash.of(password).text());
            return Retro278.OK;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }
}
