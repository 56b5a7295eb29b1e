package org.ringfs.data.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A background job on its own thread: run every {@code interval}, and soon after {@link #runSoon()}
 * (requests made while it runs coalesce into one more run). A failing run is logged, never fatal.
 * {@link #close()} lets a run in progress finish rather than interrupting it: an interrupt that lands
 * in Berkeley DB JE's file I/O invalidates the whole environment.
 */
final class PeriodicTask implements AutoCloseable {
    /** One run; may throw, the task logs it and runs again at the next tick. */
    @FunctionalInterface
    interface Job {
        void run() throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    /** Longer than one page of any job and one meta call's usual answer; a hung meta call is cut off. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Job job;
    private final ScheduledThreadPoolExecutor thread;
    private final AtomicBoolean requested = new AtomicBoolean();

    /** @param interval zero or negative: only on request */
    PeriodicTask(String name, Duration initialDelay, Duration interval, Job job) {
        this.name = name;
        this.job = job;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        // Once closing, a delayed first run never starts (the default would still run it).
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        if (interval.toMillis() > 0) {
            thread.scheduleWithFixedDelay(this::runLogged, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        } else if (!initialDelay.isNegative()) {
            thread.schedule(this::runLogged, initialDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void runSoon() {
        if (thread.isShutdown()) return; // closing: no new run
        if (requested.compareAndSet(false, true)) {
            thread.execute(() -> {
                requested.set(false);
                runLogged();
            });
        }
    }

    private void runLogged() {
        try {
            job.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("{} failed", name, e);
        } catch (Exception e) {
            log.warn("{}: {}", name, e.toString());
        }
    }

    /**
     * Stops the task: no run starts any more, and a run in progress finishes on its own (a long job
     * is asked to stop by its owner first). Only a run still going after {@code grace} is interrupted.
     */
    void close(Duration grace) throws InterruptedException {
        thread.shutdown();
        if (thread.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) return;
        log.warn("{} still running after {} s; interrupting it", name, grace.toSeconds());
        thread.shutdownNow();
        if (!thread.awaitTermination(10, TimeUnit.SECONDS)) log.warn("{} did not stop", name);
    }

    @Override
    public void close() throws InterruptedException {
        close(CLOSE_GRACE);
    }
}
