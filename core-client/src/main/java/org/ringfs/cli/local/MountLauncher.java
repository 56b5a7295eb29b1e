package org.ringfs.cli.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Mounts a local cluster: the {@code mount} role as its own process under DIR/mount/ (pid,
 * command, server.log), like the servers, so {@code ringfs down} unmounts it (SIGTERM unmounts
 * cleanly) and {@code up} in the foreground unmounts on Ctrl-C.
 */
public final class MountLauncher {
    private static final Path MOUNTS = Path.of("/proc/self/mounts");
    private static final Duration POLL = Duration.ofMillis(100);

    private final ClusterDirectory cluster;
    private final ServerLauncher launcher;

    public MountLauncher(ClusterDirectory cluster, ServerLauncher launcher) {
        this.cluster = cluster;
        this.launcher = launcher;
    }

    /** Starts the mount of the cluster on {@code mountpoint} and waits until the kernel lists it. */
    public void start(Path mountpoint, Map<String, ProcessHandle> launched, Duration timeout) throws IOException {
        String name = ClusterDirectory.MOUNT;
        Path dir = mountpoint.toAbsolutePath().normalize();
        ProcessHandle p = launcher.launch(name, ServerLauncher.javaCommand(List.of(name,
                "--dir", cluster.root().toAbsolutePath().toString(), dir.toString())));
        launched.put(name, p);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!mounted(dir)) {
            launcher.failIfDead(name, p);
            if (System.nanoTime() > deadline) {
                throw new LocalClusterException("the mount on " + dir + " did not appear within " + timeout.toSeconds()
                        + " s; see " + cluster.logFile(name) + ":\n" + cluster.logTail(name, 20));
            }
            ServerLauncher.sleep(POLL);
        }
    }

    /** True when {@code dir} is a RingFS FUSE mount now. */
    static boolean mounted(Path dir) throws IOException {
        for (String line : Files.readAllLines(MOUNTS, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            // Mount points with spaces are octal-escaped in /proc/mounts.
            if (f.length > 2 && f[1].replace("\\040", " ").equals(dir.toString()) && f[2].startsWith("fuse")) return true;
        }
        return false;
    }
}
