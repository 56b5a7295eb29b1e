package org.ringfs.fuse.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Which system call the process on whose behalf the kernel asks is blocked in, as Linux tells in
 * {@code /proc/PID/syscall} (its first field is the call's number while the process waits in it,
 * as it does for this mount's answer). libfuse 2's high-level API hides an open file the same way
 * for an unlink of it and for a rename over it (lib/fuse.c hide_node) and says nothing of which;
 * the caller's system call does. Unknown when the file cannot be read (another user's process
 * without CAP_SYS_PTRACE, Yama's ptrace_scope, a caller in another pid namespace) or the machine is
 * neither x86-64 nor aarch64: callers must then do what is right for either.
 */
final class CallerSyscall {
    enum Kind { RENAME, OTHER, UNKNOWN }

    /** rename, renameat, renameat2 by architecture (asm/unistd_64.h, asm-generic/unistd.h). */
    private static final Map<String, Set<Integer>> RENAMES = Map.of(
            "amd64", Set.of(82, 264, 316),
            "x86_64", Set.of(82, 264, 316),
            "aarch64", Set.of(38, 276));

    private CallerSyscall() {}

    static Kind of(long pid) {
        Set<Integer> renames = RENAMES.get(System.getProperty("os.arch"));
        if (renames == null || pid <= 0) return Kind.UNKNOWN;
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "syscall"), StandardCharsets.US_ASCII),
                    renames);
        } catch (IOException | RuntimeException e) {
            return Kind.UNKNOWN;
        }
    }

    /** The kind of the call a {@code /proc/PID/syscall} line names ("running", or -1 outside a call: unknown). */
    static Kind parse(String line, Set<Integer> renames) {
        String first = line.strip().split(" ", 2)[0];
        int nr;
        try {
            nr = Integer.parseInt(first);
        } catch (NumberFormatException e) {
            return Kind.UNKNOWN;
        }
        if (nr < 0) return Kind.UNKNOWN;
        return renames.contains(nr) ? Kind.RENAME : Kind.OTHER;
    }
}
