package org.retro278.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.rules.ClaimRules.Refused;
import org.retro278.rules.Rejection;
import org.retro278.rules.RejectionCode;

/** The rejection report takes values of any length and never hands a spreadsheet a formula. */
class RejectionLogTest {

    @TempDir
    Path tmp;

    private String report(String claimId, String field, String message) throws Exception {
        Path report = tmp.resolve("r.csv");
        List<Refused> refusals = new ArrayList<>();
        try (RejectionLog log = new RejectionLog(tmp); ClaimIdSet retracted = new ClaimIdSet(tmp)) {
            log.add(claimId, false, List.of(new Rejection(claimId, List.of(2L, 3L), field, RejectionCode.INVALID_CLAIM_ID,
                    message)));
            assertEquals(1, log.finish(retracted, report, refusals::add));
        }
        assertEquals(1, refusals.size());
        return Files.readString(report);
    }

    @Test
    void aClaimIdOf70000CharactersIsAPerClaimRejectionQuotedByABoundedPrefix() throws Exception {
        String id = "X".repeat(70_000);
        String report = report(id, "claim_id", "claim_id '" + id + "' must be 1-20 letters");
        String line = report.split("\n")[1];
        assertTrue(line.length() < 2 * RejectionLog.MAX_CELL + 100, "bounded: " + line.length());
        assertTrue(line.startsWith("XXXX"), line.substring(0, 10));
        assertTrue(line.contains("... (70000 characters),2 3,claim_id,INVALID_CLAIM_ID,"), "names the field");
    }

    @Test
    void cellsThatASpreadsheetWouldRunAsAFormulaAreNeutralised() throws Exception {
        String report = report("=HYPERLINK(\"http://x\")", "@SUM", "-1+2");
        assertEquals(RejectionLog.HEADER + "\n\"'=HYPERLINK(\"\"http://x\"\")\",2 3,\"'@SUM\",INVALID_CLAIM_ID,\"'-1+2\"\n",
                report);
    }
}
