package org.ringfs.e2e.bench;

import org.ringfs.e2e.bench.profile.CpuLedger;
import org.ringfs.e2e.bench.profile.CpuUse;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prints the figures (one line each), the Markdown table of targets with their ratios, and where
 * each workload's CPU went. A missed target is named with what this run measured of its workload
 * (how busy the machine was, which processes used the CPU) and with the cause profiling found.
 */
final class BenchReport {
    private final Figures figures;
    private final List<Target> targets;
    private final CpuLedger cpu;

    BenchReport(Figures figures, List<Target> targets, CpuLedger cpu) {
        this.figures = figures;
        this.targets = targets;
        this.cpu = cpu;
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
                    + (met ? "met" : "missed") + " | " + (met ? "" : whyMissed(t.figure())) + " |");
        }
    }

    /** Measured in this run (the workload's CPU), then the cause profiling found. */
    private String whyMissed(String figure) {
        String cause = MissReasons.of(figure);
        Optional<CpuUse> use = figure.startsWith("memory.") ? Optional.empty() : cpu.of(figure);
        return use.map(u -> "measured: " + u.summary() + ". " + cause).orElse(cause);
    }

    /** Every workload's CPU, as the ledger counted it: a row each. */
    void printCpu(PrintStream out) {
        Map<String, CpuUse> all = cpu.all();
        if (all.isEmpty()) return;
        out.println("Where each workload's CPU went (from /proc at the edges of its windows, per run; `client` is"
                + " the bench's own process: the core-client for client.*, the program using the mount or the drive"
                + " for fuse.* and webdav.*; kernel is the system time of a process's other threads, JIT and GC those"
                + " threads of a JVM; elsewhere is the machine's busy"
                + " time outside the watched processes: the kernel's own threads, page-cache flushing, other programs):");
        out.println();
        out.println("| workload | CPU |");
        out.println("|---|---|");
        all.forEach((workload, use) -> out.println("| " + workload + " | " + use.summary() + " |"));
    }
}
