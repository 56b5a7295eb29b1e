package org.ringfs.e2e.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints the figures (one line each) and the Markdown table of targets with their ratios. */
final class BenchReport {
    private final Figures figures;
    private final List<Target> targets;

    BenchReport(Figures figures, List<Target> targets) {
        this.figures = figures;
        this.targets = targets;
    }

    void printFigures(PrintStream out) {
        for (Samples s : figures.all()) out.println(s.line());
    }

    void printTable(PrintStream out) {
        out.println("| figure | median | reference (median) | ratio (median of per-run ratios) | target | result |"
                + " why, when missed |");
        out.println("|---|---|---|---|---|---|---|");
        for (Target t : targets) {
            if (!t.measurable(figures)) continue;
            Samples s = figures.get(t.figure());
            String median = Samples.format(s.median()) + " " + s.unit();
            String reference = t.isRatio()
                    ? t.referenceLabel() + " = " + Samples.format(t.scaled(figures)) + " " + figures.get(t.reference()).unit()
                    : "-";
            String ratio = t.isRatio() ? String.format(Locale.ROOT, "%.2f", t.measure(figures)) : "-";
            String bound = (t.atMost() ? "<= " : ">= ") + Samples.format(t.bound())
                    + (t.isRatio() ? "x" : " " + s.unit());
            boolean met = t.met(figures);
            out.println("| " + t.figure() + " | " + median + " | " + reference + " | " + ratio + " | " + bound + " | "
                    + (met ? "met" : "missed") + " | " + (met ? "" : MissReasons.of(t.figure())) + " |");
        }
    }
}
