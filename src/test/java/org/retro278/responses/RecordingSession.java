package org.retro278.responses;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.store.ClaimState;
import org.retro278.store.Reason;
import org.retro278.store.ResponseSession;
import org.retro278.store.StoredClaim;

/**
 * A response session over claims the test declares, all SENT at first: finds them by the keys answers carry
 * and applies moves and decisions with the same guards as the store, so a test sees what {@code run} would
 * leave each claim in without a database.
 */
final class RecordingSession implements ResponseSession {

    /** One declared claim and where the answers left it. */
    static final class Claim {
        final long key;
        final String label;
        final Long isa13;
        final Long gs06;
        final Long st02;
        final String trace;
        final String bht03;
        ClaimState state = ClaimState.SENT;
        List<Reason> reasons = List.of();

        Claim(long key, String label, Long isa13, Long gs06, Long st02, String trace, String bht03) {
            this.key = key;
            this.label = label;
            this.isa13 = isa13;
            this.gs06 = gs06;
            this.st02 = st02;
            this.trace = trace;
            this.bht03 = bht03;
        }

        StoredClaim stored() {
            Instant t = Instant.EPOCH;
            return new StoredClaim(key, 1, "practice", label, "PAYERA", state, false, List.of(), null, null, trace, bht03, st02,
                    gs06, isa13, 1L, 1, reasons, t, t, t, t, null, null, null, null, null);
        }
    }

    private final Map<Long, Claim> claims = new LinkedHashMap<>();
    final List<String> unmatched = new ArrayList<>();

    /** A claim sent in interchange {@code isa13}, group {@code gs06}, set {@code st02}, with TRN02 and BHT03. */
    Claim claim(String label, Long isa13, Long gs06, Long st02, String trace, String bht03) {
        Claim c = new Claim(claims.size() + 1, label, isa13, gs06, st02, trace, bht03);
        claims.put(c.key, c);
        return c;
    }

    Collection<Claim> claims() {
        return claims.values();
    }

    private List<StoredClaim> where(Predicate<Claim> p) {
        return claims.values().stream().filter(p).map(Claim::stored).toList();
    }

    @Override
    public List<StoredClaim> claimsOfInterchange(long isa13) {
        return where(c -> c.isa13 != null && c.isa13 == isa13);
    }

    @Override
    public List<StoredClaim> claimsOfGroup(long gs06) {
        return where(c -> c.gs06 != null && c.gs06 == gs06);
    }

    @Override
    public Optional<StoredClaim> claimOfSet(long gs06, long st02) {
        return where(c -> c.gs06 != null && c.gs06 == gs06 && c.st02 != null && c.st02 == st02).stream().findFirst();
    }

    @Override
    public Optional<StoredClaim> claimByTrace(String traceNumber) {
        return where(c -> traceNumber.equals(c.trace)).stream().findFirst();
    }

    @Override
    public Optional<StoredClaim> claimByBht03(String bht03) {
        return where(c -> bht03.equals(c.bht03)).stream().findFirst();
    }

    @Override
    public Optional<RetroAuthorizationRequest> request(long claimKey) {
        return Optional.empty();
    }

    @Override
    public boolean move(long claimKey, Collection<ClaimState> from, ClaimState to, List<Reason> reasons, String detail) {
        Claim c = claims.get(claimKey);
        if (!from.contains(c.state)) {
            return false;
        }
        c.state = to;
        c.reasons = List.copyOf(reasons);
        return true;
    }

    @Override
    public boolean decide(long claimKey, Collection<ClaimState> from, ClaimState to, String authorizationNumber,
                          String decisionCode, String adminReference, String responseJson, List<Reason> reasons, String detail) {
        return move(claimKey, from, to, reasons, detail);
    }

    @Override
    public void unmatched(String kind, String reference, String summaryJson) {
        unmatched.add(kind + " " + reference);
    }
}
