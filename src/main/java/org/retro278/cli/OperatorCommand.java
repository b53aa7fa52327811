package org.retro278.cli;

import java.io.PrintWriter;
import java.time.Clock;
import org.retro278.store.OperatorView;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the operator's reading commands ({@code status}, {@code claim}) share: the installed store, read while
 * {@code run} holds it, {@code --limit} and {@code --json}. A command checks its options, then shows what it finds.
 */
abstract class OperatorCommand extends StoreCommand {

    static final int MAX_LIMIT = 1000;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "At most N rows in each list shown: claims, files, interchanges (default: ${DEFAULT-VALUE}; 1-"
                    + MAX_LIMIT + ").")
    int limit;

    @Mixin
    JsonOutput json = new JsonOutput();

    /** What is wrong with the options, as the command says it, or {@code null}; checked before the store is opened. */
    abstract String usage();

    /** Shows what the store holds for the options on {@code out}; the exit code. */
    abstract int show(OperatorView view, PrintWriter out, PrintWriter err) throws Exception;

    @Override
    public final Integer call() throws Exception {
        String usage = usage();
        if (usage == null && (limit < 1 || limit > MAX_LIMIT)) {
            usage = "--limit " + limit + " is not from 1 to " + MAX_LIMIT;
        }
        if (usage != null) {
            return usageError(usage);
        }
        return withStore(Clock.systemUTC(), store -> {
            int exit = show(store.operatorView(), out(), err());
            out().flush();
            return exit;
        });
    }
}
