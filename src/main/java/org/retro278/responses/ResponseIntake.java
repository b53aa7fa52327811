package org.retro278.responses;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.retro278.io.Hashes;
import org.retro278.io.SecureFiles;
import org.retro278.store.ResponseSession;
import org.retro278.store.TransactionStore;
import org.retro278.x12.X12Problem;
import org.retro278.x12.response.ResponseReader;
import org.retro278.x12.validation.ValidationSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what a payer answered: one response file (TA1s, 999s, 278 responses, in any mix) in ONE store
 * transaction. Each answer is matched to its claims — a TA1 by ISA13, a 999 by GS06 and ST02, a 278
 * response by the trace number it echoes (TRN01=2), BHT03 as the fallback — and moves them as the reader's
 * outcome for the answer says ({@link ResponseApplier}; the same outcome {@code read} prints). A pended claim
 * stays open for the payer's final 278. An answer that matches no claim is kept in the store and reported,
 * never dropped. The same file again changes nothing.
 */
public final class ResponseIntake {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseIntake.class);
    /** How many problems of one response file reach the log (a wrong file can hold thousands). */
    static final int LOGGED_PROBLEMS = 10;

    public static final String PAYER_HEADER = "retro278PayerId";
    public static final String REPORT_HEADER = "retro278Report";

    private final TransactionStore store;
    private final ResponseReader reader;
    private final Path archive;
    private final Clock clock;

    public ResponseIntake(TransactionStore store, ResponseReader reader, Path archive, Clock clock) {
        this.store = store;
        this.reader = reader;
        this.archive = archive;
        this.clock = clock;
    }

    /** What became of a response file. */
    public record Outcome(boolean applied, boolean duplicate, int items, int matched, int unmatched, int problems, String report) {
    }

    /** Route entry point: the body is the spooled local response file. */
    public void onFile(Exchange exchange) throws IOException {
        String payerId = exchange.getIn().getHeader(PAYER_HEADER, String.class);
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Path local = exchange.getIn().getBody(File.class).toPath();
        Outcome o = receiveOrRefuse(payerId, name, local);
        if (o.report() != null) {
            exchange.getIn().setHeader(REPORT_HEADER, o.report());
        }
    }

    public Outcome receive(String payerId, String fileName, Path file) throws IOException {
        keepCopy(payerId, fileName, file);
        String sha = Hashes.sha256(file);
        List<X12Problem> problems = new ArrayList<>();
        ValidationSummary[] summary = new ValidationSummary[1];
        TransactionStore.ResponseFileOutcome out = store.applyResponseFile(payerId, fileName, sha, session -> {
            problems.clear();
            ResponseApplier applier = new ResponseApplier(session, payerId, problems);
            try (InputStream in = Files.newInputStream(file)) {
                summary[0] = reader.read(in, applier);
            }
            if (!summary[0].x12()) {
                throw new NotX12();
            }
            return new ResponseSession.Tally(applier.items, applier.matched, applier.unmatched, problems.size());
        });
        if (out.duplicate()) {
            LOG.info("response file {} of payer {} was applied before (same content): nothing changed", fileName, payerId);
            return new Outcome(false, true, 0, 0, 0, 0, null);
        }
        boolean unreadablePart = problems.stream().anyMatch(p -> "UNREADABLE".equals(p.rule()));
        for (X12Problem p : problems.subList(0, Math.min(problems.size(), LOGGED_PROBLEMS))) {
            LOG.warn("response file {} of payer {}: {} at segment {} ({})", fileName, payerId, p.rule(), p.segmentPosition(),
                    p.segment());
        }
        if (problems.size() > LOGGED_PROBLEMS) {
            LOG.warn("response file {} of payer {}: {} more problem(s) not logged; `retro278 read` on the file lists every one",
                    fileName, payerId,
                    problems.size() - LOGGED_PROBLEMS);
        }
        var t = out.tally();
        String report = null;
        if (unreadablePart || t.unmatched() > 0) {
            StringBuilder b = new StringBuilder("retro278 response report\nfile: " + fileName + "\nreceived: " + Instant.now(clock)
                    + "\n\n" + t.items() + " answer(s) read, " + t.matched() + " matched to claims, " + t.unmatched()
                    + " matched nothing (kept in the store as unmatched responses).\n");
            for (X12Problem p : problems) {
                b.append(p.describe()).append('\n');
            }
            if (unreadablePart) {
                b.append("\nPart of the file could not be read; what came before that point was applied.\n");
            }
            report = b.toString();
        }
        return new Outcome(true, false, t.items(), t.matched(), t.unmatched(), t.problems(), report);
    }

    /** A file that is not X12 at all: nothing applied (the transaction rolls back). */
    private static final class NotX12 extends IOException {
        private static final long serialVersionUID = 1L;

        NotX12() {
            super("the file is not X12");
        }
    }

    /** Route helper: a file that is not X12 goes to .error with a report; anything else propagates. */
    public Outcome receiveOrRefuse(String payerId, String fileName, Path file) throws IOException {
        try {
            return receive(payerId, fileName, file);
        } catch (NotX12 e) {
            LOG.warn("response file {} of payer {} is not X12: moved aside", fileName, payerId);
            return new Outcome(false, false, 0, 0, 0, 1, "retro278 response report\nfile: " + fileName
                    + "\n\nREFUSED: the file is not X12 (it does not start with an ISA segment); nothing in it was applied.\n");
        }
    }

    private void keepCopy(String payerId, String fileName, Path file) throws IOException {
        Path dir = SecureFiles.createPrivateDirectories(archive.resolve(payerId));
        Path target = dir.resolve(Instant.now(clock).toEpochMilli() + "-" + fileName.replaceAll("[^A-Za-z0-9._-]", "_"));
        SecureFiles.writeAtomically(target, o -> Files.copy(file, o));
    }
}
