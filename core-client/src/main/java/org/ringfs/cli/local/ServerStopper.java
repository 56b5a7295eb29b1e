package org.ringfs.cli.local;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops server processes: SIGTERM so they close their stores cleanly, SIGKILL after a grace period. */
public final class ServerStopper {
    /** Servers sync every write, so a clean stop is quick; a server still up after this is stuck. */
    public static final Duration GRACE = Duration.ofSeconds(15);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private ServerStopper() {}

    /** Stops every process; returns those that had to be killed. */
    public static List<ProcessHandle> stop(Collection<ProcessHandle> processes, Duration grace) {
        processes.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        List<ProcessHandle> stuck = processes.stream()
                .filter(p -> !exited(p, Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))))
                .toList();
        stuck.forEach(ServerStopper::kill);
        return stuck;
    }

    /** SIGKILL and wait until the OS has reaped it, so its port and store are free. */
    public static void kill(ProcessHandle p) {
        p.destroyForcibly();
        exited(p, KILL_WAIT);
    }

    private static boolean exited(ProcessHandle p, Duration timeout) {
        CompletableFuture<ProcessHandle> exit = p.onExit();
        try {
            exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for pid " + p.pid() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }
}
