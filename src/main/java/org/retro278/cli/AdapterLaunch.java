package org.retro278.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.retro278.config.ConfigurationException;
import org.retro278.runtime.Adapter;
import org.retro278.sftp.Secrets;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How {@code run} and {@code demo} start the adapter on an installation: with its route templates ({@code --routes}). */
final class AdapterLaunch {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--routes", paramLabel = "DIR", defaultValue = "routes",
            description = "Camel route templates (default: ${DEFAULT-VALUE}).")
    Path routes;

    /**
     * Starts the adapter, the secrets from the environment; or says on the command's stderr why the configuration
     * does not let it start and returns {@code null} (then the command exits {@link Retro278#USAGE}).
     *
     * @param work     the work directory, or {@code null} for the configured one
     * @param sftpPort the embedded SFTP server's port, or {@code null} for the configured one
     */
    Adapter start(Installation installation, Path work, Integer sftpPort, Clock clock) throws Exception {
        return start(installation, work, sftpPort, clock, Secrets.environment());
    }

    /** The same, with the secrets from {@code secrets} (the demo adds the console's token it made). */
    Adapter start(Installation installation, Path work, Integer sftpPort, Clock clock, Secrets secrets) throws Exception {
        try {
            return Adapter.start(new Adapter.Options(installation.config, installation.mappings, routes, work, sftpPort, null,
                    secrets, clock));
        } catch (ConfigurationException e) {
            PrintWriter err = command.commandLine().getErr();
            err.println(command.name() + ": configuration: " + e.getMessage());
            return null;
        }
    }
}
