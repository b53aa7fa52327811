package org.retro278.ops.console;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.retro278.model.Gender;
import org.retro278.model.PatientEvent;
import org.retro278.model.Payer;
import org.retro278.model.PersonName;
import org.retro278.model.RequestCategory;
import org.retro278.model.Requester;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.model.RetroReason;
import org.retro278.model.ServiceLine;
import org.retro278.model.Subscriber;
import org.retro278.store.ClaimState;
import org.retro278.store.FileOutcome;
import org.retro278.store.InterchangeState;
import org.retro278.store.OperatorView;
import org.retro278.store.Reason;
import org.retro278.store.ReceivedFile;
import org.retro278.store.StoredClaim;

/**
 * A store of two made-up claims for the console's tests: key 7, sent in ISA13 101 with trace number TRN-7; key 8,
 * whose claim id is HTML (partners choose claim ids), rejected locally with words that quote a value. No real person.
 */
final class FakeOperatorView implements OperatorView {

    static final Instant AT = Instant.parse("2026-11-15T09:30:00Z");
    static final String MEMBER_ID = "ZZMEMBER0042";
    static final String LAST_NAME = "Fictionalson";
    static final String HTML_CLAIM_ID = "<b>CLM&8</b>";
    static final String REASON_WORDS = "member id ZZMEMBER0099 is not known";

    static final StoredClaim SENT = claim(7, "CLM7", ClaimState.SENT, List.of(), "TRN-7", 101L, 2L);
    static final StoredClaim REJECTED = claim(8, HTML_CLAIM_ID, ClaimState.REJECTED_LOCALLY,
            List.of(new Reason("MEMBER_ID_SYNTAX", REASON_WORDS, "member_id")), null, null, null);

    private static StoredClaim claim(long key, String claimId, ClaimState state, List<Reason> reasons, String trace, Long isa13,
                                     Long st02) {
        return new StoredClaim(key, 3, "RIVERSIDE", claimId, "PAYERA", state, false, List.of(2L), null, null, trace,
                trace == null ? null : "BHT-" + key, st02, isa13 == null ? null : 1L, isa13, isa13 == null ? null : 5L, 1, reasons,
                AT, AT, AT, isa13 == null ? null : AT, null, null, null, null, null);
    }

    private static List<StoredClaim> all() {
        return List.of(SENT, REJECTED);
    }

    @Override
    public StoreStatus status(StatusFilter filter, int limit) {
        ClaimSummary rejected = new ClaimSummary(8, "RIVERSIDE", HTML_CLAIM_ID, "PAYERA", ClaimState.REJECTED_LOCALLY, false,
                List.of("MEMBER_ID_SYNTAX"), null, null, null, AT, AT);
        return new StoreStatus(List.of(new ClaimCount(ClaimState.SENT, "PAYERA", "RIVERSIDE", 1),
                new ClaimCount(ClaimState.REJECTED_LOCALLY, "PAYERA", "RIVERSIDE", 1)), new Page<>(List.of(), 0),
                new Page<>(List.of(rejected), 1), new Page<>(List.of(), 0), new Page<>(recentInterchanges(limit), 1));
    }

    @Override
    public List<FileSummary> recentFiles(int limit) {
        return List.of(new FileSummary(3, "RIVERSIDE", "riverside-<1>.csv", FileOutcome.PROCESSED, null, AT));
    }

    @Override
    public List<InterchangeSummary> recentInterchanges(int limit) {
        return List.of(new InterchangeSummary(5, "PAYERA", 101, 1, "retro278-PAYERA-000000101.x12", InterchangeState.SENT, 1, 1, 0,
                AT, AT));
    }

    @Override
    public Optional<StoredClaim> claim(long key) {
        return all().stream().filter(c -> c.key() == key).findFirst();
    }

    @Override
    public List<StoredClaim> claimsInState(ClaimState state, String payerId, long afterKey, int limit) {
        return all().stream().filter(c -> c.state() == state && payerId.equals(c.payerId()) && c.key() > afterKey)
                .limit(limit).toList();
    }

    @Override
    public List<StoredClaim> claimsById(String claimId, String practiceId, long afterKey, int limit) {
        return all().stream().filter(c -> c.claimId().equals(claimId)).toList();
    }

    @Override
    public Optional<StoredClaim> claimByTrace(String traceNumber) {
        return all().stream().filter(c -> traceNumber.equals(c.traceNumber())).findFirst();
    }

    @Override
    public List<StoredClaim> claimsOfInterchange(long isa13, Long st02, long afterKey, int limit) {
        return all().stream().filter(c -> c.isa13() != null && c.isa13() == isa13 && (st02 == null || st02.equals(c.st02())))
                .toList();
    }

    @Override
    public List<StoredClaim> claimsOfFileNamed(String fileName, String practiceId, long afterKey, int limit) {
        return List.of();
    }

    @Override
    public Optional<ReceivedFile> file(long fileId) {
        return Optional.empty();
    }

    @Override
    public List<ClaimChange> history(long claimKey) {
        return List.of(new ClaimChange(1, AT, null, ClaimState.RECEIVED, "intake", 3L, "riverside-<1>.csv", null, null, null,
                null, null, null), new ClaimChange(2, AT, ClaimState.RECEIVED, claim(claimKey).orElseThrow().state(), "intake",
                3L, "riverside-<1>.csv", null, null, null, null, null, "checked"));
    }

    @Override
    public Optional<RetroAuthorizationRequest> request(long claimKey) {
        return Optional.of(new RetroAuthorizationRequest("CLM7", new Payer("PAYERA", "Plan A"),
                new Requester("1234567893", "Test Clinic", null, null),
                new Subscriber(MEMBER_ID, new PersonName(LAST_NAME, "Alex"), LocalDate.of(1980, 1, 1), Gender.U), null,
                new PatientEvent(RequestCategory.HS, "I", "86", "23", "03", null, null, null),
                List.of(new ServiceLine("99284", List.of(), null, BigDecimal.ONE, null, LocalDate.of(2026, 10, 2), null, null)),
                List.of("S52501A"), null, RetroReason.EMERGENCY, null));
    }
}
