package org.ringfs.e2e.bench.profile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The CPU one process has used so far, from Linux's /proc: all of it, and the part its JVM's JIT
 * compiler threads and its garbage collector threads used (by thread name, as the JVM names them).
 * The whole is the process's own count, which keeps the time of threads that have ended; the JIT and
 * GC parts are those of the threads alive now, which in a JVM live as long as the process.
 */
public final class ProcessCpu {
    /** Linux's USER_HZ, the unit of /proc's CPU times, is 100 on every architecture the JDK runs on. */
    static final double TICKS_PER_SECOND = 100;

    /** What a thread does, by the name the JVM gives it. */
    enum ThreadKind { JIT, GC, WORK }

    /** CPU seconds used so far: in all, by JIT threads, by GC threads. */
    public record Sample(double total, double jit, double gc) {
        Sample minus(Sample earlier) {
            return new Sample(total - earlier.total, jit - earlier.jit, gc - earlier.gc);
        }

        Sample plus(Sample other) {
            return new Sample(total + other.total, jit + other.jit, gc + other.gc);
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
            double total = seconds(Files.readString(proc.resolve("stat")));
            double jit = 0;
            double gc = 0;
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
                for (Path task : tasks) {
                    try {
                        ThreadKind kind = kindOf(Files.readString(task.resolve("comm")).strip());
                        if (kind == ThreadKind.WORK) continue;
                        double used = seconds(Files.readString(task.resolve("stat")));
                        if (kind == ThreadKind.JIT) jit += used;
                        else gc += used;
                    } catch (NoSuchFileException ended) {
                        // a thread that ended between the listing and the read: its time is in the total
                    }
                }
            }
            return Optional.of(new Sample(total, jit, gc));
        } catch (IOException | RuntimeException goneOrUnreadable) {
            return Optional.empty(); // the ledger then has no figure for the process, and says so
        }
    }

    /**
     * User plus system time of a /proc stat line, in seconds. The fields are counted after the
     * command name's closing parenthesis, since a name may hold spaces and parentheses itself.
     */
    static double seconds(String statLine) {
        String[] f = statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
        // after the name: state(0) ... utime is field 14 of the line, index 11 here; stime index 12
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }
}
