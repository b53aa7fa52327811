package org.retro278.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.retro278.config.ConfigurationException;

/**
 * The sample claim files of the demo ({@code demo/samples.properties}), moved in time: the files are written
 * for one day, and the demo runs on another (today, or {@code --as-of}). Every date in them, in either layout's
 * format (2026-10-02, 10/02/2026), moves by the days between the two, so that each claim stands to the day of
 * the run as it stood to the day it was written for: inside or outside its payer's retro window, in the
 * future or not. Text that only looks like a date (2026-02-30) is left as it is: the samples that show a
 * wrong date must stay wrong.
 */
final class DemoSamples {

    private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Pattern US = Pattern.compile("\\b(\\d{2})/(\\d{2})/(\\d{4})\\b");
    private static final DateTimeFormatter US_FORMAT = DateTimeFormatter.ofPattern("MM/dd/uuuu");

    /** One sample file for one practice. */
    record Sample(String practiceId, Path file) {
    }

    private final LocalDate writtenFor;
    private final List<Sample> samples;

    private DemoSamples(LocalDate writtenFor, List<Sample> samples) {
        this.writtenFor = writtenFor;
        this.samples = samples;
    }

    /** Reads the list; sample paths are relative to {@code base}. */
    static DemoSamples load(Path list, Path base) throws ConfigurationException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(list, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigurationException(list + ": cannot read: " + e.getMessage(), e);
        }
        String date = p.getProperty("samples.date");
        if (date == null) {
            throw new ConfigurationException(list + ": samples.date: missing (the day the sample files are written for)");
        }
        LocalDate writtenFor;
        try {
            writtenFor = LocalDate.parse(date.trim());
        } catch (DateTimeException e) {
            throw new ConfigurationException(list + ": samples.date: '" + date + "' is not YYYY-MM-DD");
        }
        Map<String, String> byPractice = new LinkedHashMap<>();
        p.stringPropertyNames().stream().filter(k -> !k.equals("samples.date")).sorted().forEach(k -> byPractice.put(k, p.getProperty(k)));
        List<Sample> samples = new ArrayList<>();
        for (Map.Entry<String, String> e : byPractice.entrySet()) {
            for (String f : e.getValue().split(",")) {
                Path file = base.resolve(f.trim());
                if (!Files.isRegularFile(file)) {
                    throw new ConfigurationException(list + ": " + e.getKey() + ": sample file " + file + " not found");
                }
                samples.add(new Sample(e.getKey(), file));
            }
        }
        return new DemoSamples(writtenFor, samples);
    }

    LocalDate writtenFor() {
        return writtenFor;
    }

    List<Sample> samples() {
        return samples;
    }

    /** The name of a sample's copy for {@code day}: the day it was written for replaced by {@code day}. */
    String nameFor(Sample s, LocalDate day) {
        return s.file().getFileName().toString().replace(writtenFor.toString(), day.toString());
    }

    /** The sample's content with every real date in it moved to stand to {@code day} as it stood to its own day. */
    String contentFor(Sample s, LocalDate day) throws IOException {
        return shift(Files.readString(s.file(), StandardCharsets.UTF_8), ChronoUnit.DAYS.between(writtenFor, day));
    }

    static String shift(String text, long days) {
        if (days == 0) {
            return text;
        }
        String iso = replaceDates(text, ISO, m -> date(m.group(1), m.group(2), m.group(3)), days, DateTimeFormatter.ISO_LOCAL_DATE);
        return replaceDates(iso, US, m -> date(m.group(3), m.group(1), m.group(2)), days, US_FORMAT);
    }

    private interface DateOf {
        LocalDate of(Matcher m);
    }

    private static String replaceDates(String text, Pattern p, DateOf dateOf, long days, DateTimeFormatter format) {
        Matcher m = p.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            LocalDate d = dateOf.of(m);
            m.appendReplacement(out, Matcher.quoteReplacement(d == null ? m.group() : format.format(d.plusDays(days))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static LocalDate date(String year, String month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
