package org.ringfs.data.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A background job on its own thread: run every {@code interval}, and soon after {@link #runSoon()}
 * (requests made while it runs coalesce into one more run). A failing run is logged, never fatal.
 */
final class PeriodicTask implements AutoCloseable {
    /** One run; may throw, the task logs it and runs again at the next tick. */
    @FunctionalInterface
    interface Job {
        void run() throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Job job;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean requested = new AtomicBoolean();

    /** @param interval zero or negative: only on request */
    PeriodicTask(String name, Duration initialDelay, Duration interval, Job job) {
        this.name = name;
        this.job = job;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        if (interval.toMillis() > 0) {
            thread.scheduleWithFixedDelay(this::runLogged, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        } else if (!initialDelay.isNegative()) {
            thread.schedule(this::runLogged, initialDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void runSoon() {
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

    @Override
    public void close() throws InterruptedException {
        thread.shutdownNow();
        if (!thread.awaitTermination(10, TimeUnit.SECONDS)) log.warn("{} did not stop within 10 s", name);
    }
}
