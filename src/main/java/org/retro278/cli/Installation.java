package org.retro278.cli;

import java.nio.file.Path;
import org.retro278.config.ConfigurationException;
import org.retro278.config.PayerDirectory;
import org.retro278.config.SubmitterSettings;
import picocli.CommandLine.Option;

/**
 * Where an installation keeps its configuration and mappings ({@code --config}, {@code --mappings}); shared by
 * the commands. Paths default to the directories of a checkout, relative to the working directory; {@code demo}
 * has its own configuration directory.
 */
public final class Installation {

    // no defaultValue: the initial value is the default, so a command may give its own
    @Option(names = "--config", paramLabel = "DIR",
            description = "Configuration directory: application.properties, payers/ and practices/ (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--mappings", paramLabel = "DIR", defaultValue = "mappings",
            description = "Claim layouts (Smooks mapping files) (default: ${DEFAULT-VALUE}).")
    Path mappings;

    Installation() {
        this(Path.of("config"));
    }

    /** An installation whose configuration is in {@code defaultConfig} unless {@code --config} says otherwise. */
    Installation(Path defaultConfig) {
        this.config = defaultConfig;
    }

    Path applicationProperties() {
        return config.resolve("application.properties");
    }

    /** The loaded configuration. */
    public record Loaded(SubmitterSettings submitter, PayerDirectory payers) {
    }

    Loaded load() throws ConfigurationException {
        SubmitterSettings submitter = SubmitterSettings.load(applicationProperties());
        PayerDirectory payers = PayerDirectory.load(config.resolve("payers"));
        return new Loaded(submitter, payers);
    }
}
