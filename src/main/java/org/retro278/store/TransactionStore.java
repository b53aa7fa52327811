package org.retro278.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.x12.RequestIdentifiers;
import org.retro278.x12.control.ControlNumbersExhaustedException;

/**
 * The transaction store: one row per received file, per claim (with its state) and per interchange
 * sent, the control-number counters, and an audit trail of every claim's state changes. It is what
 * makes a claim impossible to lose or to send twice.
 *
 * <p>Plain JDBC over a HikariCP pool; the schema comes from the Flyway migrations in
 * {@code db/migration}, applied when the store opens, and runs unchanged on H2 (the default, a file
 * under the work directory) and PostgreSQL. Every method is one database transaction that commits
 * before it returns or rolls back entirely; a transaction that fails on a deadlock, a serialization
 * conflict or a lock timeout is retried a few times first (each is atomic, so a retry cannot double
 * anything).
 *
 * <p>State changes are guarded: a move names the state the claim must be in, and a claim in any other
 * state does not move (the method reports how many did). Routes rely on this to be idempotent: a
 * message processed twice moves nothing the second time. Every state change, and every reservation
 * into an interchange, writes a row of the claim's history in the same transaction.
 *
 * <p>This class is the front the rest of retro278 uses; the work is done by its rooms, one concern each:
 * the {@link Database} (pool, migrations, transactions), {@link ReceivedFiles}, the {@link ClaimLedger},
 * the {@link InterchangeLedger}, the {@link ResponseTransaction} and the operator's {@link OperatorQueries}.
 *
 * <p>PHI: the canonical request (JSON), reasons and responses are PHI and stay in the database; the store
 * logs only ids, states, counts and control numbers, and its exceptions carry no values.
 */
public final class TransactionStore implements AutoCloseable {

    /** The longest a GS group may be: GE01 counts at most 99,999 transaction sets (and so do we). */
    public static final int MAX_TRANSACTION_SETS = 99_999;

    private final Database db;
    private final ReceivedFiles files;
    private final ClaimLedger claims;
    private final InterchangeLedger interchanges;
    private final OperatorQueries operator;
    private final OperatorChanges actions;

    private TransactionStore(Database db) {
        this.db = db;
        this.files = new ReceivedFiles(db);
        this.claims = new ClaimLedger(db, files);
        this.interchanges = new InterchangeLedger(db);
        this.operator = new OperatorQueries(db, claims);
        this.actions = new OperatorChanges(db, claims);
    }

    // ---------------------------------------------------------------------------------- opening

