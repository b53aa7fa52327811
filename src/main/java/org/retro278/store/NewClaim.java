package org.retro278.store;

import java.time.LocalDate;
import java.util.List;
import org.retro278.model.RetroAuthorizationRequest;

/**
 * A claim of a file as it is first written to the store.
 *
 * @param claimId the practice's claim_id, or {@code null} for rows that had none
 * @param payerId the payer id the claim names, or {@code null} when it names none
 * @param request the canonical request, or {@code null} when the claim could not be mapped to one
 *                (such a claim can only be rejected)
 * @param rows    the file rows the claim came from (header = row 1), in file order
 * @param reasons why the input rules refused the claim (empty for a claim that passed them); a claim
 *                with reasons becomes REJECTED_LOCALLY when its file is released
 * @param serviceFrom the earliest date of service: the request's, or for a refused claim the one its
 *                    readable lines give, else {@code null}
 * @param serviceTo   the latest date of service, likewise
 */
public record NewClaim(String claimId, String payerId, RetroAuthorizationRequest request, List<Long> rows,
                       List<Reason> reasons, LocalDate serviceFrom, LocalDate serviceTo) {
    public NewClaim {
        if (request != null) {
            serviceFrom = request.earliestServiceDate();
            serviceTo = request.latestServiceDate();
        }
        rows = List.copyOf(rows);
        reasons = List.copyOf(reasons);
        if (request != null && claimId != null && !claimId.equals(request.claimId())) {
            throw new IllegalArgumentException("the claim id differs from the request's");
        }
    }

    public NewClaim(String claimId, String payerId, RetroAuthorizationRequest request, List<Long> rows,
                    List<Reason> reasons) {
        this(claimId, payerId, request, rows, reasons, null, null);
    }

    public NewClaim(String claimId, String payerId, RetroAuthorizationRequest request, List<Long> rows) {
        this(claimId, payerId, request, rows, List.of());
    }

    /** A claim the input rules refused, with their reasons. */
    public static NewClaim rejected(String claimId, String payerId, List<Long> rows, List<Reason> reasons) {
        return rejected(claimId, payerId, rows, reasons, null, null);
    }

    /** A claim the input rules refused, with their reasons and the dates of service its lines give. */
    public static NewClaim rejected(String claimId, String payerId, List<Long> rows, List<Reason> reasons,
                                    LocalDate serviceFrom, LocalDate serviceTo) {
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a rejected claim needs a reason");
        }
        return new NewClaim(claimId, payerId, null, rows, reasons, serviceFrom, serviceTo);
    }

    /** A claim that mapped to a canonical request: its claim id and payer id come from the request. */
    public static NewClaim of(RetroAuthorizationRequest request, List<Long> rows) {
        return new NewClaim(request.claimId(), request.payer().id(), request, rows);
    }

    /** A claim that could not be mapped to a request (it will be rejected with reasons). */
    public static NewClaim unmapped(String claimId, String payerId, List<Long> rows) {
        return new NewClaim(claimId, payerId, null, rows);
    }

    /** Identifiers only: the request is PHI. */
    @Override
    public String toString() {
        return "NewClaim[claimId=" + claimId + ", payerId=" + payerId + ", rows=" + rows.size() + ", reasons=" + reasons + "]";
    }
}
