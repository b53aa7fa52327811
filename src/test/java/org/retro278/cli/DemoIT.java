package org.retro278.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job on the embedded defaults: every claim ends in the state the samples are written for, on whatever day
 * the demo runs (the suite runs again a year ahead), and the practices' status files say so.
 */
class DemoIT {

    /** Where each sample claim ends (see sample-edi/claims and demo/samples.properties). */
    static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("CLM1001", "CERTIFIED"), Map.entry("CLM1002", "CERTIFIED"), Map.entry("CLM1003", "CERTIFIED"),
            Map.entry("CLM1004", "CERTIFIED"), Map.entry("CLM1005", "CERTIFIED"), Map.entry("CLM2010", "CERTIFIED"),
            Map.entry("E-40017", "CERTIFIED"), Map.entry("E-40022", "CERTIFIED"), Map.entry("E-40031", "CERTIFIED"),
            // PAYERD, the real-time payer (CORE SOAP, embedded): CLM3010 is pended, then certified through the batch path
            Map.entry("CLM3001", "CERTIFIED"), Map.entry("CLM3002", "CERTIFIED"), Map.entry("CLM3010", "CERTIFIED"),
            Map.entry("CLM2001", "REJECTED_LOCALLY"), Map.entry("CLM2002", "REJECTED_LOCALLY"), Map.entry("CLM2003", "REJECTED_LOCALLY"),
            Map.entry("CLM2004", "REJECTED_LOCALLY"), Map.entry("CLM2005", "REJECTED_LOCALLY"), Map.entry("CLM2006", "REJECTED_LOCALLY"),
            Map.entry("CLM2007", "REJECTED_LOCALLY"), Map.entry("CLM2008", "REJECTED_LOCALLY"), Map.entry("CLM2009", "REJECTED_LOCALLY"));

    @TempDir
    Path tmp;

    @Test
    void theDemoEndsWithEveryClaimFinalAndTheStatusFilesShowingIt() throws Exception {
        Path work = tmp.resolve("work");
        Cli demo = Cli.run("demo", "--work", work.toString(), "--timeout", "120");
        assertEquals(0, demo.exit, demo::toString);

        // the table the demo prints: claim, practice, payer, state
        Map<String, String> printed = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^(\\S+)\\s+(RIVERSIDE|WESTSIDE)\\s+(\\S+)\\s+([A-Z_]+)\\b").matcher(demo.out);
        while (m.find()) {
            if (!m.group(1).equals("(none)")) {
                printed.put(m.group(1), m.group(4));
            }
        }
        assertEquals(EXPECTED, printed, demo::toString);
        assertTrue(demo.out.contains("22 claims: 10 REJECTED_LOCALLY, 12 CERTIFIED"), demo::toString);
        // codes with their words, and no log line among what a person reads
        assertTrue(demo.out.contains("HCR01:A1: patient event: certified in total"), demo::toString);
        assertTrue(demo.out.contains("RETRO_WINDOW_EXCEEDED: The service is older than the payer's retro window"), demo::toString);
        assertFalse(Pattern.compile("(?m)^\\S+ +(INFO|WARN|ERROR|DEBUG) ").matcher(demo.out + demo.err).find(), demo::toString);
        assertTrue(Files.readString(work.resolve("logs/retro278.log")).contains("retro278 running"), "the log went to its file");

        // what the practices find in their outboxes when the demo has ended
        Map<String, String> inStatusFiles = new HashMap<>();
        for (String practice : List.of("riverside", "westside")) {
            Path outbox = work.resolve("sftp").resolve("home").resolve(practice).resolve("outbox");
            List<Path> csvs;
            try (Stream<Path> s = Files.list(outbox)) {
                csvs = s.filter(p -> p.getFileName().toString().endsWith(".status.csv")).toList();
            }
            assertFalse(csvs.isEmpty(), practice);
            for (Path csv : csvs) {
                List<String> lines = Files.readAllLines(csv);
                assertTrue(lines.get(0).startsWith("claim_id,state,"), lines.get(0));
                for (String line : lines.subList(1, lines.size())) {
                    String[] cells = line.split(",", 3);
                    if (!cells[0].isEmpty()) {
                        inStatusFiles.put(cells[0], cells[1]);
                    }
                }
            }
        }
        assertEquals(printed, inStatusFiles, "the status files show every claim's final state");
    }
}
