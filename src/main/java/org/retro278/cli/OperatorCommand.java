package org.retro278.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.retro278.store.OperatorView;
import org.retro278.store.StoreException;
import org.retro278.store.TransactionStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the operator's commands ({@code status}, {@code claim}) share: the installed store, read while {@code run}
 * holds it, {@code --limit} and {@code --json}. A command checks its options, then shows what it finds; the store
 * that cannot be opened or read is a usage or configuration error (exit 2).
 */
abstract class OperatorCommand implements Callable<Integer> {

    static final int MAX_LIMIT = 1000;

    @Spec
    CommandSpec spec;

    @Mixin
    InstalledStore installed = new InstalledStore();

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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String usage = usage();
        if (usage == null && (limit < 1 || limit > MAX_LIMIT)) {
            usage = "--limit " + limit + " is not from 1 to " + MAX_LIMIT;
        }
        if (usage != null) {
            err.println(spec.name() + ": " + usage + " (--help)");
            return Retro278.USAGE;
        }
        try (TransactionStore store = installed.open(spec.name(), err)) {
            if (store == null) {
                return Retro278.USAGE;
            }
            int exit = show(store.operatorView(), out, err);
            out.flush();
            return exit;
        } catch (StoreException e) {
            err.println(spec.name() + ": " + e.getMessage());
            return Retro278.USAGE;
        }
    }
}
