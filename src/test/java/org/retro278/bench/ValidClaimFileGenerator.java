package org.retro278.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Writes a large default-layout claim file of fictional, valid claims for benchmarks and streaming
 * tests: 1-3 lines per claim (about 1.5 on average), a mix of self and dependent patients, professional
 * and institutional lines, admissions, PAYERA and PAYERB (with attachments), all inside the retro
 * windows as of {@link #AS_OF}. Deterministic for a given seed.
 *
 * <p>{@code java ... ValidClaimFileGenerator <claims> <file> [seed] [as-of YYYY-MM-DD] [claim id prefix]}
 */
public final class ValidClaimFileGenerator {

    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 15);
    public static final String HEADER = "claim_id,payer_id,payer_name,requester_npi,requester_name,requester_first_name,"
            + "requester_taxonomy,member_id,subscriber_last_name,subscriber_first_name,subscriber_dob,subscriber_gender,"
            + "patient_relationship,patient_last_name,patient_first_name,patient_dob,patient_gender,request_category,"
            + "certification_type,service_type,place_of_service,level_of_service,admission_date,discharge_date,"
            + "service_date_from,service_date_to,diagnosis_codes,procedure_code,procedure_modifiers,revenue_code,"
            + "service_units,line_charge,rendering_npi,rendering_last_name,rendering_first_name,facility_npi,facility_name,"
            + "retro_reason,retro_note,attachment_type,attachment_transmission,attachment_control_number";

    private static final String[] LAST = {"Okafor", "Lindqvist", "Castellanos", "Nakamura", "O'Neill", "Petrov", "Haddad",
            "Brennan", "Abernathy", "Moreau", "Kowalski", "Adeyemi", "Sato", "Fischer", "Gallagher", "Ivanova"};
    private static final String[] FIRST = {"Adaeze", "Maren", "Rafael", "Kenji", "Siobhan", "Ivan", "Samir", "Tomas",
            "Colin", "Elena", "Grace", "Lucia", "Noah", "Amara", "Yusuf", "Ingrid"};
    private static final String[] NPIS = {"1234567893", "1045678905", "1987654328", "1567890128", "1345678019", "1765432103"};
    private static final String[] DX = {"S52501A", "W010XXA", "J069", "I10", "E119", "S72001A", "R0789", "G43909", "M545", "K3580"};
    private static final String[] CPT = {"99284", "99283", "99213", "99214", "25600", "70551", "93000", "71046", "12002"};
    private static final String[] REASONS = {"EMERGENCY", "RETRO_ELIGIBILITY", "MISSED_NOTIFICATION", "ADMIN_DELAY", "PAYER_UNKNOWN", "OTHER"};

    private ValidClaimFileGenerator() {
    }

    public static void main(String[] args) throws IOException {
        long claims = Long.parseLong(args[0]);
        Path file = Path.of(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 278L;
        LocalDate asOf = args.length > 3 ? LocalDate.parse(args[3]) : AS_OF;
        long rows = write(file, claims, seed, asOf, args.length > 4 ? args[4] : "C");
        System.out.println("wrote " + claims + " claims in " + rows + " rows to " + file + " (" + Files.size(file) / (1024 * 1024) + " MiB)");
    }

    /** Writes the file and returns the number of data rows. */
    public static long write(Path file, long claims, long seed) throws IOException {
        return write(file, claims, seed, AS_OF);
    }

    /** Writes the file with every claim valid as of {@code asOf}, and returns the number of data rows. */
    public static long write(Path file, long claims, long seed, LocalDate asOf) throws IOException {
        return write(file, claims, seed, asOf, "C");
    }

    /**
     * {@link #write(Path, long, long, LocalDate)} with claim ids {@code <idPrefix><n>}: files of one practice
     * that must all be sent need ids of their own, else a claim of a later file can be the same claim as one of
     * an earlier file and is rejected as DUPLICATE_CLAIM.
     */
    public static long write(Path file, long claims, long seed, LocalDate asOf, String idPrefix) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        long rows = 0;
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            w.write(HEADER);
            w.write('\n');
            for (long c = 1; c <= claims; c++) {
                rows += claim(w, idPrefix, c, rnd, asOf);
            }
        }
        return rows;
    }

    private static int claim(Writer w, String idPrefix, long n, SplittableRandom r, LocalDate asOf) throws IOException {
        String id = idPrefix + n;
        boolean payerB = r.nextInt(4) == 0;
        boolean admission = !payerB && r.nextInt(8) == 0;
        boolean dependent = r.nextInt(3) == 0;
        int lines = r.nextInt(4) == 0 ? 3 : (r.nextInt(3) == 0 ? 2 : 1);
        LocalDate start = asOf.minusDays(5 + r.nextInt(payerB ? 24 : 80));
        String sl = LAST[r.nextInt(LAST.length)];
        String sf = FIRST[r.nextInt(FIRST.length)];
        String dob = LocalDate.of(1940 + r.nextInt(60), 1 + r.nextInt(12), 1 + r.nextInt(28)).toString();
        String dx = DX[r.nextInt(DX.length)] + (r.nextBoolean() ? "|" + DX[r.nextInt(DX.length)] : "");
        if (dx.contains("|") && dx.split("\\|")[0].equals(dx.split("\\|")[1])) {
            dx = dx.split("\\|")[0];
        }
        String reason = REASONS[r.nextInt(REASONS.length)];
        StringBuilder common = new StringBuilder(400);
        common.append(id).append(',')
                .append(payerB ? "PAYERB,Birch Mutual," : "PAYERA,Acme Health Plan,")
                .append(NPIS[r.nextInt(NPIS.length)]).append(",Riverside Family Clinic,,207Q00000X,")
                .append("M").append(100000000L + n).append(',')
                .append(sl).append(',').append(sf).append(',').append(dob).append(',').append(r.nextBoolean() ? "F" : "M").append(',');
        if (dependent) {
            common.append("19,").append(sl).append(',').append(FIRST[r.nextInt(FIRST.length)]).append(',')
                    .append(LocalDate.of(2005 + r.nextInt(15), 1 + r.nextInt(12), 1 + r.nextInt(28))).append(',')
                    .append(r.nextBoolean() ? "F" : "M").append(',');
        } else {
            common.append(",,,,,");
        }
        if (admission) {
            common.append("AR,I,48,21,03,").append(start).append(',').append(start.plusDays(1 + r.nextInt(4))).append(',');
        } else {
            common.append("HS,I,").append(r.nextBoolean() ? "86,23,03" : "1,11,").append(",,,");
        }
        String tail = "," + (r.nextBoolean() ? "1456789027,Riverside General Hospital" : ",") + "," + reason + ","
                + (r.nextBoolean() ? "\"Seen after hours, authorization line closed; notes to follow.\"" : "") + ","
                + (payerB ? "M1,FX,ACN" + n : ",,");
        for (int l = 0; l < lines; l++) {
            StringBuilder b = new StringBuilder(common);
            LocalDate from = start.plusDays(admission ? Math.min(l, 1) : 0);
            b.append(from).append(',').append(admission && l == 2 ? from.plusDays(1).toString() : "").append(',')
                    .append(dx).append(',').append(CPT[r.nextInt(CPT.length)]).append(',')
                    .append(l == 0 && r.nextInt(4) == 0 ? "25" : "").append(',')
                    .append(admission ? (l == 0 ? "0450" : "0360") : "").append(',')
                    .append(1 + r.nextInt(3)).append(',').append(50 + r.nextInt(2000)).append(".00,");
            if (r.nextBoolean()) {
                b.append(NPIS[r.nextInt(NPIS.length)]).append(',').append(LAST[r.nextInt(LAST.length)]).append(',')
                        .append(FIRST[r.nextInt(FIRST.length)]);
            } else {
                b.append(",,");
            }
            b.append(tail).append('\n');
            w.write(b.toString());
        }
        return lines;
    }
}
