package org.ringfs.e2e.bench.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where one workload's CPU went, all its runs together: the wall time, the machine's busy and
 * total CPU time, and each watched process's CPU (with its kernel, JIT and GC parts).
 *
 * @param runs      how many windows (rounds) are summed
 * @param wall      seconds of wall time, all runs
 * @param machine   the machine's CPU time in those windows
 * @param processes CPU seconds per watched process, in the order watched
 */
public record CpuUse(int runs, double wall, MachineCpu machine, Map<String, ProcessCpu.Sample> processes) {

    /** Data servers are named data-1, data-2, ...: the summary adds them up as one line. */
    private static final String DATA_SERVER = "data-";

    /** The watched processes' CPU seconds, data servers summed, per run. */
    Map<String, ProcessCpu.Sample> perRunByRole() {
        Map<String, ProcessCpu.Sample> roles = new LinkedHashMap<>();
        for (Map.Entry<String, ProcessCpu.Sample> p : processes.entrySet()) {
            String role = p.getKey().startsWith(DATA_SERVER) ? "data servers" : p.getKey();
            roles.merge(role, p.getValue(), ProcessCpu.Sample::plus);
        }
        roles.replaceAll((role, s) -> s.dividedBy(runs));
        return roles;
    }

    /**
     * One line: how busy the machine was and which processes used its CPU, per run, e.g. "machine
     * 96% busy (2 cores, 1.7 s a run); CPU-s a run: data servers 2.1 (kernel 0.8, JIT 0.6, GC 0.1),
     * client 1.0 (kernel 0.4, JIT 0.2), meta 0.1; elsewhere 0.2".
     */
    public String summary() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "machine %.0f%% busy (%d cores, %s s a run); CPU-s a run:",
                100 * machine.busyShare(), machine.cores(), number(wall / runs)));
        double watched = 0;
        List<Map.Entry<String, ProcessCpu.Sample>> roles = perRunByRole().entrySet().stream()
                .sorted((a, c) -> Double.compare(c.getValue().total(), a.getValue().total())).toList();
        String sep = " ";
        for (Map.Entry<String, ProcessCpu.Sample> r : roles) {
            ProcessCpu.Sample s = r.getValue();
            watched += s.total();
            if (s.total() < 0.005) continue;
            b.append(sep).append(r.getKey()).append(' ').append(number(s.total()));
            List<String> parts = new ArrayList<>();
            if (s.kernel() >= 0.005) parts.add("kernel " + number(s.kernel()));
            if (s.jit() >= 0.005) parts.add("JIT " + number(s.jit()));
            if (s.gc() >= 0.005) parts.add("GC " + number(s.gc()));
            if (!parts.isEmpty()) b.append(" (").append(String.join(", ", parts)).append(')');
            sep = ", ";
        }
        double elsewhere = machine.busy() / runs - watched;
        if (elsewhere >= 0.005) b.append("; elsewhere ").append(number(elsewhere));
        return b.toString();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.0f" : "%.2f", v);
    }
}
