package org.retro278.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import org.retro278.cli.X12Files.FileReading;
import org.retro278.cli.X12Files.Result;
import org.retro278.x12.validation.ValidationSummary;
import org.retro278.x12.validation.X12Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code validate FILE...}: every problem of every file on stdout, one line each, prefixed by the file name,
 * then a summary line per file. Exit 0 when all files are clean, 1 when problems were found, 2 when a file
 * cannot be read or is not X12 at all; the other files are still checked, so one run reports everything.
 * Damaged X12 (truncated, nested sets, stray bytes) is problems found, exit 1, never a stack trace.
 *
 * <p>Problem lines never carry element values that may be PHI (see {@link org.retro278.x12.X12Problem}), so
 * the output can go to a terminal or a ticket; nothing of the data goes to a log.
 */
@Command(name = "validate", header = "Check X12 files against their implementation guides.",
        description = {"278 requests and responses against 005010X217, 999s against 005010X231A1, envelopes and TA1s against"
                + " X12 00501; other sets get envelope checks. Every problem is printed, one line each.",
                "Exit 0: every file clean. 1: problems found. 2: a file cannot be read or is not X12."})
public final class ValidateCommand extends Subcommand {

    @Mixin
    X12Files files = new X12Files();

    @Override
    public Integer call() {
        PrintWriter out = out();
        X12Validator validator = X12Validator.create();
        return files.readEach(new FileReading() {
            @Override
            public Result read(String name, InputStream in) throws IOException {
                ValidationSummary summary = validator.validate(in, p -> out.println(name + ": " + p.describe()));
                out.println(name + ": " + summary.describe());
                return !summary.x12() ? Result.UNREADABLE : summary.problems() > 0 ? Result.PROBLEMS : Result.CLEAN;
            }

            @Override
            public Result failed(String name, Exception e) {
                if (e instanceof IOException) {
                    out.println(name + ": cannot read the file (" + e.getClass().getSimpleName() + ")");
                    return Result.UNREADABLE;
                }
                // the validator turns every input into problems; should it still fail, this file is a problem
                // found (not "unreadable", exit 2) and the next file is checked
                out.println(name + ": the validator failed on this file (" + e.getClass().getSimpleName()
                        + "); it was not checked to the end");
                return Result.PROBLEMS;
            }
        });
    }
}
