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

/** The main job on the embedded defaults: every claim ends final, and the practices' status files say so. */
class DemoIT {

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
        assertTrue(printed.size() >= 18, demo::toString);
        assertTrue(printed.containsValue("CERTIFIED") && printed.containsValue("REJECTED_LOCALLY"), demo::toString);
        assertFalse(printed.containsValue("PENDED") || printed.containsValue("SENT") || printed.containsValue("READY"),
                "the demo waits for final answers: " + printed);

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
