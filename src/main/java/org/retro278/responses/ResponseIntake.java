package org.retro278.responses;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.component.file.GenericFileMessage;
import org.apache.camel.support.SynchronizationAdapter;
import org.retro278.inbound.InboundFiles;
import org.retro278.inbound.SpooledFile;
import org.retro278.io.Hashes;
import org.retro278.io.PartnerFileName;
import org.retro278.ops.Activity;
import org.retro278.store.ResponseSession;
import org.retro278.store.StoreException;
import org.retro278.store.TransactionStore;
import org.retro278.submit.RetryBackoff;
import org.retro278.x12.X12Problem;
import org.retro278.x12.response.ResponseReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what a payer answered: one response file (TA1s, 999s, 278 responses, in any mix) in ONE store
 * transaction. Each answer is matched to its claims — a TA1 by ISA13, a 999 by GS06 and ST02, a 278
 * response by the trace number it echoes (TRN01=2), BHT03 as the fallback — and moves them as the reader's
 * outcome for the answer says ({@link ResponseApplier}; the same outcome {@code read} prints). A pended claim
 * stays open for the payer's final 278. An answer that matches no claim is kept in the store and reported,
 * never dropped. The same file again changes nothing.
 *
 * <p>A file that cannot be applied is never tried again and again at every poll. A failure that says
 * nothing about the file (the store unreachable, the local disk, an SFTP failure after the file was read:
 * {@link #passing}) leaves it in place and it is tried again after a back-off (2 s, doubling up to 5
 * minutes), which the route's consumer filter (this class, {@link #accept}) keeps: other files go on. A
 * failure that the same bytes would meet again (the reader or the applier failing on them, the store
 * refusing their data) moves the file to {@code .error} with a report after that one attempt.
 */
public final class ResponseIntake implements GenericFileFilter<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseIntake.class);
    /** How many problems of one response file reach the log (a wrong file can hold thousands). */
    static final int LOGGED_PROBLEMS = 10;

    /** The exchange header the route names the payer in. */
    public static final String PAYER_HEADER = "retro278PayerId";

    private final TransactionStore store;
    private final ResponseReader reader;
    private final InboundFiles inbound;
    private final Clock clock;
    private final ResponseFileRetries retries;
    private volatile Activity activity = Activity.NONE;

    public ResponseIntake(TransactionStore store, ResponseReader reader, InboundFiles inbound, Clock clock) {
        this(store, reader, inbound, clock, new RetryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5)));
    }

    /** With the back-off of a response file that failed for a passing cause ({@code retro278.responses.retryBackoff.*}). */
    public ResponseIntake(TransactionStore store, ResponseReader reader, InboundFiles inbound, Clock clock, RetryBackoff backoff) {
        this.store = store;
        this.reader = reader;
        this.inbound = inbound;
        this.clock = clock;
        this.retries = new ResponseFileRetries(backoff);
    }

    /** Counts what this bean does into {@code activity} (the metrics, org.retro278.ops); nothing until set. */
    public void countInto(Activity activity) {
        this.activity = activity;
    }

    /**
     * Route entry point: the body is the file's content as the server streams it (or a local file), spooled under
     * a name of retro278's own so that a name of any length or make is read.
     */
    public void onFile(Exchange exchange) throws IOException {
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        if (inbound.refuseUnreadableName(exchange.getIn(), name)) {
            activity.responseFile(exchange.getIn().getHeader(PAYER_HEADER, String.class), false, false, true, 0, 0);
            return;
        }
        SpooledFile.read(exchange.getIn(), "response", local -> {
            onFile(exchange, name, local);
            return null;
        });
    }

    private void onFile(Exchange exchange, String name, Path local) throws IOException {
        String payerId = exchange.getIn().getHeader(PAYER_HEADER, String.class);
        String key = exchange.getIn() instanceof GenericFileMessage<?> m && m.getGenericFile() != null
                ? InboundFiles.serverKey(m.getGenericFile()) : payerId + "|" + name;
        Optional<ResponseFileOutcome> earlier = retries.decided(key);
        ResponseFileOutcome o;
        if (earlier.isPresent()) {
            o = earlier.get();
        } else {
            try {
                o = receiveOrRefuse(payerId, name, local);
            } catch (IOException | RuntimeException e) {
                if (!passing(e)) {
                    LOG.warn("response file {} of payer {} cannot be applied ({}): nothing in it was applied; moved to .error"
                            + " with a report", PartnerFileName.logId(name), payerId, cause(e));
                    o = refused(name, "REFUSED: retro278 cannot apply this file (" + cause(e) + "); nothing in it was applied."
                            + " Trying again would fail the same way: retro278 support must look at it.");
                } else {
                    int failures = retries.failed(key, Instant.now(clock), null);
                    LOG.warn("response file {} of payer {} could not be applied now ({}); left in place, tried again in {} s"
                            + " (attempt {})", PartnerFileName.logId(name), payerId, cause(e), retries.wait(failures).toSeconds(), failures);
                    // an unreachable store rides along, so that the routes leave it to the store's one line (StoreOutageRoutes)
                    throw new NotNow(cause(e), e instanceof StoreException s && s.unreachable() ? s : null);
                }
            }
            activity.responseFile(payerId, o.applied(), o.duplicate(), o.report() != null, o.matched(), o.unmatched());
        }
        ResponseFileOutcome decided = o;
        // delivered = moved on the server (and its report written): until then the outcome is kept, not decided again
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange done) {
                retries.done(key);
            }

            @Override
            public void onFailure(Exchange failed) {
                int failures = retries.failed(key, Instant.now(clock), decided);
                LOG.warn("response file {} of payer {}: its outcome could not be delivered (the server failed); tried again in {} s"
                        + " (attempt {})", PartnerFileName.logId(name), payerId, retries.wait(failures).toSeconds(), failures);
            }
        });
        inbound.handOver(exchange.getIn(), name, o.report());
    }

    /**
     * The route's consumer filter: a file whose last attempt failed for a passing reason is left alone until
     * its back-off has passed (it is not even downloaded), so it neither loops nor holds up the other files (one whose
     * name holds a backslash is refused unread, {@link InboundFiles#refuseUnreadableName}).
     */
    @Override
    public boolean accept(GenericFile<Object> file) {
        if (file.isDirectory()) {
            return true;
        }
        return retries.due(InboundFiles.serverKey(file), Instant.now(clock));
    }

    /**
     * Whether a failure says nothing about the file, so that the same bytes may well go through later: the
     * store unreachable or failing (any store failure except a refusal of the data itself, SQLState classes 22
     * and 23), or reading and writing files (the spool, the archive). Any other failure (a reader or
     * applier failing on these bytes) would come back with them.
     */
    static boolean passing(Exception e) {
        if (e instanceof StoreException s) {
            String state = s.sqlState();
            return state == null || !(state.startsWith("22") || state.startsWith("23"));
        }
        return e instanceof IOException && !(e instanceof NotX12File);
    }

    /** A failure in words fit for a log line and a report: its kind and, from the store, the SQLState only. */
    private static String cause(Exception e) {
        if (e instanceof StoreException s) {
            return "the store failed" + (s.sqlState() == null ? "" : ", SQLState " + s.sqlState());
        }
        return e instanceof IOException ? "a file could not be read or written (" + e.getClass().getSimpleName() + ")"
                : "the file makes retro278 fail (" + e.getClass().getSimpleName() + ")";
    }

    /** A file that failed for a passing reason: the route leaves it in place (the stack trace says nothing more). */
    static final class NotNow extends IOException {
        private static final long serialVersionUID = 1L;

        NotNow(String why, StoreException unreachableStore) {
            super("the response file could not be applied now (" + why + "); it stays for a later attempt", unreachableStore);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    public ResponseFileOutcome receive(String payerId, String fileName, Path file) throws IOException {
        return receive(payerId, fileName, file, (sha, work) -> store.applyResponseFile(payerId, fileName, sha, work));
    }

    /** How the answers of a response reach the store: in a transaction of their own, or with what else must commit with them. */
    @FunctionalInterface
    public interface StoreApplication {
        TransactionStore.AppliedResponseFile apply(String sha256, ResponseSession.Work work) throws IOException;
    }

    /**
     * {@link #receive(String, String, Path)} for answers that did not come as a file on the payer's server (a real-time
     * gateway's synchronous answer, named by {@code source}): the same copy kept, the same reading, correlation and
     * state decisions, the same report; {@code application} runs the work in the store.
     */
    public ResponseFileOutcome receive(String payerId, String source, Path file, StoreApplication application) throws IOException {
        String fileName = source;
        inbound.keepCopy(payerId, fileName, file);
        String sha = Hashes.sha256(file);
        List<X12Problem> problems = new ArrayList<>();
        TransactionStore.AppliedResponseFile out = application.apply(sha,
                session -> ResponseApplier.applyFile(session, payerId, reader, file, problems));
        if (out.duplicate()) {
            LOG.info("response file {} of payer {} was applied before (same content): nothing changed", PartnerFileName.logId(fileName),
                    payerId);
            return new ResponseFileOutcome(false, true, 0, 0, 0, 0, null);
        }
        boolean unreadablePart = problems.stream().anyMatch(p -> "UNREADABLE".equals(p.rule()));
        for (X12Problem p : problems.subList(0, Math.min(problems.size(), LOGGED_PROBLEMS))) {
            LOG.warn("response file {} of payer {}: {} at segment {} ({})", PartnerFileName.logId(fileName), payerId, p.rule(), p.segmentPosition(),
                    p.segment());
        }
        if (problems.size() > LOGGED_PROBLEMS) {
            LOG.warn("response file {} of payer {}: {} more problem(s) not logged; `retro278 read` on the file lists every one",
                    PartnerFileName.logId(fileName), payerId, problems.size() - LOGGED_PROBLEMS);
        }
        var t = out.tally();
        String report = null;
        if (unreadablePart || t.unmatched() > 0) {
            StringBuilder b = new StringBuilder(t.items() + " answer(s) read, " + t.matched() + " matched to claims, " + t.unmatched()
                    + " matched nothing (kept in the store as unmatched responses).\n");
            for (X12Problem p : problems) {
                b.append(p.describe()).append('\n');
            }
            if (unreadablePart) {
                b.append("\nPart of the file could not be read; what came before that point was applied.\n");
            }
            report = inbound.report(fileName, "", b.toString());
        }
        return new ResponseFileOutcome(true, false, t.items(), t.matched(), t.unmatched(), t.problems(), report);
    }

    /** Route helper: a file that is not X12 goes to .error with a report; anything else propagates. */
    public ResponseFileOutcome receiveOrRefuse(String payerId, String fileName, Path file) throws IOException {
        return receiveOrRefuse(payerId, fileName, file, (sha, work) -> store.applyResponseFile(payerId, fileName, sha, work));
    }

    /** {@link #receiveOrRefuse(String, String, Path)} for answers that came without a file, as {@link #receive(String, String, Path, StoreApplication)}. */
    public ResponseFileOutcome receiveOrRefuse(String payerId, String fileName, Path file, StoreApplication application)
            throws IOException {
        try {
            return receive(payerId, fileName, file, application);
        } catch (NotX12File e) {
            LOG.warn("response file {} of payer {} is not X12: moved aside", PartnerFileName.logId(fileName), payerId);
            return refused(fileName, "REFUSED: the file is not X12 (it does not start with an ISA segment); nothing in it was applied.");
        }
    }

    /** The report kept beside answers from {@code source} that could not be applied: the same words as a response file's. */
    public String report(String source, String text) {
        return inbound.report(source, "", text);
    }

    /** A file nothing of which was applied: to .error with a report, as claim intake does. */
    private ResponseFileOutcome refused(String fileName, String what) {
        return new ResponseFileOutcome(false, false, 0, 0, 0, 1, inbound.report(fileName, "", what + "\n"));
    }
}
