package org.ringfs.fuse.fs;

import org.ringfs.client.OpenFile;

/**
 * One open(2) of a file as the kernel holds it: the client's open file, the flags it was opened
 * with, and what this mount has done through it.
 */
final class FileHandle {
    private final OpenFile file;
    private final OpenFlags flags;
    private volatile boolean written;
    /** Whether setuid/setgid were seen cleared or cleared, so later writes need no check. */
    private volatile boolean privilegesCleared;

    FileHandle(OpenFile file, OpenFlags flags, boolean privilegesCleared) {
        this.file = file;
        this.flags = flags;
        this.privilegesCleared = privilegesCleared;
    }

    OpenFile file() { return file; }

    OpenFlags flags() { return flags; }

    /** Whether writes went through this handle: its size may then be ahead of meta's. */
    boolean written() { return written; }

    void markWritten() { written = true; }

    boolean privilegesCleared() { return privilegesCleared; }

    void markPrivilegesCleared() { privilegesCleared = true; }
}
