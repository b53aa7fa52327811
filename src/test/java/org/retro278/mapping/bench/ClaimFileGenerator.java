package org.retro278.mapping.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * Writes default-layout claim files of any size with every column of docs claims-csv.md filled, for the
 * benchmark and the streaming tests. The data is fictional and deterministic (fixed seed): claims of one
 * and two rows alternate, about 1.5 rows per claim, and claim ids are {@code CLM0000001}, ...
 */
public final class ClaimFileGenerator {

    public static final List<String> COLUMNS = List.of(
            "claim_id", "payer_id", "payer_name", "requester_npi", "requester_name", "requester_first_name",
            "requester_taxonomy", "member_id", "subscriber_last_name", "subscriber_first_name", "subscriber_dob",
            "subscriber_gender", "patient_relationship", "patient_last_name", "patient_first_name", "patient_dob",
            "patient_gender", "request_category", "certification_type", "service_type", "place_of_service",
            "level_of_service", "admission_date", "discharge_date", "service_date_from", "service_date_to",
            "diagnosis_codes", "procedure_code", "procedure_modifiers", "revenue_code", "service_units",
            "line_charge", "rendering_npi", "rendering_last_name", "rendering_first_name", "facility_npi",
            "facility_name", "retro_reason", "retro_note", "attachment_type", "attachment_transmission",
            "attachment_control_number");

    private static final String[] LAST = {"Rivera", "Okafor", "Lindqvist", "Tanaka", "Moreau", "Novak", "Haddad"};
    private static final String[] FIRST = {"Alex", "Sam", "Jordan", "Robin", "Casey", "Kim", "Noor"};
    private static final String[] CPT = {"99213", "99284", "71046", "29125", "J1885", "12001"};

    private ClaimFileGenerator() {
    }

    /** Writes {@code rows} data rows (plus the header) to {@code file}. */
    public static void write(Path file, long rows) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            write(out, rows);
        }
    }

    /** Writes the header and {@code rows} data rows. */
    public static void write(Writer out, long rows) throws IOException {
        out.write(String.join(",", COLUMNS));
        out.write("\r\n");
        Random random = new Random(278);
        long claim = 0;
        long written = 0;
        StringBuilder line = new StringBuilder(512);
        while (written < rows) {
            claim++;
            int lines = claim % 2 == 0 ? 2 : 1;
            String[] head = claimCells(claim, random);
            for (int l = 0; l < lines && written < rows; l++) {
                line.setLength(0);
                for (int c = 0; c < head.length; c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    line.append(head[c]);
                }
                appendLine(line, l, random);
                line.append("\r\n");
                out.append(line);
                written++;
            }
        }
    }

    /** claim_id .. diagnosis_codes: the columns that are the same on every row of a claim. */
    private static String[] claimCells(long claim, Random random) {
        String last = LAST[random.nextInt(LAST.length)];
        LocalDate service = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(300));
        return new String[] {
            String.format("CLM%07d", claim), "6005" + random.nextInt(10), "Fictional Health Plan",
            "1234567893", "Sample Family Clinic", "Pat", "207Q00000X",
            String.format("MBR%09d", random.nextInt(1_000_000_000)), last, FIRST[random.nextInt(FIRST.length)],
            "1975-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10), "F", "19", last,
            FIRST[random.nextInt(FIRST.length)], "2012-04-2" + random.nextInt(10), "M", "HS", "I", "1", "23", "03",
            service.toString(), service.plusDays(1).toString(), service.toString(), service.plusDays(1).toString(),
            "S52501A|W010XXA",
        };
    }

    /** procedure_code .. attachment_control_number. */
    private static void appendLine(StringBuilder line, int index, Random random) {
        line.append(',').append(CPT[random.nextInt(CPT.length)])
                .append(',').append("25|59")
                .append(',').append("0450")
                .append(',').append(1 + index)
                .append(',').append(100 + random.nextInt(900)).append(".00")
                .append(',').append("1497758544")
                .append(',').append("Hart")
                .append(',').append("Dana")
                .append(',').append("1972829103")
                .append(',').append("\"General Hospital, East Wing\"")
                .append(',').append("EMERGENCY")
                .append(',').append("\"Seen in the ER on a weekend; \"\"urgent\"\" per triage\"")
                .append(',').append("09")
                .append(',').append("EL")
                .append(',').append("ATT").append(random.nextInt(100000));
    }
}
