package org.retro278.cli;

import picocli.CommandLine.Option;

/** Who runs an operator's command that changes the store: {@code --operator}, else the user of the operating system. */
final class Operator {

    @Option(names = "--operator", paramLabel = "NAME",
            description = "Who asks, for the claim's history (default: the operating system's user name).")
    String name;

    /** The operator's name, never blank. */
    String name() {
        String n = name != null && !name.isBlank() ? name : System.getProperty("user.name", "");
        return n.isBlank() ? "unknown" : n.strip();
    }
}
