package org.ringfs.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * A scrape in Prometheus' text format read back: each sample's series ({@code name{labels}}, the
 * labels in the order the writer puts them, by name) to its value. For tests and tools that check
 * what a server serves; Prometheus itself needs none of it.
 */
public final class MetricsText {
    private final Map<String, Double> samples = new TreeMap<>();
    private final String text;

    public MetricsText(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
    }

    /** A sample's value, or 0 when the series is absent (a counter no event has created yet). */
    public double value(String series) {
        return samples.getOrDefault(series, 0.0);
    }

    /** The sum over every series of a metric whose labels include all of {@code labels} ({@code k="v"} each). */
    public double sum(String name, String... labels) {
        double total = 0;
        for (Map.Entry<String, Double> e : samples.entrySet()) {
            String series = e.getKey();
            if (!(series.equals(name) || series.startsWith(name + "{"))) continue;
            boolean all = true;
            for (String l : labels) all &= series.contains(l);
            if (all) total += e.getValue();
        }
        return total;
    }

    /** Whether the metric is declared (its TYPE line is there), with or without samples. */
    public boolean declares(String name) {
        return text.contains("# TYPE " + name + " ");
    }
}
