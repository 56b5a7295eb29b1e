package org.ringfs.fuse.fs;

/**
 * The open(2) flags a mount acts on, decoded from the kernel's bits (Linux values; FUSE passes
 * them through unchanged).
 */
public record OpenFlags(boolean readable, boolean writable, boolean create, boolean exclusive, boolean truncate,
                        boolean append) {

    static final int O_ACCMODE = 03;
    static final int O_RDONLY = 00;
    static final int O_WRONLY = 01;
    static final int O_RDWR = 02;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int O_TRUNC = 01000;
    static final int O_APPEND = 02000;

    public static OpenFlags of(int flags) {
        int access = flags & O_ACCMODE;
        boolean writable = access == O_WRONLY || access == O_RDWR;
        return new OpenFlags(access != O_WRONLY, writable, (flags & O_CREAT) != 0, (flags & O_EXCL) != 0,
                // O_RDONLY|O_TRUNC is unspecified by POSIX; Linux truncates (the kernel checked write access).
                (flags & O_TRUNC) != 0, (flags & O_APPEND) != 0);
    }
}
