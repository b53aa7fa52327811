package org.retro278.build;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The parallel build of transaction sets, one for the offline command and the live path: claims are
 * gathered into batches (one open batch per builder, that is per payer), each batch is written and
 * validated on a worker thread (validation sets the pace, so it runs on every core), and the results
 * reach the sink on the thread that adds the claims, in the order the batches were queued. Only a few
 * batches per worker are in flight, so memory does not grow with the number of claims.
 */
public final class TransactionSetQueue {

    /** Transaction sets built and validated together (one validation envelope per batch). */
    public static final int BATCH_SIZE = 32;

    /** Where built batches go; called on the thread that adds the claims, never on a worker. */
    @FunctionalInterface
    public interface Sink {
        void accept(BuiltBatch batch) throws IOException;
    }

    private final ExecutorService workers;
    private final int batchSize;
    private final int maxInFlight;
    private final Sink sink;
    private final Map<BatchBuilder, List<PendingClaim>> open = new LinkedHashMap<>();
    private final ArrayDeque<Future<BuiltBatch>> inFlight = new ArrayDeque<>();

    public TransactionSetQueue(ExecutorService workers, int parallelism, int batchSize, Sink sink) {
        this.workers = workers;
        this.batchSize = Math.max(1, batchSize);
        this.maxInFlight = 2 * Math.max(1, parallelism) + 2;
        this.sink = sink;
    }

    /** Adds a claim to its builder's open batch; a full batch goes to the workers. */
    public void add(BatchBuilder builder, PendingClaim claim) throws IOException {
        List<PendingClaim> batch = open.computeIfAbsent(builder, k -> new ArrayList<>(batchSize));
        batch.add(claim);
        if (batch.size() >= batchSize) {
            submit(builder, batch);
            open.put(builder, new ArrayList<>(batchSize));
        }
    }

    /** Sends the open batches to the workers and hands every result still out to the sink. */
    public void finish() throws IOException {
        for (Map.Entry<BatchBuilder, List<PendingClaim>> e : open.entrySet()) {
            if (!e.getValue().isEmpty()) {
                submit(e.getKey(), e.getValue());
            }
        }
        open.clear();
        while (!inFlight.isEmpty()) {
            drainOne();
        }
    }

    private void submit(BatchBuilder builder, List<PendingClaim> batch) throws IOException {
        List<PendingClaim> claims = List.copyOf(batch);
        inFlight.add(workers.submit(() -> builder.build(claims)));
        while (inFlight.size() > maxInFlight) {
            drainOne();
        }
    }

    private void drainOne() throws IOException {
        BuiltBatch built;
        try {
            built = inFlight.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException("building transaction sets failed: " + c, c);
        }
        sink.accept(built);
    }
}
