package org.retro278.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: the validation issue work replaces this class. */
@Command(name = "validate", description = "Check 278 request files against 005010X217.")
public final class ValidateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("validate: not built yet");
        return Retro278.USAGE;
    }
}