    /**
     * Opens the store at a JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql://...}), brings its
     * schema up to date with Flyway and keeps a pool of connections until {@link #close()}.
     *
     * @param password from the environment or a file outside the repository, never from committed settings;
     *                 may be empty (H2's default user, PostgreSQL trust authentication)
     */
    public static TransactionStore open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, Clock.systemUTC());
    }

    /** {@link #open(String, String, String)} with the clock that stamps every row (tests, {@code --as-of} runs). */
    public static TransactionStore open(String jdbcUrl, String user, String password, Clock clock) {
        return new TransactionStore(Database.open(jdbcUrl, user, password, clock));
    }

    /** The JDBC URL of the default store: an H2 database under the work directory ({@link Database#h2Url}). */
    public static String h2Url(Path workDir) {
        return Database.h2Url(workDir);
    }

    /**
     * Opens the default store under the work directory, creating its folder owner-only (the database
     * files hold PHI), as H2's default user {@code sa} with the password given (may be empty).
     */
    public static TransactionStore openH2(Path workDir, String password) throws IOException {
        return openH2(workDir, password, Clock.systemUTC());
    }

    /** {@link #openH2(Path, String)} with the clock that stamps every row. */
    public static TransactionStore openH2(Path workDir, String password, Clock clock) throws IOException {
        return new TransactionStore(Database.openH2(workDir, password, clock));
    }

    /** Closes the pool. Further calls fail. */
    @Override
    public void close() {
        db.close();
    }

    /** The store's clock: the time stamps it writes are on it. */
    public Instant currentTime() {
        return db.now().toInstant();
    }

    /** What the metrics and health checks ask: counts per state, answers since a point, whether it answers. */
    public ClaimCensus census() {
        return new ClaimCensus(db);
    }

    // ---------------------------------------------------------------------------------- files

    /**
     * Records a claim file as it arrives. When the same practice sent the same bytes before (same
     * SHA-256, whatever became of that file), the drop is recorded as a {@link FileOutcome#DUPLICATE}
     * of the earlier file and must not be processed; otherwise it is recorded as
     * {@link FileOutcome#RECEIVED}. Two processes recording the same bytes at once get one RECEIVED and
     * one DUPLICATE (a unique constraint decides).
     *
     * @param sha256 hex SHA-256 of the file's bytes (either case)
     */
    public ReceivedFile recordReceivedFile(String practiceId, String fileName, long size, String sha256) {
        return files.recordReceivedFile(practiceId, fileName, size, sha256, null);
    }

    /** As {@link #recordReceivedFile(String, String, long, String)}, with the server's modification time of the file (epoch ms). */
    public ReceivedFile recordReceivedFile(String practiceId, String fileName, long size, String sha256, Long sourceModified) {
        return files.recordReceivedFile(practiceId, fileName, size, sha256, sourceModified);
    }

    /** Whether a file on the practice's server is the one recorded as {@code fileId} (same name, size and modification time). */
    public boolean isSameSourceFile(long fileId, String fileName, long size, long sourceModified) {
        return files.isSameSourceFile(fileId, fileName, size, sourceModified);
    }

    /**
     * Marks a received file as refused as a whole. Claims already recorded from it stay as they are
     * (and are counted). Guarded: only a file in {@link FileOutcome#RECEIVED} changes.
     *
     * @param reason plain words for the practice (may quote the file: never logged)
     * @return whether the file changed
     */
    public boolean markFileRefused(long fileId, String reason) {
        return files.markFileRefused(fileId, reason);
    }

    /** The file with this id. */
    public Optional<ReceivedFile> findFile(long fileId) {
        return files.findFile(fileId);
    }

    /** The first copy of these bytes from this practice, if it sent them before. */
    public Optional<ReceivedFile> findFirstCopy(String practiceId, String sha256) {
        return files.findFirstCopy(practiceId, sha256);
    }

    /** Whether another, earlier file of the practice had this name. */
    public boolean fileNameUsedBefore(String practiceId, String fileName, long fileId) {
        return files.fileNameUsedBefore(practiceId, fileName, fileId);
    }

    /** What {@link #releaseFile} did. */
    public record FileRelease(int ready, int rejected) {
    }

    /**
     * Ends the intake of a file in ONE transaction: its RECEIVED claims that passed the input rules become READY
     * (visible to the submission), those with reasons REJECTED_LOCALLY, and the file becomes PROCESSED.
     *
     * @throws IllegalStateException when the file is not in {@link FileOutcome#RECEIVED}
     */
    public FileRelease releaseFile(long fileId) {
        return files.releaseFile(fileId);
    }

    /**
     * Forgets what an interrupted intake recorded for a file and did not release (its RECEIVED claims and their
     * history), so that the file can be read again; claims already released (a chunk, {@link #recordReleasedClaims})
     * stay, and {@link #releasedRows} says which to skip. Only a file still in {@link FileOutcome#RECEIVED}.
     *
     * @return how many claims were forgotten
     */
    public int restartFile(long fileId) {
        return files.restartFile(fileId);
    }

    /** The first file row of each claim of a file being taken in that is past RECEIVED (released in a chunk). */
    public BitSet releasedRows(long fileId) {
        return files.releasedRows(fileId);
    }

    /**
     * The processed files of a practice with a claim that changed since the file's status was last
     * published (or never published), oldest first.
     */
    public List<ReceivedFile> filesWithNewStatus(String practiceId) {
        return files.filesWithNewStatus(practiceId);
    }

    /**
     * Records that the status of a file was published as it was at {@code asOf} (taken before the claims
     * were read, so that a change while writing triggers another publication). Never moves backwards.
     */
    public boolean statusPublished(long fileId, Instant asOf) {
        return files.statusPublished(fileId, asOf);
    }

    // ---------------------------------------------------------------------------------- claims

    /**
     * Records claims of a received file, all in state {@link ClaimState#RECEIVED}, in one transaction
     * (one batch; call it per chunk for large files). Each gets an arrival entry in its history.
     *
     * <p>A claim with a canonical request gets its {@link ClaimIdentity}. A claim that passed the input rules
     * and has the identity of an earlier claim of another file that is in flight or decided
     * ({@link ClaimState#blocksRedrop()}) is given the reason {@code DUPLICATE_CLAIM}, naming the earlier
     * claim's file, its arrival and its state: its file's release then rejects it locally, and it is never
     * sent. The lookup is one indexed query per {@value ReceivedFiles#IDENTITY_LOOKUP} claims, in this transaction.
     *
     * @return the store's key of each claim, in the order given
     * @throws IllegalStateException when the file is not in {@link FileOutcome#RECEIVED} (a duplicate
     *                               is never processed)
     * @throws StoreException        when a claim id repeats within the file (unique per file)
     */
    public List<Long> recordClaims(long fileId, List<NewClaim> newClaims) {
        return claims.recordClaims(fileId, newClaims);
    }

    /**
     * A chunk of a file whose every file-level check has passed, recorded as {@link #recordClaims} does and released
     * in the same transaction, as {@link #releaseFile} would release it (READY or REJECTED_LOCALLY, the same history);
     * the file stays RECEIVED until {@link #releaseFile}. The submission may take its READY claims at once.
     */
    public FileRelease recordReleasedClaims(long fileId, List<NewClaim> newClaims) {
        return claims.recordReleasedClaims(fileId, newClaims);
    }

    /**
     * Forgets a claim of a file that the claim-file reader took back (its rows were not adjacent; the
     * whole claim is recorded again later), with its history. Only a claim still in
     * {@link ClaimState#RECEIVED} or {@link ClaimState#REJECTED_LOCALLY} can be forgotten: once it has
     * been READY it is kept for good.
     *
     * @return whether a claim was forgotten
     */
    public boolean retractClaim(long fileId, String claimId) {
        return claims.retractClaim(fileId, claimId);
    }

    /**
     * Flags claims whose acknowledgment or decision is late. Only claims that await an answer (SENT,
     * ACCEPTED, PENDED) and are not flagged yet change; the flag is cleared by the claim's next move.
     *
     * @param detail PHI-free words for the history (for example which deadline passed)
     * @return how many claims were flagged
     */
    public int flagOverdue(Collection<Long> claimKeys, String detail) {
        return claims.flagOverdue(claimKeys, detail);
    }

    /** The claims recorded from a file, in the order they were recorded. */
    public List<StoredClaim> claimsOfFile(long fileId) {
        return claims.claimsOfFile(fileId);
    }

    /** Hands each claim of a file, in the order they were recorded, to the visitor; memory stays flat. */
    public void forEachClaimOfFile(long fileId, ClaimVisitor visitor) throws IOException {
        claims.forEachClaimOfFile(fileId, visitor);
    }

    /** Receives claims one by one. */
    @FunctionalInterface
    public interface ClaimVisitor {
        void visit(StoredClaim claim) throws IOException;
    }

    /** A claim whose answer is late, as {@link #lateClaims} finds it. */
    public record LateClaim(long key, String claimId, ClaimState state, Instant since) {
    }

    /**
     * Claims of a payer whose answer is late and that are not flagged yet: SENT before {@code sentBefore}
     * (no acknowledgment), ACCEPTED before {@code acceptedBefore} (no decision), PENDED before
     * {@code pendedBefore} (no final decision).
     */
    public List<LateClaim> lateClaims(String payerId, Instant sentBefore, Instant acceptedBefore, Instant pendedBefore) {
        return claims.lateClaims(payerId, sentBefore, acceptedBefore, pendedBefore);
    }

    /**
     * The claims waiting for one payer (READY, not yet reserved), or empty when none: the oldest, and how many up to
     * {@code countUpTo} (a count that stops there), off the queue index; cheap enough for every tick of the submission
     * route whatever the queue's length.
     */
    public Optional<ReadyQueue> readyQueue(String payerId, int countUpTo) {
        return claims.readyQueue(payerId, countUpTo);
    }

    /** {@link #readyQueue(String, int)} counting up to one: whether claims wait, and since when. */
    public Optional<ReadyQueue> readyQueue(String payerId) {
        return claims.readyQueue(payerId, 1);
    }

    /**
     * A number that goes up after every commit of this process that made claims READY (a file released, resubmitted
     * claims, a given-up interchange's claims released): the submission looks at a payer's queue again when it
     * changed, and otherwise only every so often, for claims another process made READY.
     */
    public long readyChanges() {
        return db.readyChanges();
    }

    // ---------------------------------------------------------------------------------- responses

    /** What {@link #applyResponseFile} did with a file. */
    public record AppliedResponseFile(long id, boolean duplicate, ResponseSession.Tally tally) {
    }

    /**
     * Applies one response file of a payer in ONE transaction: records the file (payer, name, SHA-256),
     * runs the work with a {@link ResponseSession}, commits. The same bytes from the same payer again are a
     * duplicate: nothing runs, nothing changes.
     */
    public AppliedResponseFile applyResponseFile(String payerId, String fileName, String sha256, ResponseSession.Work work)
            throws IOException {
        return ResponseTransaction.apply(db, claims, payerId, fileName, sha256, work);
    }

    // ---------------------------------------------------------------------------------- interchanges

    /**
     * Sets aside, in ONE transaction, the next interchange for a payer: up to {@code maxClaims} of its
     * READY claims not yet held by an interchange (the longest-waiting first) get an ISA13, a GS06 and
     * consecutive ST02s from the control-number table, an interchange row in state
     * {@link InterchangeState#SENDING} under the file name made from its ISA13, and their trace number
     * (TRN02) and BHT03 ({@link RequestIdentifiers}). The claims stay READY until
     * {@link #markInterchangeSent}. Concurrent reservations, in this or another process, are
     * serialized by the interchange counter's row lock, so no claim and no number is ever in two.
     *
     * @param envelopeTime     the date and time the interchange is written with (and BHT03 carries)
     * @param fileNameForIsa13 the file name of the interchange with this ISA13
     * @return the reservation, or empty when no claim is waiting (then nothing was allocated)
     * @throws ControlNumbersExhaustedException when a counter would pass nine digits; nothing was reserved
     */
    public Optional<ReservedInterchange> reserveInterchange(String payerId, int maxClaims, LocalDateTime envelopeTime,
                                                            LongFunction<String> fileNameForIsa13)
            throws ControlNumbersExhaustedException {
        return interchanges.reserveInterchange(payerId, maxClaims, envelopeTime, fileNameForIsa13);
    }

    /**
     * Hands each claim of an interchange, in ST02 order, with its identifiers and canonical request to
     * {@code visitor}: what the submission route needs to write (or, after a crash, rewrite the same)
     * transaction sets. Requests are read one at a time, so memory stays flat.
     */
    public void forEachRequest(long interchangeId, RequestVisitor visitor) throws IOException {
        interchanges.forEachRequest(interchangeId, visitor);
    }

    /** Receives the claims of an interchange one by one. */
    @FunctionalInterface
    public interface RequestVisitor {
        /** One claim of the interchange; the request is PHI. */
        void visit(ReservedClaim claim, RetroAuthorizationRequest request) throws IOException;
    }

    /**
     * Takes a claim out of an interchange in SENDING that has not gone out yet, into {@link ClaimState#ERROR}
     * with the reasons (for example: the 278 built for it failed validation, a defect of retro278). The
     * interchange then holds one transaction set fewer; the claim's control numbers are not reused.
     *
     * @return whether the claim was taken out (false: not READY in that interchange, or the interchange
     *         is not SENDING)
     */
    public boolean dropFromInterchange(long interchangeId, long claimKey, List<Reason> reasons) {
        return interchanges.dropFromInterchange(interchangeId, claimKey, reasons);
    }

    /**
     * Records the SHA-256 and size of the bytes built for an interchange in SENDING (so that a re-send
     * after a crash can check it delivers the same bytes).
     *
     * @return whether the interchange was in SENDING and was updated
     */
    public boolean recordInterchangeBytes(long interchangeId, String sha256, long size) {
        return interchanges.recordInterchangeBytes(interchangeId, sha256, size);
    }

    /**
     * Marks a delivered interchange SENT and every one of its claims SENT, all or nothing, in one
     * transaction. Calling it again for an interchange already SENT changes nothing and returns false.
     *
     * @return true when this call marked it
     * @throws IllegalStateException when the interchange is FAILED or unknown, or when any of its claims is
     *                               no longer READY (the store would then disagree with what was sent;
     *                               nothing changes and an operator must look)
     */
    public boolean markInterchangeSent(long interchangeId) {
        return interchanges.markInterchangeSent(interchangeId);
    }

    /**
     * Records a failed delivery attempt of an interchange in SENDING: one more attempt, the time and
     * the error. The interchange stays SENDING (to be tried again).
     *
     * @param error PHI-free words (no file content), cut to 1,000 characters
     * @return whether the interchange was in SENDING
     */
    public boolean recordSendFailure(long interchangeId, String error) {
        return interchanges.recordSendFailure(interchangeId, error);
    }

    /**
     * Gives an interchange in SENDING up for good: FAILED, with the error. Use it only when the payer
     * certainly never received it. Its READY claims are released in the same transaction (no
     * interchange, no control numbers) and go out again in a later reservation with new numbers.
     *
     * @return whether the interchange was in SENDING
     */
    public boolean markInterchangeFailed(long interchangeId, String error) {
        return interchanges.markInterchangeFailed(interchangeId, error);
    }

    /** The interchanges of one payer in SENDING, oldest first: after a crash, each was reserved and possibly not delivered. */
    public List<Interchange> interchangesSending(String payerId) {
        return interchanges.interchangesSending(payerId);
    }

    /** The interchange with this id. */
    public Optional<Interchange> findInterchange(long interchangeId) {
        return interchanges.findInterchange(interchangeId);
    }

    /** The calls of real-time (CORE) payer gateways: recorded before each call, their outcomes with the claim's move. */
    public RealTimeLedger realTime() {
        return new RealTimeLedger(db, claims, interchanges);
    }

    // ---------------------------------------------------------------------------------- the operator

    /** What the operator's commands ask ({@code status}, {@code claim}): read-only, paged, on indexes. */
    public OperatorView operatorView() {
        return operator;
    }

    /** What the operator's commands change ({@code resubmit}, {@code reapply}, {@code purge}): guarded, one transaction each. */
    public OperatorActions operatorActions() {
        return actions;
    }

    // ---------------------------------------------------------------------------------- the rooms, for test support

    Database database() {
        return db;
    }

    ReceivedFiles files() {
        return files;
    }

    ClaimLedger claims() {
        return claims;
    }

    InterchangeLedger interchanges() {
        return interchanges;
    }
}
