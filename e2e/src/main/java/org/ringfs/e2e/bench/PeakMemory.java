package org.ringfs.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak resident memory of a process from /proc/PID/status (VmHWM). Resetting it (writing 5 to
 * clear_refs, allowed for the process's owner and root) makes the next reading the peak of
 * what happened in between.
 */
final class PeakMemory {
    private PeakMemory() {}

    /** Starts a new peak; false when the kernel refused (the reading then covers the process's life). */
    static boolean reset(long pid) {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The peak RSS in MiB since the last reset. */
    static double mebibytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                String kib = line.substring("VmHWM:".length()).trim().split("\\s+")[0];
                return Long.parseLong(kib) / 1024.0;
            }
        }
        throw new IOException("no VmHWM in /proc/" + pid + "/status");
    }
}
