package org.ringfs.e2e.bench.profile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The CPU one process has used so far, from Linux's /proc: all of it, the part its JVM's JIT
 * compiler threads and its garbage collector threads used (by thread name, as the JVM names them),
 * and the part its other threads spent in the kernel (system calls: copies to and from sockets and
 * files, waking threads). The whole and the kernel part are the process's own counts, which keep the
 * time of threads that have ended; the JIT and GC parts are those of the threads alive now, which in
 * a JVM live as long as the process. The three parts do not overlap.
 */
public final class ProcessCpu {
    /** Linux's USER_HZ, the unit of /proc's CPU times, is 100 on every architecture the JDK runs on. */
    static final double TICKS_PER_SECOND = 100;

    /** What a thread does, by the name the JVM gives it. */
    enum ThreadKind { JIT, GC, WORK }

    /** CPU seconds used so far: in all, in the kernel by threads other than JIT and GC threads, by JIT threads, by GC threads. */
    public record Sample(double total, double kernel, double jit, double gc) {
        /**
         * The CPU used between two samples. Linux splits each thread's and the whole process's run
         * time into user and system time apart (scaled from its own ticks), so over a short window
         * the process's system time less the JIT and GC threads' can exceed what the other threads
         * ran in all; the kernel part is held to that, so the parts still do not overlap.
         */
        Sample minus(Sample earlier) {
            double jitUsed = jit - earlier.jit;
            double gcUsed = gc - earlier.gc;
            double used = total - earlier.total;
            double work = Math.max(0, used - jitUsed - gcUsed);
            double kernelUsed = Math.min(Math.max(0, kernel - earlier.kernel), work);
            return new Sample(used, kernelUsed, jitUsed, gcUsed);
        }

        Sample plus(Sample other) {
            return new Sample(total + other.total, kernel + other.kernel, jit + other.jit, gc + other.gc);
        }

        Sample dividedBy(int n) {
            return new Sample(total / n, kernel / n, jit / n, gc / n);
        }
    }

    private ProcessCpu() {}

    static ThreadKind kindOf(String threadName) {
        if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) return ThreadKind.JIT;
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.equals("VM Thread")) {
            return ThreadKind.GC; // the VM thread runs the collector's safepoint work
        }
        return ThreadKind.WORK;
    }

    /** The process's CPU so far; empty when it is gone or /proc cannot be read (not Linux). */
    public static Optional<Sample> of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String stat = Files.readString(proc.resolve("stat"));
            double total = seconds(stat);
            double kernel = kernelSeconds(stat);
            double jit = 0;
            double gc = 0;
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
                for (Path task : tasks) {
                    try {
                        ThreadKind kind = kindOf(Files.readString(task.resolve("comm")).strip());
                        if (kind == ThreadKind.WORK) continue;
                        String taskStat = Files.readString(task.resolve("stat"));
                        double used = seconds(taskStat);
                        kernel -= kernelSeconds(taskStat); // counted in the JIT or GC part
                        if (kind == ThreadKind.JIT) jit += used;
                        else gc += used;
                    } catch (NoSuchFileException ended) {
                        // a thread that ended between the listing and the read: its time is in the total
                    }
                }
            }
            return Optional.of(new Sample(total, Math.max(0, kernel), jit, gc));
        } catch (IOException | RuntimeException goneOrUnreadable) {
            return Optional.empty(); // the ledger then has no figure for the process, and says so
        }
    }

    /**
     * User plus system time of a /proc stat line, in seconds. The fields are counted after the
     * command name's closing parenthesis, since a name may hold spaces and parentheses itself.
     */
    static double seconds(String statLine) {
        String[] f = fieldsAfterName(statLine);
        return (Long.parseLong(f[UTIME]) + Long.parseLong(f[STIME])) / TICKS_PER_SECOND;
    }

    /** System time of a /proc stat line (the CPU spent in the kernel on the process's behalf), in seconds. */
    static double kernelSeconds(String statLine) {
        return Long.parseLong(fieldsAfterName(statLine)[STIME]) / TICKS_PER_SECOND;
    }

    // After the name: state is index 0; utime (field 14 of the line) index 11, stime index 12.
    private static final int UTIME = 11;
    private static final int STIME = 12;

    private static String[] fieldsAfterName(String statLine) {
        return statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
    }
}
