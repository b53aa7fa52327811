package org.retro278.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.retro278.build.BatchBuilder;
import org.retro278.build.BuiltBatch;
import org.retro278.build.InterchangeAssembler;
import org.retro278.build.InterchangeVerifier;
import org.retro278.build.PendingClaim;
import org.retro278.build.TransactionSetQueue;
import org.retro278.build.TransactionSetValidator;
import org.retro278.config.PayerProfile;
import org.retro278.io.SecureFiles;
import org.retro278.mapping.ClaimFileReader;
import org.retro278.mapping.ClaimFileRefusedException;
import org.retro278.mapping.ClaimGroup;
import org.retro278.mapping.ClaimGroupSink;
import org.retro278.mapping.ClaimRow;
import org.retro278.mapping.ReadSummary;
import org.retro278.rules.ClaimRules;
import org.retro278.x12.RequestIdentifiers;
import org.retro278.x12.TransactionIds;
import org.retro278.x12.control.ControlNumberKind;
import org.retro278.x12.control.ControlNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline conversion of one claim file: claims stream out of the layout's mapping one at a time, pass
 * the input rules, are written as transaction sets and validated on worker threads (validation sets the
 * pace, so it runs on every core), and are assembled per payer into interchanges that appear in the
 * output directory atomically, beside a rejection report. Memory does not grow with the file: a bounded
 * number of batches is in flight and everything else is spooled to owner-only files.
 */
public final class Converter {

    private static final Logger LOG = LoggerFactory.getLogger(Converter.class);
    /** Transaction sets built and validated together (one validation envelope per batch). */
    static final int BATCH_SIZE = Integer.getInteger("retro278.convert.batch", TransactionSetQueue.BATCH_SIZE);
    /** ST02 numbers are reserved from the durable counter in blocks of this size. */
    static final int ST02_BLOCK = 256;

    private final ClaimRules rules;
    private final ControlNumbers numbers;
    private final String traceOriginator;
    private final TransactionSetValidator validator;
    private final InterchangeAssembler assembler;
    private final LocalDateTime created;
    private final int workers;

    public Converter(ClaimRules rules, ControlNumbers numbers, String traceOriginator, TransactionSetValidator validator,
                     InterchangeVerifier verifier, LocalDateTime created, int workers) {
        this.rules = rules;
        this.numbers = numbers;
        this.traceOriginator = traceOriginator;
        this.validator = validator;
        this.assembler = new InterchangeAssembler(verifier);
        this.created = created;
        this.workers = Math.max(1, workers);
    }

    /**
     * Converts a claim file into {@code outDir}.
     *
     * @throws ClaimFileRefusedException when the file is refused as a whole (nothing is written)
     */
    public ConversionSummary convert(ClaimFileReader reader, Path claims, Path outDir) throws IOException, ClaimFileRefusedException {
        SecureFiles.createPrivateDirectories(outDir);
        String stem = stem(claims);
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "retro278-build-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try (Run run = new Run(outDir, pool)) {
            ReadSummary read = reader.read(claims, run);
            run.drainAll();
            List<PublishedInterchange> published = new ArrayList<>();
            long converted = 0;
            for (PayerOutput po : run.outputs.values()) {
                for (PublishedInterchange p : po.finish(run.retracted, numbers, outDir, stem, created, assembler)) {
                    published.add(p);
                    converted += p.transactionSets();
                    LOG.info("published {} with {} transaction set(s) for payer {}", p.file().getFileName(), p.transactionSets(),
                            po.payer().id());
                }
            }
            Path report = outDir.resolve(stem + ".rejections.csv");
            // named by its rows, not its claim id: a rejected row's claim_id cell may hold anything (shifted cells put
            // names and member ids there); the report, not the log, tells the practice which claim
            long rejected = run.rejections.finish(run.retracted, report, refusal ->
                    LOG.debug("a claim of rows {} rejected: {}",
                            refusal.reasons().stream().flatMap(r -> r.rows().stream()).distinct().sorted().toList(),
                            String.join(",", refusal.reasons().stream().map(r -> r.code().name()).distinct().toList())));
            LOG.info("converted {} claim(s) of {}, rejected {}; {} interchange(s)", converted, claims.getFileName(), rejected,
                    published.size());
            return new ConversionSummary(read.rows(), read.claims(), converted, rejected, published, report, read);
        } finally {
            pool.shutdownNow();
        }
    }

    static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** The state of one conversion; the mapping hands it claims on the reading thread. */
    private final class Run implements ClaimGroupSink, AutoCloseable {
        private final Path workDir;
        private final Map<String, PayerOutput> outputs = new LinkedHashMap<>();
        private final Map<String, BatchBuilder> builders = new HashMap<>();
        private final TransactionSetQueue queue;
        private final ClaimIdSet retracted;
        private final RejectionLog rejections;
        private long nextSt02;
        private long st02Left;

        Run(Path workDir, ExecutorService pool) throws IOException {
            this.workDir = workDir;
            this.queue = new TransactionSetQueue(pool, workers, BATCH_SIZE, this::built);
            this.retracted = new ClaimIdSet(workDir);
            this.rejections = new RejectionLog(workDir);
        }

        @Override
        public void claim(ClaimGroup group) throws Exception {
            boolean redelivered = group.claimId() != null && retracted.contains(group.claimId());
            ClaimRules.Outcome outcome = rules.check(group);
            if (outcome instanceof ClaimRules.Refused refused) {
                rejections.add(refused.claimId(), redelivered, refused.reasons());
                return;
            }
            ClaimRules.Accepted accepted = (ClaimRules.Accepted) outcome;
            PayerProfile payer = accepted.payer();
            TransactionIds ids = RequestIdentifiers.forClaim(group.claimId(), st02(), created);
            List<Long> rows = group.rows().stream().map(ClaimRow::row).toList();
            BatchBuilder builder = builders.computeIfAbsent(payer.id(),
                    k -> new BatchBuilder(payer, traceOriginator, validator, created));
            queue.add(builder, new PendingClaim(accepted.request(), ids, redelivered, rows));
        }

        @Override
        public void retract(String claimId) throws IOException {
            retracted.add(claimId);
        }

        private long st02() throws IOException {
            if (st02Left == 0) {
                nextSt02 = numbers.reserve(ControlNumberKind.TRANSACTION, ST02_BLOCK);
                st02Left = ST02_BLOCK;
            }
            st02Left--;
            return nextSt02++;
        }

        /** Results come in the order batches were queued, so payers' outputs open in that order too. */
        private void built(BuiltBatch b) throws IOException {
            PayerOutput out = outputs.get(b.payerId());
            if (out == null) {
                out = new PayerOutput(rules.payerOf(b.payerId()), workDir);
                outputs.put(b.payerId(), out);
            }
            for (BuiltBatch.BuiltSet s : b.sets()) {
                out.append(s);
            }
            for (BuiltBatch.RejectedSet r : b.rejected()) {
                rejections.add(r.claimId(), r.redelivered(), List.of(r.rejection()));
            }
        }

        void drainAll() throws IOException {
            queue.finish();
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            for (AutoCloseable c : new ArrayList<AutoCloseable>(outputs.values())) {
                try {
                    c.close();
                } catch (Exception e) {
                    first = first == null ? new IOException(e) : first;
                }
            }
            try {
                rejections.close();
            } finally {
                retracted.close();
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
