package org.retro278.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.retro278.config.ConfigurationException;
import org.retro278.config.RuntimeSettings;
import org.retro278.sftp.Secrets;
import org.retro278.store.StoreException;
import org.retro278.store.TransactionStore;
import picocli.CommandLine.Mixin;

/**
 * The transaction store of an installation, found as {@code run} finds it (retro278.store.* and retro278.work.dir
 * of application.properties, {@code --work}, the password from the environment): what the operator's commands
 * read. The embedded H2 database is opened in its automatic mixed mode, so it can be read while {@code run}
 * holds it; an installation without a store yet is a configuration error, not a new empty store.
 */
final class InstalledStore {

    @Mixin
    Installation installation = new Installation();

    @Mixin
    WorkDirectory work = new WorkDirectory();

    /** Opens the store, or says on {@code err} why it cannot (then the command exits {@link Retro278#USAGE}). */
    TransactionStore open(String command, PrintWriter err) {
        return open(command, err, Clock.systemUTC());
    }

    /** The installation's work directory: {@code --work}, else retro278.work.dir. */
    Path workDir(RuntimeSettings settings) {
        return (work.dir != null ? work.dir : settings.workDir()).toAbsolutePath();
    }

    /** The installation's settings (application.properties). */
    RuntimeSettings settings() throws ConfigurationException {
        return RuntimeSettings.load(installation.applicationProperties());
    }

    /** {@link #open(String, PrintWriter)} with the clock that stamps what the command writes. */
    TransactionStore open(String command, PrintWriter err, Clock clock) {
        try {
            RuntimeSettings settings = settings();
            String password = Secrets.environment().lookup(settings.storePasswordEnv()).orElse(null);
            if (settings.storeUrl() != null) {
                return TransactionStore.open(settings.storeUrl(), settings.storeUser(), password, clock);
            }
            Path dir = workDir(settings);
            Path file = dir.resolve("db").resolve("retro278.mv.db");
            if (!Files.isRegularFile(file)) {
                err.println(command + ": no store at " + file + " (has run used this work directory? see --work)");
                return null;
            }
            return TransactionStore.openH2(dir, password, clock);
        } catch (ConfigurationException e) {
            err.println(command + ": configuration: " + e.getMessage());
        } catch (StoreException e) {
            err.println(command + ": cannot open the store: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            // a driver's or Flyway's message may quote the URL: the kind of failure only
            err.println(command + ": cannot open the store (" + e.getClass().getSimpleName() + ")");
        }
        return null;
    }
}
