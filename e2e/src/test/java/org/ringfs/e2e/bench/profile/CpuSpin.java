package org.ringfs.e2e.bench.profile;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
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

    /**
     * Spends about {@code millis} of this thread's CPU in the kernel: reads of /dev/zero, whose
     * bytes the kernel writes into the buffer itself. The CPU seconds spent, user and system.
     */
    public static double inKernel(long millis) throws IOException {
        var threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long until = cpu + TimeUnit.MILLISECONDS.toNanos(millis);
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel zero = FileChannel.open(Path.of("/dev/zero"))) {
            while (threads.getCurrentThreadCpuTime() < until) {
                buffer.clear();
                zero.read(buffer);
            }
        }
        return (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
    }
}
