package org.ringfs.fuse.fs;

import java.util.Locale;

/**
 * When a read moves a file's access time (FUSE leaves atime to the file system: the kernel never
 * updates it on a FUSE mount). A mount updates atime at most once per second per open file, so a
 * stream of reads costs one meta call, not one per request.
 */
public enum AtimeMode {
    /** Every read. */
    STRICT,
    /** Linux's default: a read moves atime when it is not after mtime or ctime, or a day old. */
    RELATIME,
    /** Never (noatime). */
    OFF;

    static final long DAY_NANOS = 86_400L * 1_000_000_000L;

    /** {@code strict}, {@code relatime} or {@code off}. */
    public static AtimeMode of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--atime takes strict, relatime or off, not '" + name + "'");
        }
    }

    /** Whether a read at {@code nowNanos} moves an access time {@code atime} (given the file's mtime and ctime). */
    boolean moves(long atime, long mtime, long ctime, long nowNanos) {
        return switch (this) {
            case STRICT -> true;
            case RELATIME -> atime <= mtime || atime <= ctime || nowNanos - atime >= DAY_NANOS;
            case OFF -> false;
        };
    }
}
