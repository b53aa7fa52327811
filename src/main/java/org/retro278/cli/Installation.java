package org.retro278.cli;

import java.nio.file.Path;
import org.retro278.config.ConfigurationException;
import org.retro278.config.PayerDirectory;
import org.retro278.config.SubmitterSettings;
import picocli.CommandLine.Option;

/**
 * Where an installation keeps its configuration and mappings; shared by the commands. Paths
 * default to the directories of a checkout, relative to the working directory.
 */
public final class Installation {

    @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
            description = "Configuration directory: application.properties and payers/*.yaml (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--mappings", paramLabel = "DIR", defaultValue = "mappings",
            description = "Claim layouts (Smooks mapping files) (default: ${DEFAULT-VALUE}).")
    Path mappings;

    /** The loaded configuration. */
    public record Loaded(SubmitterSettings submitter, PayerDirectory payers) {
    }

    Loaded load() throws ConfigurationException {
        SubmitterSettings submitter = SubmitterSettings.load(config.resolve("application.properties"));
        PayerDirectory payers = PayerDirectory.load(config.resolve("payers"));
        return new Loaded(submitter, payers);
    }
}
