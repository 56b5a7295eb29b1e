package org.ringfs.e2e.bench.profile;

import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Something that watches the bench's processes across each workload's time window: the JFR
 * {@link Profiler} (with {@code --profile}) and the {@link CpuLedger} (always).
 */
public interface WorkloadObserver {
    /** {@code process} is to be watched; {@code pid} finds it now (a restarted server has a new one). */
    void watch(String process, Supplier<OptionalLong> pid);

    /** A workload starts. */
    void begin(String workload);

    /** The workload that began last has ended. */
    void end();

    /**
     * Both, {@code outer}'s window around {@code inner}'s: {@code inner} begins after {@code outer}
     * and ends before it, so the outer's own work at the edges (the profiler's jcmd calls) stays
     * out of the inner's window.
     */
    static WorkloadObserver around(WorkloadObserver outer, WorkloadObserver inner) {
        return new WorkloadObserver() {
            @Override
            public void watch(String process, Supplier<OptionalLong> pid) {
                outer.watch(process, pid);
                inner.watch(process, pid);
            }

            @Override
            public void begin(String workload) {
                outer.begin(workload);
                inner.begin(workload);
            }

            @Override
            public void end() {
                inner.end();
                outer.end();
            }
        };
    }
}
