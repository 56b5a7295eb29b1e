package org.ringfs.e2e.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Size-limited tmpfs mounts for tests of a full disk: a real file system that runs out of space,
 * fast and without touching the machine's disks. Mounting needs root; {@link #mount} says false
 * where it cannot, so a test can skip. {@link #close()} unmounts every one it mounted (lazily if
 * something still holds it) and removes the mount points, also after a failed test.
 */
public final class Tmpfs implements AutoCloseable {
    private final List<Path> mounted = new ArrayList<>();
    private String lastFailure = "";

    /** Mounts a tmpfs of {@code sizeMib} MiB at {@code dir} (created if absent); false when this process cannot. */
    public synchronized boolean mount(Path dir, int sizeMib) throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            lastFailure = "mounting a tmpfs needs root, this is " + System.getProperty("user.name");
            return false;
        }
        Files.createDirectories(dir);
        Result r = run("mount", "-t", "tmpfs", "-o", "size=" + sizeMib + "m", "tmpfs", dir.toString());
        if (r.exit != 0) {
            lastFailure = "mount -t tmpfs at " + dir + " failed: " + r.output;
            return false;
        }
        mounted.add(dir);
        return true;
    }

    /** Why the last {@link #mount} said false. */
    public synchronized String lastFailure() { return lastFailure; }

    @Override
    public synchronized void close() throws IOException, InterruptedException {
        List<Path> dirs = new ArrayList<>(mounted);
        Collections.reverse(dirs);
        IOException failure = null;
        for (Path dir : dirs) {
            Result r = run("umount", dir.toString());
            if (r.exit != 0) r = run("umount", "-l", dir.toString()); // a straggling process still has it open
            if (r.exit != 0) {
                if (failure == null) failure = new IOException("cannot unmount the tmpfs at " + dir + ": " + r.output);
                continue;
            }
            mounted.remove(dir);
            Files.deleteIfExists(dir);
        }
        if (failure != null) throw failure;
    }

    private record Result(int exit, String output) {}

    private static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new Result(-1, String.join(" ", command) + " did not end within 30 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }
}
