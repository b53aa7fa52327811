package org.retro278.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.ProjectFiles;
import org.retro278.build.X12Checks;
import org.retro278.config.PayerDirectory;
import org.retro278.config.PracticeDirectory;
import org.retro278.config.RuntimeSettings;
import org.retro278.inbound.InboundFiles;
import org.retro278.io.Hashes;
import org.retro278.status.StatusFiles;
import org.retro278.store.ClaimIdentity;
import org.retro278.store.ClaimState;
import org.retro278.store.Reason;
import org.retro278.store.StoreInspection;
import org.retro278.store.StoredClaim;
import org.retro278.store.TransactionStore;

/**
 * The same claims dropped again in a file whose bytes differ (the file hash does not catch it): each is
 * recorded REJECTED_LOCALLY with DUPLICATE_CLAIM naming the earlier file, and the practice's status files
 * say so. A claim whose earlier copy was rejected, or with another date of service, is taken in.
 */
class ClaimIntakeDuplicateClaimsTest {

    static final Path SAMPLE = ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv");
    static final String NAME = "riverside-2026-11-15.csv";
    static final List<String> CLAIMS = List.of("CLM1001", "CLM1002", "CLM1003", "CLM1004", "CLM1005");
    /** The day after the sample's date: every claim is inside its payer's retro window. */
    static final Instant FIRST_DROP = Instant.parse("2026-11-16T10:00:00Z");

    @TempDir
    Path dir;
    private final SteppingClock clock = new SteppingClock(FIRST_DROP);
    private TransactionStore store;
    private ClaimIntake intake;
    private String sample;

