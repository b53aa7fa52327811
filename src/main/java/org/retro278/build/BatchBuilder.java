package org.retro278.build;

import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.retro278.config.PayerProfile;
import org.retro278.rules.Rejection;
import org.retro278.rules.RejectionCode;
import org.retro278.x12.EnvelopeWriter;
import org.retro278.x12.Request278Writer;
import org.retro278.x12.X12Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch of requests for one payer as transaction sets and validates them before any of their
 * bytes can become output. The sets are written inside an envelope of the payer's own (ISA/GS with the
 * payer's ids and delimiters), read back through the implementation-guide validator, and only the bytes
 * of sets without a problem are handed on; the final interchange is assembled from exactly these bytes.
 *
 * <p>A set that fails validation is a defect of retro278 (the input rules should have refused its
 * claim): the claim is refused with {@link RejectionCode#X12_INVALID} and the problems are logged by
 * rule and position, never by value.
 */
public final class BatchBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(BatchBuilder.class);
    /** Envelope numbers of the validation envelope; the real ones are taken when the interchange is assembled. */
    private static final long PROBE_CONTROL_NUMBER = 1;

    private final PayerProfile payer;
    private final EnvelopeWriter envelope;
    private final Request278Writer writer;
    private final TransactionSetValidator validator;
    private final LocalDateTime created;

    public BatchBuilder(PayerProfile payer, String traceOriginator, TransactionSetValidator validator, LocalDateTime created) {
        this.payer = payer;
        this.envelope = new EnvelopeWriter(payer);
        this.writer = new Request278Writer(traceOriginator, payer.delimiters());
        this.validator = validator;
        this.created = created;
    }

    public BuiltBatch build(List<PendingClaim> claims) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(claims.size() * 1400 + 512);
        int[] starts = new int[claims.size()];
        int[] ends = new int[claims.size()];
        try {
            EDIStreamWriter w = envelope.open(out);
            envelope.writeHeader(w, PROBE_CONTROL_NUMBER, PROBE_CONTROL_NUMBER, created);
            w.flush();
            for (int i = 0; i < claims.size(); i++) {
                starts[i] = out.size();
                writer.write(w, claims.get(i).request(), claims.get(i).ids());
                w.flush();
                ends[i] = out.size();
            }
            envelope.writeTrailer(w, claims.size(), PROBE_CONTROL_NUMBER, PROBE_CONTROL_NUMBER);
            w.close();
        } catch (EDIStreamException | IllegalArgumentException e) {
            // the writer refused a value (a delimiter in data): find the claim by writing them one by one
            if (claims.size() > 1) {
                return splitAndBuild(claims);
            }
            PendingClaim c = claims.get(0);
            LOG.error("claim {}: the 278 writer refused the request ({}); the claim is rejected", c.request().claimId(),
                    e.getClass().getSimpleName());
            return new BuiltBatch(payer.id(), List.of(), List.of(rejected(c, "the 278 writer refused a value of this claim")));
        }
        byte[] bytes = out.toByteArray();
        List<X12Problem> problems = validator.validate(new ByteArrayInputStream(bytes));
        if (!problems.isEmpty()) {
            if (claims.size() > 1) {
                // attribute precisely: a broken set can disturb the reading of the ones after it
                return splitAndBuild(claims);
            }
            PendingClaim c = claims.get(0);
            for (X12Problem p : problems) {
                LOG.error("claim {}: the 278 built for it failed validation: {} {} at set position {} ({})",
                        c.request().claimId(), p.rule(), p.segment(), p.transactionPosition(), p.loop());
            }
            return new BuiltBatch(payer.id(), List.of(), List.of(rejected(c, summary(problems))));
        }
        List<BuiltBatch.BuiltSet> sets = new ArrayList<>(claims.size());
        for (int i = 0; i < claims.size(); i++) {
            PendingClaim c = claims.get(i);
            sets.add(new BuiltBatch.BuiltSet(c.request().claimId(), c.redelivered(), Arrays.copyOfRange(bytes, starts[i], ends[i])));
        }
        return new BuiltBatch(payer.id(), sets, List.of());
    }

    private BuiltBatch splitAndBuild(List<PendingClaim> claims) throws IOException {
        List<BuiltBatch.BuiltSet> sets = new ArrayList<>();
        List<BuiltBatch.RejectedSet> rejected = new ArrayList<>();
        for (PendingClaim c : claims) {
            BuiltBatch one = build(List.of(c));
            sets.addAll(one.sets());
            rejected.addAll(one.rejected());
        }
        return new BuiltBatch(payer.id(), sets, rejected);
    }

    private static BuiltBatch.RejectedSet rejected(PendingClaim c, String detail) {
        return new BuiltBatch.RejectedSet(c.request().claimId(), c.redelivered(), new Rejection(c.request().claimId(), c.rows(),
                null, RejectionCode.X12_INVALID, "retro278 could not build a valid 278 for this claim (" + detail
                + "); this is a defect of retro278, please report it with the claim id"));
    }

    private static String summary(List<X12Problem> problems) {
        Map<String, Integer> byRule = new LinkedHashMap<>();
        for (X12Problem p : problems) {
            byRule.merge(p.rule() + (p.segment() == null ? "" : " " + p.segment()), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        byRule.forEach((k, v) -> parts.add(v > 1 ? k + " x" + v : k));
        return String.join("; ", parts);
    }
}
