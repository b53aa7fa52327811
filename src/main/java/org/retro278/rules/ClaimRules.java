package org.retro278.rules;

import static org.retro278.rules.Columns.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.retro278.config.PayerDirectory;
import org.retro278.config.PayerProfile;
import org.retro278.mapping.ClaimGroup;
import org.retro278.mapping.ClaimRow;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.model.ServiceLine;

/**
 * The pre-submission rules: everything a claim must satisfy before a 278 is built for it, and the
 * payer's retro rules. A claim either becomes a {@link RetroAuthorizationRequest} that the writer can
 * turn into a valid 005010X217 request for any value that passed, or is refused with every reason found
 * (claim, rows, field, code, plain words).
 *
 * <p>The front of the rules: the claim as a whole (id, row defects, rows that agree) here; the values in
 * {@link ValueSyntax}, the request's parts in {@link RequestAssembler}, the dates in {@link ServiceDates},
 * the payer's window in {@link RetroWindow}. Code lists and element lengths come from the implementation
 * schema through {@link X217Facts}.
 */
public final class ClaimRules {

    private final PayerDirectory payers;
    private final ValueSyntax syntax;
    private final RequestAssembler assembler;
    private final ServiceDates dates;
    private final RetroWindow window;
    private final LocalDate asOf;

    /**
     * @param datePattern the layout's date pattern (java.time), e.g. {@code uuuu-MM-dd}
     * @param asOf        the processing date: retro windows count to it and no date may lie after it
     */
    public ClaimRules(PayerDirectory payers, X217Facts facts, String datePattern, LocalDate asOf) {
        this.payers = Objects.requireNonNull(payers);
        this.syntax = new ValueSyntax(Objects.requireNonNull(facts), datePattern);
        this.assembler = new RequestAssembler(syntax, facts);
        this.asOf = Objects.requireNonNull(asOf);
        this.dates = new ServiceDates(asOf);
        this.window = new RetroWindow(asOf);
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** The profile of a payer that claims have already been accepted for. */
    public PayerProfile payerOf(String payerId) {
        return payers.find(payerId).orElseThrow(() -> new IllegalArgumentException("unknown payer " + payerId));
    }

    /** What became of one claim under our input rules: {@link Accepted} with its request, or {@link Refused}. */
    public sealed interface Outcome permits Accepted, Refused {
        String claimId();
    }

    public record Accepted(RetroAuthorizationRequest request, PayerProfile payer) implements Outcome {
        @Override
        public String claimId() {
            return request.claimId();
        }
    }

    /**
     * A claim our rules refuse, with its {@link Rejection}s: the one type of a refused claim, in intake, in
     * {@code convert} and in its rejection report.
     *
     * @param payerId     the payer the claim named, when known, else {@code null}
     * @param serviceFrom the earliest date of service of the lines whose dates could be read, else {@code null}
     * @param serviceTo   the latest date of service of those lines, else {@code null}
     */
    public record Refused(String claimId, String payerId, List<Rejection> reasons, LocalDate serviceFrom,
                          LocalDate serviceTo) implements Outcome {
        public Refused {
            reasons = List.copyOf(reasons);
        }

        public Refused(String claimId, String payerId, List<Rejection> reasons) {
            this(claimId, payerId, reasons, null, null);
        }
    }

    public Outcome check(ClaimGroup g) {
        String claimId = g.claimId();
        List<ClaimRow> rows = g.rows();
        ClaimRow first = rows.get(0);
        ClaimCheck c = new ClaimCheck(claimId);

        if (claimId == null) {
            c.reject(first, CLAIM_ID, RejectionCode.MISSING_CLAIM_ID, "row " + first.row() + " has no claim_id");
            if (first.defect() != null) {
                c.reject(first, null, RejectionCode.ROW_DEFECT, first.defect());
            }
            return new Refused(null, first.get(PAYER_ID), c.rejections());
        }
        syntax.claimId(c, rows, claimId);
        for (ClaimRow r : rows) {
            if (r.defect() != null) {
                c.reject(r, null, RejectionCode.ROW_DEFECT, r.defect());
            }
        }
        if (!c.ok()) {
            return new Refused(claimId, first.get(PAYER_ID), c.rejections());
        }
        checkConsistency(c, rows);
        if (!c.ok()) {
            return new Refused(claimId, first.get(PAYER_ID), c.rejections());
        }

        // payer first: its delimiters decide which characters can be sent
        String payerId = c.required(first, PAYER_ID);
        PayerProfile profile = null;
        if (payerId != null) {
            profile = payers.find(payerId).orElse(null);
            if (profile == null) {
                c.reject(first, PAYER_ID, RejectionCode.UNKNOWN_PAYER, "no payer profile for payer_id '" + payerId
                        + "' (known: " + String.join(", ", payers.all().stream().map(PayerProfile::id).toList()) + ")");
            } else {
                c.delimiters(profile.delimiters());
            }
        }
        RequestAssembler.Draft draft = assembler.assemble(c, rows, payerId);

        // dates against each other and against the processing date
        if (c.ok()) {
            dates.check(c, rows, draft.subscriber(), draft.dependent(), draft.event(), draft.lines());
        }
        if (c.ok() && profile != null) {
            window.check(c, rows, profile, draft.event(), draft.lines(), draft.attachment());
        }
        if (!c.ok()) {
            LocalDate from = draft.lines().stream().map(ServiceLine::dateFrom).min(Comparator.naturalOrder()).orElse(null);
            LocalDate to = draft.lines().stream().map(ServiceLine::lastDate).max(Comparator.naturalOrder()).orElse(null);
            return new Refused(claimId, payerId, c.rejections(), from, to);
        }
        return new Accepted(draft.request(claimId, payerId), profile);
    }

    /** Claim-level columns carry the same value on every row of a claim. */
    private static void checkConsistency(ClaimCheck c, List<ClaimRow> rows) {
        if (rows.size() < 2) {
            return;
        }
        ClaimRow first = rows.get(0);
        for (String col : CLAIM_LEVEL) {
            String v = first.get(col);
            List<Long> differing = new ArrayList<>();
            for (ClaimRow r : rows.subList(1, rows.size())) {
                if (!Objects.equals(v, r.get(col))) {
                    differing.add(r.row());
                }
            }
            if (!differing.isEmpty()) {
                List<Long> all = new ArrayList<>();
                all.add(first.row());
                all.addAll(differing);
                c.reject(all, col, RejectionCode.INCONSISTENT_CLAIM_ROWS, col + " differs between row " + first.row()
                        + " and row(s) " + String.join(", ", differing.stream().map(String::valueOf).toList())
                        + "; every row of a claim must carry the same " + col);
            }
        }
    }
}
