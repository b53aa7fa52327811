package org.retro278.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command of {@code retro278} has: {@code --help} and {@code --version}, its name, the writers it
 * prints on, and the way it says a usage error (exit 2).
 */
@Command(mixinStandardHelpOptions = true)
abstract class Subcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Says {@code "<command>: <words> (--help)"} on the error stream: the exit code {@link Retro278#USAGE}. */
    int usageError(String words) {
        err().println(spec.name() + ": " + words + " (--help)");
        return Retro278.USAGE;
    }
}
