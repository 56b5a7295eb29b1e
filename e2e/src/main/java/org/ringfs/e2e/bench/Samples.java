package org.ringfs.e2e.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The measurements of one figure over the runs: its median, min and max in its unit. */
final class Samples {
    private final String name;
    private final String unit;
    private final List<Double> values = new ArrayList<>();

    Samples(String name, String unit) {
        this.name = name;
        this.unit = unit;
    }

    String name() { return name; }

    String unit() { return unit; }

    void add(double value) { values.add(value); }

    boolean isEmpty() { return values.isEmpty(); }

    int count() { return values.size(); }

    /** The value of run {@code i} (in the order measured). */
    double value(int i) { return values.get(i); }

    /** The median of a list of values. */
    static double median(List<Double> values) {
        if (values.isEmpty()) throw new IllegalArgumentException("no values");
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double median() {
        if (values.isEmpty()) throw new IllegalStateException("no samples of " + name);
        return median(values);
    }

    double min() { return sorted().get(0); }

    double max() { return sorted().get(values.size() - 1); }

    /** {@code name: median (min-max) unit}, the bench's figure line. */
    String line() {
        return name + ": " + format(median()) + " (" + format(min()) + "-" + format(max()) + ") " + unit;
    }

    static String format(double v) {
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (Math.abs(v) >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private List<Double> sorted() {
        if (values.isEmpty()) throw new IllegalStateException("no samples of " + name);
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        return s;
    }
}
