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

    SharedFile(OpenFile file) {
        this.file = file;
    }

    OpenFile file() { return file; }

    long inode() { return file.inode(); }

    /** Whether writes went through it: its size may then be ahead of meta's. */
    boolean written() { return written; }

    void markWritten() { written = true; }
}
