package org.retro278.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
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
    /** Events per logger, cut to its first three names (org.apache.camel), for the report: what the DEBUG volume is. */
    private static final Map<String, LongAdder> BY_LIBRARY = new ConcurrentHashMap<>();
    private static final List<String> HITS = new ArrayList<>();
    private static final List<String> UNCHECKED = new ArrayList<>();
    private static volatile Pattern pattern;
    private static volatile int values;

    private PhiScan() {
    }

    /** Whole words only, so that a value inside a longer token (a trace number, a hash) is no hit. */
    private static Pattern pattern() {
        Pattern p = pattern;
        if (p == null) {
            synchronized (PhiScan.class) {
                if (pattern == null) {
                    Set<String> all = FixturePhi.values();
                    values = all.size();
                    pattern = Pattern.compile("(?<![A-Za-z0-9])(?:" + all.stream().map(Pattern::quote)
                            .collect(Collectors.joining("|")) + ")(?![A-Za-z0-9])", Pattern.CASE_INSENSITIVE);
                }
                p = pattern;
            }
        }
        return p;
    }

    /**
     * The fixtures' PHI and the tests' secrets as one pattern (whole words, any case), for a test that checks what a
     * page or a file shows rather than a log line.
     */
    public static Pattern fixturePhi() {
        return pattern();
    }

    static void scan(String level, String logger, String thread, String text) {
        EVENTS.incrementAndGet();
        BY_LIBRARY.computeIfAbsent(library(logger), k -> new LongAdder()).increment();
        Matcher m = pattern().matcher(text);
        if (m.find()) {
            String hit = level + " " + logger + " [" + thread + "] shows '" + m.group() + "': "
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
        return BY_LIBRARY.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum())).limit(n)
                .map(e -> e.getKey() + " " + e.getValue().sum()).collect(Collectors.joining(", "));
    }

    static long events() {
        return EVENTS.get();
    }

    static int values() {
        return values;
    }
}
