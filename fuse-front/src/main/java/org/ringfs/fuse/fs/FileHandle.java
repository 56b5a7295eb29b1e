package org.ringfs.fuse.fs;

import org.ringfs.client.OpenFile;

/**
 * One open(2) of a file as the kernel holds it: the inode's open file on this mount (shared with
 * the inode's other handles), the flags it was opened with, and what this mount has done through it.
 */
final class FileHandle {
    private final SharedFile shared;
    private final OpenFlags flags;
    /** Whether setuid/setgid were seen cleared or cleared, so later writes need no check. */
    private volatile boolean privilegesCleared;
    /**
     * The path libfuse knows the file by: the one it was opened by, moved by this mount's renames
     * (libfuse learns of no other); null when unknown.
     */
    private volatile String path;

    FileHandle(SharedFile shared, OpenFlags flags, boolean privilegesCleared, String path) {
        this.shared = shared;
        this.flags = flags;
        this.privilegesCleared = privilegesCleared;
        this.path = path;
    }

    String path() { return path; }

    void movedTo(String path) { this.path = path; }

    OpenFile file() { return shared.file(); }

    SharedFile shared() { return shared; }

    OpenFlags flags() { return flags; }

    void markWritten() { shared.markWritten(); }

    boolean privilegesCleared() { return privilegesCleared; }

    void markPrivilegesCleared() { privilegesCleared = true; }
}
