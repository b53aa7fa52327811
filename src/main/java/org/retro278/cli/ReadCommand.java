package org.retro278.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import org.retro278.cli.X12Files.FileReading;
import org.retro278.cli.X12Files.Result;
import org.retro278.x12.X12Problem;
import org.retro278.x12.response.InboundDocument;
import org.retro278.x12.response.ResponseHandler;
import org.retro278.x12.response.ResponseJson;
import org.retro278.x12.response.ResponseReader;
import org.retro278.x12.validation.ValidationSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code read FILE...}: every 278 response, 999 and TA1 of every file as JSON Lines on stdout, one object per
 * transaction set or TA1 (see {@link ResponseJson} for the shape); problems found outside any of them are lines
 * of kind {@code problem}. A summary line per file goes to stderr, so stdout stays pure JSON.
 *
 * <p>Exit 0 when everything was read without a problem, 1 when something was read with problems (or a set
 * the command does not read, such as a 278 request, was skipped), 2 when a file cannot be read, is not X12
 * or stops being readable part way (what was read before that point is still printed). The other files are
 * still read, so one run reports everything: whatever a file holds, it ends as documents, problems or
 * "unreadable", never as a stack trace that stops the command.
 */
@Command(name = "read", header = "Read TA1, 999 and 278 response files as JSON Lines.",
        description = {"One JSON object per 278 response, 999 and TA1 on stdout: the decision, the rejections, the"
                + " acknowledged control numbers and the claim state it means, with plain words beside every code.",
                "Exit 0: read clean. 1: read with problems. 2: unreadable."})
public final class ReadCommand extends Subcommand {

    @Option(names = "--no-validation",
            description = "Check envelopes only, not the implementation guides (faster; the documents are the same).")
    boolean noValidation;

    @Mixin
    X12Files files = new X12Files();

    @Override
    public Integer call() {
        PrintWriter err = err();
        ResponseReader reader = noValidation ? ResponseReader.create().withoutValidation() : ResponseReader.create();
        ResponseJson json = new ResponseJson(out());
        return files.readEach(new FileReading() {
            @Override
            public Result read(String name, InputStream in) throws IOException {
                FileCounts counts = new FileCounts(json, name);
                ValidationSummary summary = reader.read(in, counts);
                err.println(name + ": " + counts.documents + " document" + (counts.documents == 1 ? "" : "s") + " read; "
                        + summary.describe() + (counts.skipped > 0 ? "; " + counts.skipped + " set(s) not read" : ""));
                return !summary.x12() || counts.stopped ? Result.UNREADABLE : counts.problems > 0 ? Result.PROBLEMS : Result.CLEAN;
            }

            @Override
            public Result failed(String name, Exception e) {
                // the reader turns any content into documents and problems; this is the file itself failing,
                // or a defect: either way this file is unreadable and the next one is still read
                json.problem(new X12Problem(0, null, null, null, null, null, null, "UNREADABLE",
                        "cannot read the file (" + e.getClass().getSimpleName() + ")"), name);
                err.println(name + ": cannot read the file (" + e.getClass().getSimpleName() + ")");
                return Result.UNREADABLE;
            }
        });
    }

    /** Writes what one file gives and counts it for the exit code. */
    private static final class FileCounts implements ResponseHandler {
        private final ResponseJson json;
        private final String file;
        long documents;
        long problems;
        long skipped;
        boolean stopped;

        FileCounts(ResponseJson json, String file) {
            this.json = json;
            this.file = file;
        }

        @Override
        public void document(InboundDocument document) {
            documents++;
            problems += document.problems().size();
            json.document(document, file);
        }

        @Override
        public void problem(X12Problem problem) {
            problems++;
            if ("UNREADABLE".equals(problem.rule())) {
                stopped = true;
            } else if ("NOT_READ".equals(problem.rule())) {
                skipped++;
            }
            json.problem(problem, file);
        }
    }
}
