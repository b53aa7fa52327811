package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.retro278.testing.PhiWords;
import org.retro278.testing.ProjectFiles;
import org.retro278.testing.TestCsv;
import org.retro278.sftp.embedded.SftpServerExtension;
import org.retro278.status.StatusFileWriter;
import org.retro278.store.ClaimState;
import org.retro278.store.StoredClaim;
import org.retro278.store.TransactionStore;

/**
 * The sample claim file {@code riverside-2026-11-15.csv} as the response tests use it: its claims in the
 * store, its status files in riverside's outbox, and the values in it that are PHI (member ids, names,
 * birth dates, diagnosis codes), which no status file and no log line may show.
 */
final class RiversideFile {

    static final Path SAMPLE = ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv");
    static final String NAME = "riverside-2026-11-15.csv";
    static final List<String> PAYERA_CLAIMS = List.of("CLM1001", "CLM1002", "CLM1003");
    static final List<String> PAYERB_CLAIMS = List.of("CLM1004", "CLM1005");
    static final List<String> ALL_CLAIMS = List.of("CLM1001", "CLM1002", "CLM1003", "CLM1004", "CLM1005");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SftpServerExtension sftp;
    private final TransactionStore store;

    RiversideFile(SftpServerExtension sftp, TransactionStore store) {
        this.sftp = sftp;
        this.store = store;
    }

    /** The claims of the file (the first file of a fresh store), by claim id. */
    Map<String, StoredClaim> claims() {
        Map<String, StoredClaim> out = new LinkedHashMap<>();
        for (StoredClaim c : store.claimsOfFile(1)) {
            out.put(c.claimId(), c);
        }
        return out;
    }

    StoredClaim claim(String claimId) {
        StoredClaim c = claims().get(claimId);
        if (c == null) {
            throw new AssertionError(claimId + " is not in the store");
        }
        return c;
    }

    void awaitStates(Map<String, ClaimState> expected, Duration timeout) throws InterruptedException {
        AdapterHarness.await("claim states " + expected, timeout, () -> {
            Map<String, StoredClaim> now = claims();
            return expected.entrySet().stream().allMatch(e -> now.containsKey(e.getKey()) && now.get(e.getKey()).state() == e.getValue());
        });
    }

    static Map<String, ClaimState> all(List<String> claimIds, ClaimState state) {
        Map<String, ClaimState> m = new LinkedHashMap<>();
        claimIds.forEach(c -> m.put(c, state));
        return m;
    }

    // ------------------------------------------------------------------------------ status files

    Path statusCsv() {
        return sftp.home("riverside").resolve("outbox").resolve(NAME + ".status.csv");
    }

    Path statusJsonl() {
        return sftp.home("riverside").resolve("outbox").resolve(NAME + ".status.jsonl");
    }

    /** The rows of the CSV status file by claim id (empty when there is none yet). */
    Map<String, Map<String, String>> csvRows() throws IOException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (!Files.exists(statusCsv())) {
            return out;
        }
        List<List<String>> records = parseCsv(Files.readString(statusCsv(), StandardCharsets.UTF_8));
        assertEquals(StatusFileWriter.COLUMNS, records.get(0), "header of the status CSV");
        for (List<String> r : records.subList(1, records.size())) {
            assertEquals(StatusFileWriter.COLUMNS.size(), r.size(), () -> "cells of a status row: " + r);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < r.size(); i++) {
                row.put(StatusFileWriter.COLUMNS.get(i), r.get(i));
            }
            out.put(row.get("claim_id"), row);
        }
        return out;
    }

    /** The lines of the JSON Lines status file by claim id. */
    Map<String, JsonNode> jsonRows() throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (!Files.exists(statusJsonl())) {
            return out;
        }
        for (String line : Files.readAllLines(statusJsonl(), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode n = JSON.readTree(line);
                out.put(n.get("claim_id").asText(), n);
            }
        }
        return out;
    }

    /** Waits until both status files are there and agree with the condition on the CSV rows and the JSON lines. */
    void awaitStatus(String what, Duration timeout, Predicate<Map<String, Map<String, String>>> csv,
                     Predicate<Map<String, JsonNode>> jsonl) throws InterruptedException {
        AdapterHarness.await("status files: " + what, timeout, () -> {
            try {
                return csv.test(csvRows()) && jsonl.test(jsonRows());
            } catch (IOException | RuntimeException | AssertionError e) {
                return false;
            }
        });
    }

    /** Waits until both status files show these states (CSV and JSON Lines). */
    void awaitStatusStates(Map<String, ClaimState> expected, Duration timeout) throws InterruptedException {
        awaitStatus(expected.toString(), timeout,
                rows -> expected.entrySet().stream().allMatch(e -> rows.containsKey(e.getKey())
                        && e.getValue().name().equals(rows.get(e.getKey()).get("state"))),
                lines -> expected.entrySet().stream().allMatch(e -> lines.containsKey(e.getKey())
                        && e.getValue().name().equals(lines.get(e.getKey()).get("state").asText())));
    }

    /** Fails when a status file shows a member id, a name, a birth date or a diagnosis code of the sample. */
    void assertStatusFilesShowNoPhi() throws IOException {
        for (Path f : List.of(statusCsv(), statusJsonl())) {
            PhiWords.of(phi()).firstIn(Files.readString(f, StandardCharsets.UTF_8))
                    .ifPresent(v -> fail(f.getFileName() + " shows the sample's PHI value " + v));
        }
    }

    /** Member ids, subscriber and patient names, birth dates (as written and as CCYYMMDD) and diagnosis codes of the sample. */
    static Set<String> phi() throws IOException {
        List<List<String>> records = parseCsv(Files.readString(SAMPLE, StandardCharsets.UTF_8));
        List<String> header = records.get(0);
        Set<String> out = new LinkedHashSet<>();
        for (List<String> r : records.subList(1, records.size())) {
            for (String column : List.of("member_id", "subscriber_last_name", "subscriber_first_name", "subscriber_dob",
                    "patient_last_name", "patient_first_name", "patient_dob", "diagnosis_codes")) {
                String v = r.get(header.indexOf(column));
                if (v.isBlank()) {
                    continue;
                }
                for (String part : column.equals("diagnosis_codes") ? v.split("\\|") : new String[] {v}) {
                    out.add(part);
                    if (column.endsWith("_dob")) {
                        out.add(part.replace("-", ""));
                    }
                }
            }
        }
        if (out.size() < 20) {
            throw new AssertionError("the sample's PHI values were not found: " + out);
        }
        return out;
    }

    /** RFC 4180 records (quoted cells, doubled quotes, quoted line breaks). */
    static List<List<String>> parseCsv(String text) {
        return TestCsv.parse(text);
    }
}
