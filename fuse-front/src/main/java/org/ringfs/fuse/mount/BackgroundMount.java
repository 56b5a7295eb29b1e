package org.ringfs.fuse.mount;

import org.ringfs.cli.local.ServerLauncher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ringfs mount --detach}: runs the mount as its own process (this JVM's java and classpath,
 * in a new session so the terminal's signals do not reach it), output appended to a log file,
 * and waits until the mount point answers as RingFS.
 */
final class BackgroundMount {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final MountPoint mountPoint;
    private final Path log;

    BackgroundMount(MountPoint mountPoint, Path log) {
        this.mountPoint = mountPoint;
        this.log = log;
    }

    /** Starts {@code ringfs <mountArgs>} and returns once it serves the mount point. */
    ProcessHandle start(List<String> mountArgs, Duration timeout) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(SETSID)) cmd.add(SETSID.toString());
        cmd.addAll(ServerLauncher.javaCommand(mountArgs));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!mountPoint.hasLiveRingFs()) {
            if (!p.isAlive()) {
                throw new IOException("the mount process exited with " + p.exitValue() + "; the end of " + log + ":\n"
                        + tail(20));
            }
            if (System.nanoTime() > deadline) {
                p.destroy();
                throw new IOException(mountPoint.dir() + " did not answer within " + timeout.toSeconds() + " s; see "
                        + log + ":\n" + tail(20));
            }
            sleep();
        }
        return p.toHandle();
    }

    private String tail(int lines) throws IOException {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the mount");
        }
    }
}
