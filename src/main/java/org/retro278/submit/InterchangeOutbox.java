package org.retro278.submit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.retro278.build.BatchBuilder;
import org.retro278.build.BuiltBatch;
import org.retro278.build.InterchangeAssembler;
import org.retro278.build.InterchangeVerifier;
import org.retro278.build.PendingClaim;
import org.retro278.build.TransactionSetQueue;
import org.retro278.build.TransactionSetValidator;
import org.retro278.config.PayerProfile;
import org.retro278.io.Hashes;
import org.retro278.io.SecureFiles;
import org.retro278.store.Interchange;
import org.retro278.store.Reason;
import org.retro278.store.TransactionStore;
import org.retro278.x12.EnvelopeWriter;
import org.retro278.x12.InterchangeFrame;
import org.retro278.x12.X12Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local outbox of a payer's interchanges: each built from the store (its sets validated against the guide,
 * the envelope verified, the file published atomically) and kept, owner-only, until it is delivered. What the batch
 * {@link Submission} uploads and the {@link RealTimeSubmission} sends as a CORE payload; both build here, so an
 * interchange's bytes are made one way whichever gateway carries them.
 */
public final class InterchangeOutbox {

    /** The submission's logger: these lines were always the submission's, and operators and tests follow it. */
    private static final Logger LOG = LoggerFactory.getLogger(Submission.class);

    private final TransactionStore store;
    private final TransactionSetValidator validator;
    private final InterchangeAssembler assembler;
    private final String traceOriginator;
    private final Path outbox;
    private final ExecutorService workers;
    private final int parallelism;

    public InterchangeOutbox(TransactionStore store, TransactionSetValidator validator, InterchangeVerifier verifier,
                             String traceOriginator, Path outbox, ExecutorService workers, int parallelism) {
        this.store = store;
        this.validator = validator;
        this.assembler = new InterchangeAssembler(verifier);
        this.traceOriginator = traceOriginator;
        this.outbox = outbox;
        this.workers = workers;
        this.parallelism = Math.max(1, parallelism);
    }

    /**
     * Removes what an earlier run left in the payer's local outbox: copies of interchanges not in {@code keep}
     * (those still to be sent: a crash after the SENT commit, before the copy was deleted) and temporary files of a build cut short.
     * They hold PHI and are never needed again. Runs once per payer and run, on the payer's route thread,
     * before anything is built, so it never meets a file being written.
     */
    void sweep(String payerId, Set<String> keep) throws IOException {
        Path dir = outbox.resolve(payerId);
        if (!Files.isDirectory(dir)) {
            return;
        }
        int removed = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (!keep.contains(p.getFileName().toString()) && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        }
        if (removed > 0) {
            LOG.info("payer {}: {} file(s) an earlier run left in the local outbox removed", payerId, removed);
        }
    }

    /**
     * The verified file of an interchange in the local outbox, built from the store when it is not there
     * yet (or no longer: a crash, a new machine). Empty when no claim of it could be built.
     */
    Optional<Outgoing> prepare(PayerProfile payer, long id, long isa13, long gs06, LocalDateTime envelopeTime,
                                       String fileName, String recordedSha256) throws IOException {
        Path dir = SecureFiles.createPrivateDirectories(outbox.resolve(payer.id()));
        Path file = dir.resolve(fileName);
        if (Files.isRegularFile(file) && recordedSha256 != null && recordedSha256.equalsIgnoreCase(Hashes.sha256(file))) {
            return Optional.of(new Outgoing(id, fileName, file.toFile()));
        }
        int sets = build(payer, id, isa13, gs06, envelopeTime, file);
        if (sets == 0) {
            store.markInterchangeFailed(id, "no transaction set of the interchange could be built");
            Files.deleteIfExists(file);
            return Optional.empty();
        }
        String sha = Hashes.sha256(file);
        if (recordedSha256 != null && !recordedSha256.equalsIgnoreCase(sha)) {
            // same claims and numbers, other bytes: the payer profile changed since the first build
            LOG.warn("interchange ISA13 {} for payer {} was built again with other bytes than before", isa13, payer.id());
        }
        store.recordInterchangeBytes(id, sha, Files.size(file));
        FaultInjection.reached(FaultInjection.Point.AFTER_BUILD);
        return Optional.of(new Outgoing(id, fileName, file.toFile()));
    }

    /**
     * Writes the interchange from the store: each transaction set validated against the guide (in
     * parallel batches), the envelope around them verified, the file published atomically. A claim whose
     * set fails validation is taken out of the interchange into ERROR.
     *
     * @return the number of transaction sets written
     */
    private int build(PayerProfile payer, long id, long isa13, long gs06, LocalDateTime envelopeTime, Path target)
            throws IOException {
        BatchBuilder builder = new BatchBuilder(payer, traceOriginator, validator, envelopeTime);
        Path body = SecureFiles.createTempFile(target.getParent(), target.getFileName() + "-sets");
        int[] written = {0};
        List<Long> failed = new ArrayList<>();
        Map<String, Long> keys = new HashMap<>();
        try {
            try (OutputStream sets = new BufferedOutputStream(Files.newOutputStream(body, StandardOpenOption.WRITE), 1 << 16)) {
                TransactionSetQueue queue = new TransactionSetQueue(workers, parallelism, TransactionSetQueue.BATCH_SIZE, b -> {
                    for (BuiltBatch.BuiltSet s : b.sets()) {
                        sets.write(s.bytes());
                        written[0]++;
                    }
                    for (BuiltBatch.RejectedSet r : b.rejected()) {
                        failed.add(keys.get(r.claimId()));
                    }
                });
                store.forEachRequest(id, (claim, request) -> {
                    keys.put(claim.claimId(), claim.claimKey());
                    queue.add(builder, new PendingClaim(request, claim.ids(), false, List.of()));
                });
                queue.finish();
            }
            for (long key : failed) {
                store.dropFromInterchange(id, key, List.of(new Reason("X12_INVALID",
                        "retro278 could not build a valid 278 for this claim; this is a defect of retro278, please report it with the claim id")));
            }
            if (written[0] == 0) {
                return 0;
            }
            InterchangeFrame frame = InterchangeFrame.of(new EnvelopeWriter(payer), isa13, gs06, written[0], envelopeTime);
            List<X12Problem> problems = assembler.publish(target, frame, out -> Files.copy(body, out));
            if (!problems.isEmpty()) {
                throw new IOException("the interchange built for payer " + payer.id() + " (ISA13 " + isa13
                        + ") failed its envelope check: " + problems.get(0).rule());
            }
            LOG.info("interchange ISA13 {} for payer {} built: {} transaction set(s)", isa13, payer.id(), written[0]);
            return written[0];
        } finally {
            Files.deleteIfExists(body);
        }
    }

    /** Removes the local copy of a delivered interchange (it holds PHI and is not needed again). */
    void remove(Interchange i) {
        try {
            Files.deleteIfExists(outbox.resolve(i.payerId()).resolve(i.fileName()));
        } catch (IOException e) {
            LOG.warn("interchange ISA13 {}: the local copy could not be removed", i.isa13());
        }
    }
}
