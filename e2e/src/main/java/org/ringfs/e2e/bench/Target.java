package org.ringfs.e2e.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One of the targets ({@link IssueTargets}): a figure, what it is compared with (another figure, scaled, or a fixed
 * bound), and the ratio or value it must reach.
 *
 * @param figure         the figure judged
 * @param reference      the figure it is a ratio of, or null for an absolute bound
 * @param referenceScale what the reference is multiplied by first (a third of the disk: 1/3)
 * @param referenceLabel how the table names the reference
 * @param bound          the least ratio (or value), or with {@code atMost} the greatest value
 * @param atMost         true for times and sizes, where less is better
 */
record Target(String figure, String reference, double referenceScale, String referenceLabel, double bound,
              boolean atMost) {

    static Target ratio(String figure, String reference, double scale, String label, double least) {
        return new Target(figure, reference, scale, label, least, false);
    }

    /** A figure where less is better (a time), as a ratio of a reference: at most {@code most} times it. */
    static Target ratioAtMost(String figure, String reference, String label, double most) {
        return new Target(figure, reference, 1, label, most, true);
    }

    static Target atLeast(String figure, double least) {
        return new Target(figure, null, 1, "-", least, false);
    }

    static Target atMost(String figure, double most) {
        return new Target(figure, null, 1, "-", most, true);
    }

    boolean isRatio() { return reference != null; }

    /**
     * The judged quantity: the figure's median, or for a ratio the median of the ratios run by run
     * (each against the reference measured beside it, which is what cancels a noisy machine's
     * swings); the ratio of the medians when the two were not measured the same number of times.
     */
    double measure(Figures figures) {
        Samples value = figures.get(figure);
        if (!isRatio()) return value.median();
        Samples ref = figures.get(reference);
        if (value.count() != ref.count()) return value.median() / scaled(figures);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < value.count(); i++) ratios.add(value.value(i) / (ref.value(i) * referenceScale));
        return Samples.median(ratios);
    }

    /** The reference's median times its scale. */
    double scaled(Figures figures) {
        return figures.get(reference).median() * referenceScale;
    }

    boolean met(Figures figures) {
        double m = measure(figures);
        return atMost ? m <= bound : m >= bound;
    }

    /** True when the figures hold what this target needs (a skipped path has none). */
    boolean measurable(Figures figures) {
        return figures.get(figure) != null && (reference == null || figures.get(reference) != null);
    }
}