    @BeforeEach
    void start() throws Exception {
        store = TransactionStore.openH2(dir.resolve("work"), "", clock);
        intake = new ClaimIntake(store, PracticeDirectory.load(ProjectFiles.path("config/practices")),
                PayerDirectory.load(ProjectFiles.path("config/payers")), X12Checks.facts(), ProjectFiles.path("mappings"),
                InboundFiles.claimFiles(dir.resolve("quarantine"), RuntimeSettings.defaults().readFolders(), clock), clock);
        sample = Files.readString(SAMPLE, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        if (intake != null) {
            intake.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private ClaimFileOutcome drop(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        ClaimFileOutcome o = intake.receive("RIVERSIDE", name, f);
        clock.advance(Duration.ofHours(1));
        return o;
    }

    private Map<String, StoredClaim> claimsOf(long fileId) {
        Map<String, StoredClaim> out = new LinkedHashMap<>();
        for (StoredClaim c : store.claimsOfFile(fileId)) {
            out.put(c.claimId(), c);
        }
        return out;
    }

    /** The sample with the rows of one claim changed. */
    private String withRowsOf(String claimId, String from, String to) {
        StringBuilder b = new StringBuilder();
        for (String line : sample.split("(?<=\n)")) {
            b.append(line.startsWith(claimId + ",") ? line.replace(from, to) : line);
        }
        String out = b.toString();
        if (out.equals(sample)) {
            throw new IllegalArgumentException("nothing changed");
        }
        return out;
    }

    @Test
    void theSameClaimsInAFileThatDiffersByOneByteAreRejectedAsDuplicatesNamingTheFirstFile() throws Exception {
        ClaimFileOutcome first = drop(NAME, sample);
        assertEquals(ClaimFileOutcome.Kind.PROCESSED, first.kind());
        assertEquals(5, first.ready());

        ClaimFileOutcome second = drop("riverside-2026-11-15-again.csv", sample + "\n");
        assertEquals(ClaimFileOutcome.Kind.PROCESSED, second.kind(), "not the same bytes: read, not a file duplicate");
        assertEquals(0, second.ready());
        assertEquals(5, second.rejected());
        Map<String, StoredClaim> again = claimsOf(second.fileId());
        assertEquals(CLAIMS, List.copyOf(again.keySet()));
        for (StoredClaim c : again.values()) {
            assertEquals(ClaimState.REJECTED_LOCALLY, c.state(), c.claimId());
            assertEquals(1, c.reasons().size(), c.reasons().toString());
            Reason r = c.reasons().get(0);
            assertEquals("DUPLICATE_CLAIM", r.code());
            assertTrue(r.words().contains("'" + NAME + "' received 2026-11-16T10:00:00Z (file " + first.fileId() + "), now READY"),
                    r.words());
        }
        assertTrue(new StoreInspection(store).findReady("PAYERA", 100).stream().allMatch(c -> c.fileId() == first.fileId()), "only the first copies wait");
        assertEquals(3, new StoreInspection(store).findReady("PAYERA", 100).size());

        // the practice's status file of the second file says so, in both forms
        new StatusFiles(store, dir.resolve("status")).due("RIVERSIDE");
        Path csv = dir.resolve("status/RIVERSIDE/riverside-2026-11-15-again.csv.status.csv");
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(6, rows.size(), rows.toString());
        for (String row : rows.subList(1, rows.size())) {
            assertTrue(row.contains(",REJECTED_LOCALLY,") && row.contains("DUPLICATE_CLAIM")
                    && row.contains("already taken in from '" + NAME + "'") && row.contains("Already taken in from an earlier file"), row);
        }
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(dir.resolve("status/RIVERSIDE/riverside-2026-11-15-again.csv.status.jsonl"));
        assertEquals(5, lines.stream().filter(l -> !l.isBlank()).count());
        for (String l : lines) {
            if (l.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(l);
            assertEquals("REJECTED_LOCALLY", n.get("state").asText());
            assertEquals("DUPLICATE_CLAIM", n.get("reasons").get(0).get("code").asText());
            assertTrue(n.get("reasons").get(0).get("words").asText().contains("'" + NAME + "'"), l);
        }
    }

    @Test
    void aClaimWhoseEarlierCopyWasRejectedLocallyIsTakenIn() throws Exception {
        // CLM1001 first arrives with a bad requester NPI (check digit) and is rejected by the rules
        ClaimFileOutcome first = drop("first.csv", withRowsOf("CLM1001", ",1234567893,", ",1234567890,"));
        assertEquals(4, first.ready());
        assertEquals(ClaimState.REJECTED_LOCALLY, claimsOf(first.fileId()).get("CLM1001").state());

        ClaimFileOutcome corrected = drop("corrected.csv", sample);
        Map<String, StoredClaim> claims = claimsOf(corrected.fileId());
        assertEquals(ClaimState.READY, claims.get("CLM1001").state(), "the corrected claim goes out");
        assertTrue(claims.get("CLM1001").reasons().isEmpty());
        for (String id : CLAIMS.subList(1, 5)) {
            assertEquals("DUPLICATE_CLAIM", claims.get(id).reasons().get(0).code(), id);
        }

        // the duplicates of the corrected file are themselves REJECTED_LOCALLY: a third copy still names the first
        ClaimFileOutcome third = drop("third.csv", sample + "\r\n");
        Map<String, StoredClaim> thirdClaims = claimsOf(third.fileId());
        assertTrue(thirdClaims.get("CLM1002").reasons().get(0).words().contains("'first.csv'"),
                thirdClaims.get("CLM1002").reasons().get(0).words());
        assertTrue(thirdClaims.get("CLM1001").reasons().get(0).words().contains("'corrected.csv'"),
                thirdClaims.get("CLM1001").reasons().get(0).words());
    }

    @Test
    void aClaimWithAnotherDateOfServiceIsANewClaim() throws Exception {
        ClaimFileOutcome first = drop(NAME, sample);
        ClaimFileOutcome second = drop("moved.csv", withRowsOf("CLM1002", ",2026-09-18,", ",2026-09-19,"));
        assertEquals(1, second.ready());
        assertEquals(4, second.rejected());
        Map<String, StoredClaim> claims = claimsOf(second.fileId());
        assertEquals(ClaimState.READY, claims.get("CLM1002").state());
        assertEquals(ClaimState.REJECTED_LOCALLY, claims.get("CLM1001").state());
        assertEquals(5, claimsOf(first.fileId()).values().stream().filter(c -> c.state() == ClaimState.READY).count());
    }

    @Test
    void theIdentityOfASampleClaimIsTheHashOfTheCanonicalTextDocsRulesShows() throws Exception {
        ClaimFileOutcome first = drop(NAME, sample);
        StoredClaim clm1002 = claimsOf(first.fileId()).get("CLM1002");
        String documented = """
                retro278-claim-identity/1
                practice=RIVERSIDE
                claim_id=CLM1002
                payer_id=PAYERA
                member_id=AHP100377812
                patient=DEPENDENT
                patient_last_name=CASTELLANOS
                patient_first_name=LUCIA
                patient_dob=2015-06-04
                request_category=HS
                admission_date=
                service_date_from=2026-09-18
                service_date_to=2026-09-18
                """;
        assertEquals(documented, ClaimIdentity.canonicalText("RIVERSIDE", new StoreInspection(store).request(clm1002.key()).orElseThrow()));
        try (Connection c = DriverManager.getConnection(TransactionStore.h2Url(dir.resolve("work")), "sa", "");
             PreparedStatement q = c.prepareStatement("select identity_sha256 from claim where id = ?")) {
            q.setLong(1, clm1002.key());
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(Hashes.sha256(documented), rs.getString(1));
            }
        }
    }

    /** A UTC clock the test moves by hand. */
    static final class SteppingClock extends Clock {
        private final AtomicReference<Instant> now;

        SteppingClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
