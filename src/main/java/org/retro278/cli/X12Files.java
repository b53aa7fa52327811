package org.retro278.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code FILE...} of {@code validate} and {@code read}: each file read in turn, whatever the one before it
 * held, so one run reports everything; the exit code is that of the worst file.
 */
final class X12Files {

    /** StAEDI reports schema details through java.util.logging; held so the level setting is not collected. */
    private static final Logger STAEDI_LOG = Logger.getLogger("io.xlate.edi");

    /** What a file came to, worst last. */
    enum Result {
        CLEAN, PROBLEMS, UNREADABLE;

        int exit() {
            return switch (this) {
                case CLEAN -> Retro278.OK;
                case PROBLEMS -> Retro278.PROBLEMS;
                case UNREADABLE -> Retro278.USAGE;
            };
        }
    }

    /** What a command makes of one file. */
    interface FileReading {
        /** Reads the file and reports what it finds. */
        Result read(String name, InputStream in) throws IOException;

        /** The file could not be opened or read ({@link IOException}), or the reading failed (a defect). */
        Result failed(String name, Exception e);
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "X12 files")
    List<Path> files;

    /** Reads every file with {@code reading}, flushing the command's output after each; the exit code. */
    int readEach(FileReading reading) {
        STAEDI_LOG.setLevel(Level.WARNING);
        Result worst = Result.CLEAN;
        for (Path file : files) {
            String name = file.toString();
            Result result;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                result = reading.read(name, in);
            } catch (IOException | RuntimeException e) {
                result = reading.failed(name, e);
            }
            worst = result.compareTo(worst) > 0 ? result : worst;
            command.commandLine().getOut().flush();
            command.commandLine().getErr().flush();
        }
        return worst.exit();
    }
}
