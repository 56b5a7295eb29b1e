package org.ringfs.e2e.bench.profile;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/** A known amount of CPU spent by the calling thread, for tests of what counts CPU. */
public final class CpuSpin {
    private CpuSpin() {}

    /**
     * Spins this thread until it has had {@code millis} of CPU (however busy the machine is, so
     * however long that takes); the CPU seconds it spent, by the JVM's own count.
     */
    public static double spin(long millis) {
        var threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long until = cpu + TimeUnit.MILLISECONDS.toNanos(millis);
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            for (int i = 0; i < 10_000; i++) x += x * 31 + 7;
        }
        if (x == 42) System.out.print(""); // keeps the loop from being optimized away
        return (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
    }
}
