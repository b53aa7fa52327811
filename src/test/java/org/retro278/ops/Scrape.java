package org.retro278.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Prometheus text scrape read back: each sample by its name and labels as written, e.g. {@code a_total{x="1"}}. */
final class Scrape {

    private final Map<String, Double> samples = new LinkedHashMap<>();
    private final String text;

    Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
    }

    /** The value of a sample; fails when the scrape does not have it. */
    double value(String sample) {
        Double v = samples.get(sample);
        if (v == null) {
            throw new AssertionError("no sample " + sample + " in:\n" + text);
        }
        return v;
    }
}
