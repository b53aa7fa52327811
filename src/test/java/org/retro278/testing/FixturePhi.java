package org.retro278.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.retro278.testing.ProjectFiles;

/**
 * The PHI and secrets of every fixture, which no log line of any test may show: member ids, subscriber and
 * patient names, birth dates (as written, as CCYYMMDD and as ISO) and diagnosis codes of every claim file
 * (sample-edi/claims and the test resources, default and pm-export columns) and of every X12 fixture (NM1
 * of the subscriber and the patient, DMG02, HI codes); and the passphrases and passwords the tests use
 * (constants named PASSPHRASE, PASSWORD or SECRET in the test sources).
 *
 * <p>Not PHI, so left out: values shorter than four characters (genders, relationship codes, single
 * digits, initials), except diagnosis codes of three (R51); and any value that the shipped configuration
 * or the mappings also hold (payer, practice and facility names).
 */
final class FixturePhi {

    private static final List<String> NAME_COLUMNS = List.of("subscriber_last_name", "subscriber_first_name",
            "patient_last_name", "patient_first_name", "Subscriber Name", "Patient Last", "Patient First");
    private static final List<String> ID_COLUMNS = List.of("member_id", "Member #");
    private static final List<String> DOB_COLUMNS = List.of("subscriber_dob", "patient_dob", "Subscriber DOB", "Patient DOB");
    private static final List<String> DX_COLUMNS = List.of("diagnosis_codes", "Dx Codes");
    private static final Pattern SECRET = Pattern.compile("\\b\\w*(?:PASSPHRASE|PASSWORD|SECRET)\\w* = \"([^\"]+)\"");
    private static final Pattern US_DATE = Pattern.compile("(\\d{2})/(\\d{2})/(\\d{4})");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

    private FixturePhi() {
    }

    static Set<String> values() {
        try {
            Set<String> out = new LinkedHashSet<>();
            for (Path csv : files(List.of("sample-edi/claims", "src/test/resources"), ".csv")) {
                claimFile(Files.readString(csv, StandardCharsets.ISO_8859_1), out);
            }
            for (Path x12 : files(List.of("sample-edi", "src/test/resources"), ".x12")) {
                x12(Files.readString(x12, StandardCharsets.ISO_8859_1), out);
            }
            String config = configuration();
            out.removeIf(v -> config.contains(v.toLowerCase(Locale.ROOT)));
            for (Path java : files(List.of("src/test/java"), ".java")) {
                Matcher m = SECRET.matcher(Files.readString(java));
                while (m.find()) {
                    if (m.group(1).length() >= 6 && !m.group(1).matches("[A-Z0-9_]+")) {
                        out.add(m.group(1));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void claimFile(String text, Set<String> out) {
        List<List<String>> records = TestCsv.parse(text);
        if (records.isEmpty()) {
            return;
        }
        List<String> header = records.get(0);
        for (List<String> r : records.subList(1, records.size())) {
            for (int i = 0; i < Math.min(header.size(), r.size()); i++) {
                String column = header.get(i).trim();
                String v = r.get(i).trim();
                if (NAME_COLUMNS.contains(column)) {
                    add(out, v, 4);
                    for (String part : v.split("[ ,]+")) {
                        add(out, part, 4);
                    }
                } else if (ID_COLUMNS.contains(column)) {
                    add(out, v, 4);
                } else if (DOB_COLUMNS.contains(column)) {
                    date(out, v);
                } else if (DX_COLUMNS.contains(column)) {
                    for (String code : v.split("[|;:,\\s]+")) {
                        add(out, code, 3);
                    }
                }
            }
        }
    }

    /** Subscriber and patient names and ids (NM1*IL, NM1*QC), birth dates (DMG02), diagnosis codes (HI). */
    private static void x12(String text, Set<String> out) {
        if (!text.startsWith("ISA") || text.length() < 106) {
            return;
        }
        String element = Pattern.quote(String.valueOf(text.charAt(3)));
        String component = Pattern.quote(String.valueOf(text.charAt(104)));
        for (String segment : text.split(Pattern.quote(String.valueOf(text.charAt(105))))) {
            String[] e = segment.strip().split(element, -1);
            if (e[0].equals("NM1") && e.length > 3 && (e[1].equals("IL") || e[1].equals("QC"))) {
                add(out, e[3], 4);
                if (e.length > 4) {
                    add(out, e[4], 4);
                }
                if (e.length > 9) {
                    add(out, e[9], 4);
                }
            } else if (e[0].equals("DMG") && e.length > 2) {
                add(out, e[2], 8);
            } else if (e[0].equals("HI")) {
                for (int i = 1; i < e.length; i++) {
                    String[] c = e[i].split(component, -1);
                    if (c.length > 1) {
                        add(out, c[1], 3);
                    }
                }
            }
        }
    }

    private static void date(Set<String> out, String v) {
        Matcher us = US_DATE.matcher(v);
        Matcher iso = ISO_DATE.matcher(v);
        if (us.matches()) {
            out.add(v);
            out.add(us.group(3) + us.group(1) + us.group(2));
            out.add(us.group(3) + "-" + us.group(1) + "-" + us.group(2));
        } else if (iso.matches()) {
            out.add(v);
            out.add(iso.group(1) + iso.group(2) + iso.group(3));
        } else {
            add(out, v, 6);
        }
    }

    private static void add(Set<String> out, String v, int minLength) {
        String s = v.strip();
        if (s.length() >= minLength && s.length() <= 80 && s.codePoints().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            out.add(s);
        }
    }

    /** The shipped configuration and mappings, lower case: what they hold is not a patient's. */
    private static String configuration() throws IOException {
        StringBuilder b = new StringBuilder();
        for (Path p : files(List.of("config", "mappings"), "")) {
            b.append(Files.readString(p, StandardCharsets.ISO_8859_1)).append('\n');
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static List<Path> files(List<String> roots, String suffix) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String root : roots) {
            Path dir = ProjectFiles.path(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().forEach(out::add);
            }
        }
        return out;
    }
}
