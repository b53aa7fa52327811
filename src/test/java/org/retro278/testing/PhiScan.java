package org.retro278.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The log scan of the whole suite ({@code -Dretro278.phiScan=true}, set by the pom for surefire and
 * failsafe): every log event of every test, with every logger at DEBUG and the shipped caps, is searched for
 * the fixtures' PHI and the tests' secrets ({@link FixturePhi}) before any masking. A hit fails the test
 * that was running ({@link PhiScanCheck}); {@code target/phi-scan.txt} gets the counts ({@link PhiScanReport}).
 */
public final class PhiScan {

    static final boolean ENABLED = Boolean.getBoolean("retro278.phiScan");

    private static final AtomicLong EVENTS = new AtomicLong();
    /**
     * Events per logger, for the report: what the DEBUG volume is. Kept by the logger's own name (no string cut per
     * event); the report sums them by the first three names (org.apache.camel).
     */
    private static final Map<String, LongAdder> BY_LOGGER = new ConcurrentHashMap<>();
    private static final List<String> HITS = new ArrayList<>();
    private static final List<String> UNCHECKED = new ArrayList<>();
    private static volatile PhiWords words;
    private static volatile Pattern pattern;

    private PhiScan() {
    }

    /**
     * The values as one automaton: a log line is read once whatever the number of values (a pattern of all of them as
     * alternatives tried every value at every character of every line).
     */
    private static PhiWords words() {
        PhiWords w = words;
        if (w == null) {
            synchronized (PhiScan.class) {
                if (words == null) {
                    words = PhiWords.of(FixturePhi.values());
                }
                w = words;
            }
        }
        return w;
    }

    /**
     * The fixtures' PHI and the tests' secrets as one pattern (whole words, any case), for a test that checks what a
     * page or a file shows rather than a log line.
     */
    public static Pattern fixturePhi() {
        Pattern p = pattern;
        if (p == null) {
            synchronized (PhiScan.class) {
                if (pattern == null) {
                    pattern = Pattern.compile("(?<![A-Za-z0-9])(?:" + FixturePhi.values().stream().map(Pattern::quote)
                            .collect(Collectors.joining("|")) + ")(?![A-Za-z0-9])", Pattern.CASE_INSENSITIVE);
                }
                p = pattern;
            }
        }
        return p;
    }

    static void scan(String level, String logger, String thread, String text) {
        EVENTS.incrementAndGet();
        BY_LOGGER.computeIfAbsent(logger, k -> new LongAdder()).increment();
        Optional<String> shown = words().firstIn(text);
        if (shown.isPresent()) {
            String hit = level + " " + logger + " [" + thread + "] shows '" + shown.get() + "': "
                    + (text.length() > 400 ? text.substring(0, 400) + "..." : text);
            synchronized (HITS) {
                HITS.add(hit);
                UNCHECKED.add(hit);
            }
        }
    }

    /** Hits since the last call. */
    static List<String> drain() {
        synchronized (HITS) {
            List<String> out = new ArrayList<>(UNCHECKED);
            UNCHECKED.clear();
            return out;
        }
    }

    /**
     * For a known leak still to be fixed in production code: the hits since the last check do not fail the
     * test, but stay in target/phi-scan.txt marked with the reason. Returns how many there were.
     */
    public static int excuse(String reason) {
        List<String> hits = drain();
        synchronized (HITS) {
            HITS.removeAll(hits);
            hits.forEach(h -> HITS.add("EXCUSED (" + reason + ") " + h));
        }
        return hits.size();
    }

    /** Takes back hits that a test of the scan made on purpose, so that the report shows real ones only. */
    static void retract(List<String> hits) {
        synchronized (HITS) {
            HITS.removeAll(hits);
        }
    }

    static List<String> hits() {
        synchronized (HITS) {
            return new ArrayList<>(HITS);
        }
    }

    private static String library(String logger) {
        int dot = -1;
        for (int i = 0; i < 3; i++) {
            int next = logger.indexOf('.', dot + 1);
            if (next < 0) {
                return logger;
            }
            dot = next;
        }
        return logger.substring(0, dot);
    }

    /** The loggers (first three names) with the most events, most first: "org.apache.camel 81234, ...". */
    static String busiest(int n) {
        Map<String, Long> byLibrary = BY_LOGGER.entrySet().stream()
                .collect(Collectors.groupingBy(e -> library(e.getKey()), Collectors.summingLong(e -> e.getValue().sum())));
        return byLibrary.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(n)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    static long events() {
        return EVENTS.get();
    }

    static int values() {
        PhiWords w = words;
        return w == null ? 0 : w.size();
    }
}
