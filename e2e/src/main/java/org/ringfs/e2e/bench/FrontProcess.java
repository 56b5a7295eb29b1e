package org.ringfs.e2e.bench;

import org.ringfs.cli.local.ServerLauncher;
import org.ringfs.cli.local.ServerStopper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A front (the FUSE mount, the WebDAV server) run as its own process with this JVM's classpath,
 * as a user would run it with ./ringfs: started, awaited until it answers, stopped with SIGTERM;
 * also when this JVM exits before closing it (a bench stopped with Ctrl-C), so no mount or server
 * outlives its bench.
 */
final class FrontProcess implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long an exiting bench waits for a front to stop (a mount to unmount) before SIGKILL. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);

    private final String role;
    private final Process process;
    private final Path log;
    private final Thread stopOnExit;

    private FrontProcess(String role, Process process, Path log) {
        this.role = role;
        this.process = process;
        this.log = log;
        this.stopOnExit = new Thread(() -> ServerStopper.stop(List.of(process.toHandle()), EXIT_GRACE),
                "stop-" + role + "-on-exit");
    }

    /** Starts {@code ringfs <roleArgs>} logging to {@code log}; returns once {@code ready} says true. */
    static FrontProcess start(List<String> roleArgs, Path log, Callable<Boolean> ready, Duration timeout)
            throws IOException {
        Process p = new ProcessBuilder(ServerLauncher.javaCommand(roleArgs))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        p.getOutputStream().close();
        FrontProcess front = new FrontProcess(roleArgs.get(0), p, log);
        Runtime.getRuntime().addShutdownHook(front.stopOnExit);
        try {
            front.await(ready, timeout);
        } catch (IOException | RuntimeException e) {
            front.close();
            throw e;
        }
        return front;
    }

    long pid() { return process.pid(); }

    /** What stops the front when this JVM exits first (a shutdown hook until {@link #close}). */
    Thread stopOnExit() { return stopOnExit; }

    private void await(Callable<Boolean> ready, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) throw new IOException(role + " exited at start; its log " + log + ":\n" + tail());
            try {
                if (ready.call()) return;
            } catch (IOException e) {
                // not answering yet: the poll below decides whether to wait on
            } catch (Exception e) {
                throw new IOException(role + " readiness check failed", e);
            }
            if (System.nanoTime() > deadline) throw new IOException(role + " not ready within " + timeout + "; log " + log);
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting " + role, e);
            }
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** SIGTERM (the mount unmounts, the server stops), then SIGKILL after the grace. */
    @Override
    public void close() {
        ServerStopper.stop(List.of(process.toHandle()), Duration.ofSeconds(15));
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException exiting) {
            // this JVM is exiting: the hook runs, and finds the front stopped
        }
    }
}
