package org.retro278.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: replaced by the converter. */
@Command(name = "convert", description = "Claims file to one validated 278 interchange per payer.")
public final class ConvertCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("convert: not built yet");
        return Retro278.USAGE;
    }
}
