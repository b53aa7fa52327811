package org.retro278.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.ProjectFiles;
import org.retro278.build.InterchangeVerifier;
import org.retro278.build.TransactionSetValidator;
import org.retro278.build.X12Checks;
import org.retro278.config.PayerDirectory;
import org.retro278.mapping.ClaimFileReader;
import org.retro278.mapping.ClaimLayout;
import org.retro278.rules.ClaimRules;
import org.retro278.x12.X12Problem;
import org.retro278.x12.control.FileControlNumbers;

/** The converter's guarantees that the command line cannot show on good input. */
class ConverterTest {

    @TempDir
    Path tmp;

    private ConversionSummary convert(TransactionSetValidator validator, InterchangeVerifier verifier) throws Exception {
        ClaimRules rules = new ClaimRules(PayerDirectory.load(ProjectFiles.path("config/payers")), X12Checks.facts(),
                "uuuu-MM-dd", LocalDate.of(2026, 11, 15));
        Converter c = new Converter(rules, new FileControlNumbers(tmp.resolve("state/cn.properties")), "9RETRO2780",
                validator, verifier, LocalDateTime.of(2026, 11, 15, 0, 0), 2);
        try (ClaimFileReader reader = new ClaimFileReader(ClaimLayout.load(ProjectFiles.path("mappings"), "default"))) {
            return c.convert(reader, ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv"), tmp.resolve("out"));
        }
    }

    @Test
    void aTransactionSetThatFailsValidationNeverBecomesOutputAndItsClaimIsReported() throws Exception {
        TransactionSetValidator real = X12Checks.transactionSets();
        // a validator that finds a problem in CLM1002's set only (standing in for a writer defect)
        TransactionSetValidator flagging = in -> {
            byte[] bytes = in.readAllBytes();
            List<X12Problem> problems = new ArrayList<>(real.validate(new ByteArrayInputStream(bytes)));
            if (new String(bytes, StandardCharsets.UTF_8).contains("BHT*0007*13*CLM1002-")) {
                problems.add(new X12Problem(5, 3, "0002", "2000E", "UM", 1, null, "CODE_INVALID", "test defect"));
            }
            return problems;
        };
        ConversionSummary s = convert(flagging, X12Checks.envelopes());
        assertEquals(4, s.converted());
        assertEquals(1, s.rejected());
        String report = Files.readString(s.report());
        assertTrue(report.contains("CLM1002,4,,X12_INVALID,"), report);
        for (PublishedInterchange p : s.interchanges()) {
            String x12 = Files.readString(p.file());
            assertFalse(x12.contains("CLM1002"), "the invalid set was not published");
            assertTrue(X12Checks.validator().validate(p.file()).clean());
        }
    }

    @Test
    void anInterchangeThatFailsItsEnvelopeCheckIsNotPublished() throws Exception {
        InterchangeVerifier refusing = file -> List.of(new X12Problem(1, null, null, null, "GE", 1, null, "SET_COUNT_MISMATCH", "test"));
        IOException e = assertThrows(IOException.class, () -> convert(X12Checks.transactionSets(), refusing));
        assertTrue(e.getMessage().contains("envelope check"), e.getMessage());
        try (var s = Files.list(tmp.resolve("out"))) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".x12")), "nothing published");
        }
    }

    @Test
    void workFilesAreRemovedAfterARun() throws Exception {
        convert(X12Checks.transactionSets(), X12Checks.envelopes());
        try (var s = Files.list(tmp.resolve("out"))) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")));
        }
    }
}
