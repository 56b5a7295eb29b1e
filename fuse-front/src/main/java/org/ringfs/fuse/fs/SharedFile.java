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
