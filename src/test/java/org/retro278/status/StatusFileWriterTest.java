package org.retro278.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.retro278.store.ClaimState;
import org.retro278.store.Reason;
import org.retro278.store.StoredClaim;

/** The status CSV never hands a spreadsheet a formula, whatever a practice put in its claim file. */
class StatusFileWriterTest {

    private static StoredClaim rejected(String claimId, String payerId, Reason reason) {
        return new StoredClaim(1, 1, "RIVERSIDE", claimId, payerId, ClaimState.REJECTED_LOCALLY, false, List.of(2L, 3L),
                LocalDate.of(2026, 10, 2), null, null, null, null, null, null, null, 0, List.of(reason),
                Instant.parse("2026-11-16T10:00:00Z"), Instant.parse("2026-11-16T10:00:00Z"), null, null, null, null, null,
                null, null);
    }

    @Test
    void cellsStartingWithAFormulaCharacterAreNeutralisedAndTheJsonKeepsTheValue() throws Exception {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        try (StatusFileWriter w = new StatusFileWriter(csv, jsonl)) {
            w.write(rejected("=HYPERLINK(\"http://x\",\"y\")", "+PAYER", new Reason("INVALID_CLAIM_ID", "-bad", "@field")));
        }
        String[] lines = csv.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(String.join(",", StatusFileWriter.COLUMNS), lines[0]);
        assertTrue(lines[1].startsWith("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",REJECTED_LOCALLY,false,\"'+PAYER\","),
                lines[1]);
        assertTrue(lines[1].contains(",\"'@field: -bad\","), lines[1]);
        assertTrue(jsonl.toString(StandardCharsets.UTF_8).contains("\"claim_id\":\"=HYPERLINK("),
                "JSON is not a spreadsheet: values as they are");
    }
}
