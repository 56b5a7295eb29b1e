package org.ringfs.data.rebuild;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What status and heartbeats say about reconciliation: whether this server is still rebuilding
 * (it started from a lost or damaged store, or a pass is fetching copies it lacks), and how many
 * of the copies to fetch the current pass has found and fetched so far.
 */
public final class ReconcileProgress {
    private volatile boolean needsRebuild;
    private volatile boolean running;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong done = new AtomicLong();

    public ReconcileProgress(boolean needsRebuild) {
        this.needsRebuild = needsRebuild;
    }

    public boolean needsRebuild() { return needsRebuild; }

    public boolean rebuilding() { return needsRebuild || (running && done.get() < total.get()); }

    public long total() { return total.get(); }

    public long done() { return done.get(); }

    void passStarted() {
        total.set(0);
        done.set(0);
        running = true;
    }

    void fetchFound() { total.incrementAndGet(); }

    void fetched() { done.incrementAndGet(); }

    /** @param complete the pass read all of meta and fetched every copy it should hold */
    void passEnded(boolean complete) {
        running = false;
        if (complete) needsRebuild = false;
    }
}
