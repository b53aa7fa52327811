package org.retro278.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.retro278.config.ConfigurationException;
import org.retro278.config.RuntimeSettings;
import org.retro278.sftp.Secrets;

/**
 * The demo's way into the operator's console: the demo's installation names a token variable
 * ({@code retro278.management.tokenEnv}); when the environment sets it, that is the login, never printed; when it does
 * not, a random token is made for this run of the demo only and printed beside the console's address, so a newcomer
 * can log in.
 *
 * @param variable       the token's variable, or {@code null} when the demo's installation names none
 * @param madeForThisRun the token made for this run, or {@code null} when the environment has one
 * @param secrets        the environment, with the token made for this run when there is one
 */
record DemoConsole(String variable, String madeForThisRun, Secrets secrets) {

    static DemoConsole prepare(Path config, Secrets environment) throws ConfigurationException {
        String variable = RuntimeSettings.load(config.resolve("application.properties")).management().tokenEnv();
        if (variable == null || environment.lookup(variable).isPresent()) {
            return new DemoConsole(variable, null, environment);
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        return new DemoConsole(variable, token,
                name -> name.equals(variable) ? Optional.of(token) : environment.lookup(name));
    }

    /** Where the console is, and how to log in. */
    void print(PrintWriter out, Optional<URI> console) {
        if (console.isEmpty()) {
            out.println("console: not served (the management port is off or taken, or has no token; docs/operations.md)");
            return;
        }
        out.printf("console on %s: log in with %s%n", console.get(), madeForThisRun == null
                ? "the token in $" + variable : "the token " + madeForThisRun + " (made for this run; set " + variable
                + " to choose one)");
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "DemoConsole[" + variable + "]";
    }
}
