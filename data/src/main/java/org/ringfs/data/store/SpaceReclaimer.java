package org.ringfs.data.store;

import com.sleepycat.je.CheckpointConfig;
import com.sleepycat.je.DatabaseException;
import com.sleepycat.je.Environment;
import com.sleepycat.je.EnvironmentConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Gives the space of deleted copies back to the file system soon, on a store near its reserve.
 *
 * <p>JE frees disk only by deleting whole log files: its cleaner first copies a file's live records
 * to the end of the log, and the file goes only after a later checkpoint. Left alone it does neither
 * soon: measured on a full 256 MiB tmpfs, deleting half of the copies freed nothing in 30 s, since
 * the cleaner waits until the log is less than half used (je.cleaner.minUtilization, 50%) and the
 * checkpointer until 20 MB more were written, which a full disk never writes. A pass cleans one
 * file at a time aiming at 80% use, with a forced checkpoint after each file so the log never grows
 * by more than one file before it shrinks, bounded in files and time; then JE's target is put back.
 * It runs on its own thread, never interrupted (an interrupt would invalidate the environment).
 */
final class SpaceReclaimer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SpaceReclaimer.class);
    private static final String PASS_UTILIZATION = "80";
    private static final int MAX_FILES_PER_PASS = 64;
    private static final long MAX_PASS_MILLIS = 30_000;
    /** Passes asked for by refused writes (not by deletes) start at most this often. */
    private static final long REFUSAL_PASS_EVERY_MILLIS = 10_000;
    private static final CheckpointConfig FORCE = new CheckpointConfig().setForce(true);

    private final Environment env;
    private final String defaultUtilization;
    private final LongSupplier clock;
    private final ExecutorService thread;
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean closing;
    private volatile long lastRefusalPassMillis = Long.MIN_VALUE / 2;

    SpaceReclaimer(Environment env, String name, LongSupplier clock) {
        this.env = env;
        this.defaultUtilization = env.getConfig().getConfigParam(EnvironmentConfig.CLEANER_MIN_UTILIZATION);
        this.clock = clock;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reclaim-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** A delete on a store near its reserve: a pass soon (requests during a pass coalesce into one more). */
    void afterDelete() {
        request();
    }

    /** A write was refused for space: a pass, unless one was asked for this way lately. */
    void afterRefusal() {
        long now = clock.getAsLong();
        if (now - lastRefusalPassMillis < REFUSAL_PASS_EVERY_MILLIS) return;
        lastRefusalPassMillis = now;
        request();
    }

    private void request() {
        if (closing || !requested.compareAndSet(false, true)) return;
        try {
            thread.execute(this::pass);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            requested.set(false); // closing
        }
    }

    private void pass() {
        requested.set(false);
        if (closing) return;
        long started = clock.getAsLong();
        int cleaned = 0;
        try {
            setUtilization(PASS_UTILIZATION);
            while (!closing && cleaned < MAX_FILES_PER_PASS && clock.getAsLong() - started < MAX_PASS_MILLIS
                    && env.cleanLogFile()) {
                cleaned++;
                env.checkpoint(FORCE); // a cleaned file is deleted only once a checkpoint follows
            }
            // Files JE's own cleaner finished also wait for a checkpoint.
            if (!closing) env.checkpoint(FORCE);
            if (cleaned > 0) log.info("reclaimed space: cleaned {} log files in {} ms", cleaned, clock.getAsLong() - started);
        } catch (DatabaseException | IllegalStateException e) {
            log.warn("reclaiming space after deletes failed (cleaned {} log files): {}", cleaned, e.toString());
        } finally {
            try {
                setUtilization(defaultUtilization);
            } catch (DatabaseException | IllegalStateException e) {
                log.warn("cannot restore je.cleaner.minUtilization: {}", e.toString());
            }
        }
    }

    private void setUtilization(String percent) {
        env.setMutableConfig(env.getMutableConfig().setConfigParam(EnvironmentConfig.CLEANER_MIN_UTILIZATION, percent));
    }

    /** Stops after the file being cleaned, and waits for that (never interrupts JE). */
    @Override
    public void close() {
        closing = true;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2 * MAX_PASS_MILLIS, TimeUnit.MILLISECONDS)) {
                log.warn("a space reclaiming pass is still running at close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
