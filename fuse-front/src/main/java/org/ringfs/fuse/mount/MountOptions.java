package org.ringfs.fuse.mount;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The libfuse options of a RingFS mount.
 *
 * @param attrTimeoutSeconds  how long the mount trusts attributes it read from meta (its own cache:
 *                            the kernel is told to keep none, see {@code AttributeCache})
 * @param entryTimeoutSeconds how long the kernel trusts a name lookup
 * @param shared              mount for every user (allow_other; needs root or user_allow_other)
 */
public record MountOptions(double attrTimeoutSeconds, double entryTimeoutSeconds, boolean shared) {
    /** libfuse2's ceiling for one read or write request. */
    public static final int MAX_REQUEST = 128 * 1024;

    /** The options RingFuse.mount passes to libfuse's fuse_setup: {@code -o opt,opt,...}. */
    public String[] fuseArgs() {
        List<String> o = new ArrayList<>();
        o.add("fsname=ringfs");
        o.add("subtype=ringfs");
        // 4 KiB writes reach 180 MB/s here, 128 KiB writes 1.2-1.4 GB/s.
        o.add("big_writes");
        o.add("max_write=" + MAX_REQUEST);
        o.add("max_read=" + MAX_REQUEST);
        // The kernel checks mode bits, sticky directories and chown rights from our attributes.
        o.add("default_permissions");
        if (shared) o.add("allow_other");
        // st_ino is RingFS's inode id, so hard links show as one inode.
        o.add("use_ino");
        // No hard_remove: libfuse renames an open file whose name goes to a .fuse_hidden name, the
        // path it then asks fstat's attributes by; RingFuse keeps that name from meta (HiddenNames).
        // O_TRUNC arrives with open(), one call instead of a setattr and an open.
        o.add("atomic_o_trunc");
        seconds(attrTimeoutSeconds);
        // libfuse2 gives each hard link its own kernel inode and cannot invalidate them: a kernel
        // cache would show a stale nlink and ctime on one name after a change through another.
        o.add("attr_timeout=0");
        o.add("entry_timeout=" + seconds(entryTimeoutSeconds));
        // Another client may create the name any time: do not cache its absence.
        o.add("negative_timeout=0");
        return new String[] {"-o", String.join(",", o)};
    }

    private static String seconds(double s) {
        if (s < 0) throw new IllegalArgumentException("a cache timeout cannot be negative: " + s);
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
