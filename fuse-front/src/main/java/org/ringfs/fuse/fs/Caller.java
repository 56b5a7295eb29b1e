package org.ringfs.fuse.fs;

/** Who made a FUSE request: the uid and gid the kernel reports for the calling process. */
public record Caller(int uid, int gid) {
    public static final int ROOT = 0;

    public boolean isRoot() { return uid == ROOT; }
}
