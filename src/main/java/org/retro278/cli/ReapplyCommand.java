package org.retro278.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.retro278.build.X12Checks;
import org.retro278.responses.NotX12File;
import org.retro278.responses.ResponseReapply;
import org.retro278.store.OperatorActions.Reapplied;
import org.retro278.x12.X12Problem;
import org.retro278.x12.response.ResponseReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reapply}: applies a payer's response file (TA1, 999, 278 responses) again after a fix, as {@code run} would
 * apply it, idempotently: what was applied before changes nothing again, and the history says who applied it again.
 */
@Command(name = "reapply", header = "Apply a payer's response file again, after a fix.",
        description = {"Reads FILE (TA1, 999 and 278 responses in any mix, as a payer left it: from the payer's .error folder"
                + " or work/responses/PAYER/) and applies it to the claims as run does, in one store transaction, whether or"
                + " not these bytes were applied before. Applied twice is applied once: a claim it moved before does not move"
                + " again. Answers that still match no claim are kept as unmatched (replacing those kept before).",
                "Changes are recorded in each claim's history as the operator's (--operator, else the OS user), saying the"
                + " file was applied again.",
                "Reads the same installation as run (--config, --work, retro278.store.*) and works while run is running.",
                "Exit 0: applied (every answer matched a claim). 1: answers matched nothing, or the file is not X12."
                + " 2: usage or configuration error."})
public final class ReapplyCommand extends StoreCommand {

    @Parameters(paramLabel = "FILE", description = "The response file.")
    Path file;

    @Mixin
    Operator operator = new Operator();

    @Option(names = "--payer", paramLabel = "ID", required = true, description = "The payer whose answers these are.")
    String payer;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = err();
        if (!Files.isRegularFile(file)) {
            err.println("reapply: " + file + " is not a file");
            return Retro278.USAGE;
        }
        try {
            return withStore(Clock.systemUTC(), store -> shown(
                    new ResponseReapply(store, ResponseReader.using(X12Checks.validator())).reapply(payer, file, operator.name())));
        } catch (NotX12File e) {
            err.println("reapply: refused: " + e.getMessage() + "; nothing was applied");
            return Retro278.PROBLEMS;
        } catch (IOException e) {
            err.println("reapply: " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
            return Retro278.USAGE;
        }
    }

    private int shown(ResponseReapply.Reapplication o) {
        PrintWriter out = out();
        Reapplied a = o.applied();
        out.printf("response file %d of payer %s %s: %d answer(s), %d matched, %d matched nothing; %d claim(s) changed%s%n",
                a.responseFileId(), payer, a.appliedBefore() ? "applied again" : "applied (not seen before)", a.tally().items(),
                a.tally().matched(), a.tally().unmatched(), a.claimsChanged(),
                a.claimsChanged() == 0 && a.appliedBefore() ? " (it was applied before: nothing changed)" : "");
        for (X12Problem p : o.problems()) {
            out.println("  " + p.describe());
        }
        out.flush();
        return a.tally().unmatched() > 0 ? Retro278.PROBLEMS : Retro278.OK;
    }
}
