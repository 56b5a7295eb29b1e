package org.ringfs.fuse.fs;

import org.ringfs.client.OpenFile;

/**
 * The one open file of an inode on this mount, shared by every handle the kernel holds on it: one
 * buffer and one size, so appends through any handle land at the same end and an fsync through any
 * handle commits them all. Counted by {@link OpenHandles}; the last release closes it.
 */
final class SharedFile {
    private final OpenFile file;
    /** Handles holding this file; guarded by the {@link OpenHandles} that owns it. */
    int references;
    private volatile boolean written;
    /** When (System.nanoTime) a read last considered the access time; 0 until one did, and again after a write. */
    private volatile long accessConsidered;
    /**
     * When (System.nanoTime, never 0) the oldest write not yet taken by the background commit was
     * made; 0 when none is waiting. Set after the write is in the buffer, cleared before the commit
     * that takes it starts: a write the commit misses sets it again.
     */
    private final java.util.concurrent.atomic.AtomicLong uncommittedSince = new java.util.concurrent.atomic.AtomicLong();

    SharedFile(OpenFile file) {
        this.file = file;
    }

    OpenFile file() { return file; }

    long inode() { return file.inode(); }

    /** Whether writes went through it: its size may then be ahead of meta's. */
    boolean written() { return written; }

    void markWritten() {
        written = true;
        accessConsidered = 0; // mtime moved: relatime looks again
        long now = System.nanoTime();
        uncommittedSince.compareAndSet(0, now == 0 ? 1 : now);
    }

    /**
     * Whether writes have waited at least {@code afterNanos} at {@code nowNanos} for the background
     * commit; if so they are taken (the caller commits them now) and the time returned, else 0.
     */
    long takeDue(long nowNanos, long afterNanos) {
        long since = uncommittedSince.get();
        if (since == 0 || nowNanos - since < afterNanos) return 0;
        return uncommittedSince.compareAndSet(since, 0) ? since : 0;
    }

    /** A background commit of the writes taken at {@code since} failed: they wait again, as old as they were. */
    void commitFailed(long since) {
        uncommittedSince.accumulateAndGet(since, (current, taken) -> current == 0 || taken - current < 0 ? taken : current);
    }

    /**
     * Whether a read now should consider the access time: the first read, the first after a write,
     * else once a second.
     */
    boolean considerAccess() {
        long now = System.nanoTime();
        long last = accessConsidered;
        if (last != 0 && now - last < 1_000_000_000L) return false;
        accessConsidered = now == 0 ? 1 : now;
        return true;
    }
}
