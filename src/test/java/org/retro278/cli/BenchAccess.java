package org.retro278.cli;

import picocli.CommandLine;

/** Lets the benchmark run commands in-process with their real configuration. */
public final class BenchAccess {
    private BenchAccess() {
    }

    public static CommandLine commandLine() {
        return Retro278.commandLine();
    }
}
