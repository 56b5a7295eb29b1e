package org.ringfs.fuse.fs;

import org.ringfs.api.RingFsException;
import org.ringfs.client.OpenFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The mount's background commit, the nearest a libfuse 2 mount comes to the kernel's dirty_expire
 * writeback: sync(2) and syncfs(2) reach no FUSE callback (see {@link RingFuse#fsyncdir}), so a file
 * written and left open would stay uncommitted at meta until its close or fsync. Every tick this
 * commits each open file of the mount whose oldest uncommitted write is {@code after} old, through
 * the same call fsync makes (the open file's flush: its buffer stored under the mount's write policy,
 * then one commit to meta). The open file's lock orders that flush with the handle's writes,
 * truncates and closes; a file closed meanwhile was committed by its close and is passed over.
 * One thread: a commit waiting on servers (write policy {@code all} with one down) delays the others.
 */
final class OpenFileCommitter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpenFileCommitter.class);

    /** The commit fsync makes of an open file. */
    @FunctionalInterface
    interface Commit {
        void commit(OpenFile file) throws RingFsException;
    }

    private final OpenHandles handles;
    private final long afterNanos;
    private final Commit commit;
    private ScheduledExecutorService timer;

    OpenFileCommitter(OpenHandles handles, Duration after, Commit commit) {
        if (after.isNegative() || after.isZero()) throw new IllegalArgumentException("commit delay must be positive: " + after);
        this.handles = handles;
        this.afterNanos = after.toNanos();
        this.commit = commit;
    }

    /** Starts ticking: every fifth of the delay, at least every second, at most ten times a second. */
    synchronized void start() {
        if (timer != null) return;
        long tick = Math.max(100, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(afterNanos) / 5));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ringfs-open-file-commit");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            commitDue(System.nanoTime());
        } catch (RuntimeException | Error e) {
            log.error("background commit of open files: {}", e.toString(), e); // the next tick runs all the same
        }
    }

    /** Commits every open file whose writes have waited {@code after} at {@code nowNanos}; returns how many. */
    int commitDue(long nowNanos) {
        int committed = 0;
        for (SharedFile f : handles.all()) {
            long since = f.takeDue(nowNanos, afterNanos);
            if (since == 0) continue;
            try {
                commit.commit(f.file());
                committed++;
            } catch (RingFsException | RuntimeException e) {
                if (handles.of(f.inode()).orElse(null) != f) {
                    log.debug("inode {} closed during its background commit: its close committed it", f.inode());
                    continue;
                }
                f.commitFailed(since); // its writes stay buffered; the next tick tries again
                log.warn("background commit of open inode {} failed (tried again in a moment): {}", f.inode(), e.toString());
            }
        }
        return committed;
    }

    /** Stops ticking and waits (boundedly) for a commit under way, so the mount's closes follow it. */
    @Override
    public synchronized void close() {
        if (timer == null) return;
        timer.shutdown();
        try {
            if (!timer.awaitTermination(10, TimeUnit.SECONDS)) log.warn("a background commit is still running at unmount");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
