package org.ringfs.e2e.bench.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Counts each workload's CPU, per watched process and for the whole machine, from /proc at the
 * edges of its window (two reads per process and workload, so it is always on): the bench names a
 * missed target with what it measured, not with what a profile once showed. Off Linux it counts nothing.
 */
public final class CpuLedger implements WorkloadObserver {
    private final Map<String, Supplier<OptionalLong>> watched = new LinkedHashMap<>();
    private final Map<String, CpuUse> byWorkload = new LinkedHashMap<>();
    private String current;
    private long startNanos;
    private MachineCpu machineAtStart;
    private final Map<String, ProcessCpu.Sample> atStart = new LinkedHashMap<>();
    /** The pid each process had at the window's start: a process restarted within it is not counted. */
    private final Map<String, Long> pidAtStart = new LinkedHashMap<>();

    @Override
    public synchronized void watch(String process, Supplier<OptionalLong> pid) {
        watched.put(process, pid);
    }

    @Override
    public synchronized void begin(String workload) {
        current = workload;
        atStart.clear();
        pidAtStart.clear();
        for (Map.Entry<String, Supplier<OptionalLong>> w : watched.entrySet()) {
            OptionalLong pid = w.getValue().get();
            if (pid.isEmpty()) continue;
            Optional<ProcessCpu.Sample> s = ProcessCpu.of(pid.getAsLong());
            if (s.isEmpty()) continue;
            atStart.put(w.getKey(), s.get());
            pidAtStart.put(w.getKey(), pid.getAsLong());
        }
        machineAtStart = MachineCpu.now().orElse(null);
        startNanos = System.nanoTime();
    }

    @Override
    public synchronized void end() {
        if (current == null) return;
        double wall = (System.nanoTime() - startNanos) / 1e9;
        MachineCpu machine = machineAtStart == null ? null : MachineCpu.now().map(m -> m.minus(machineAtStart)).orElse(null);
        Map<String, ProcessCpu.Sample> used = new LinkedHashMap<>();
        for (Map.Entry<String, Long> p : pidAtStart.entrySet()) {
            OptionalLong now = watched.get(p.getKey()).get();
            if (now.isEmpty() || now.getAsLong() != p.getValue()) continue; // killed or restarted in the window
            ProcessCpu.of(p.getValue()).ifPresent(s -> used.put(p.getKey(), s.minus(atStart.get(p.getKey()))));
        }
        if (machine != null) {
            byWorkload.merge(current, new CpuUse(1, wall, machine, used), CpuLedger::add);
        }
        current = null;
    }

    /** The workload's CPU, all its windows together; empty when it never ran or /proc was unreadable. */
    public synchronized Optional<CpuUse> of(String workload) {
        return Optional.ofNullable(byWorkload.get(workload));
    }

    /** Every workload counted, in the order first run. */
    public synchronized Map<String, CpuUse> all() {
        return new LinkedHashMap<>(byWorkload);
    }

    private static CpuUse add(CpuUse a, CpuUse b) {
        Map<String, ProcessCpu.Sample> sum = new LinkedHashMap<>(a.processes());
        b.processes().forEach((process, s) -> sum.merge(process, s, ProcessCpu.Sample::plus));
        return new CpuUse(a.runs() + b.runs(), a.wall() + b.wall(), a.machine().plus(b.machine()), sum);
    }
}
