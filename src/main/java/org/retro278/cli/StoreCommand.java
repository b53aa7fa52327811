package org.retro278.cli;

import java.time.Clock;
import org.retro278.store.StoreException;
import org.retro278.store.TransactionStore;
import picocli.CommandLine.Mixin;

/**
 * A command on the installed store ({@code status}, {@code claim}, {@code resubmit}, {@code reapply}, {@code purge}):
 * the store opened as {@code run} finds it, read or changed while {@code run} holds it; a store that cannot be opened
 * or fails is a usage or configuration error (exit 2).
 */
abstract class StoreCommand extends Subcommand {

    @Mixin
    InstalledStore installed = new InstalledStore();

    /** What a command does with the open store: its exit code. */
    @FunctionalInterface
    interface StoreWork {
        int on(TransactionStore store) throws Exception;
    }

    /** Opens the store with {@code clock} stamping what is written, does {@code work} on it and closes it. */
    int withStore(Clock clock, StoreWork work) throws Exception {
        try (TransactionStore store = installed.open(spec.name(), err(), clock)) {
            if (store == null) {
                return Retro278.USAGE;
            }
            return work.on(store);
        } catch (StoreException e) {
            err().println(spec.name() + ": " + e.getMessage());
            return Retro278.USAGE;
        }
    }
}
