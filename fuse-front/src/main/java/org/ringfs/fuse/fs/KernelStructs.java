package org.ringfs.fuse.fs;

import jnr.ffi.Struct;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.StatFs;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.Statvfs;

import java.util.concurrent.TimeUnit;

/** Fills the kernel's stat and statvfs structures from RingFS values. */
final class KernelStructs {
    /** st_blksize: the FUSE request size, the unit in which I/O is cheapest through the mount. */
    static final int PREFERRED_IO_SIZE = 128 * 1024;
    static final int NAME_MAX = 255;

    private KernelStructs() {}

    static void fill(FileStat st, InodeAttributes a) {
        st.st_mode.set(a.stMode());
        st.st_ino.set(a.id());
        st.st_nlink.set(a.nlink());
        st.st_uid.set(a.uid());
        st.st_gid.set(a.gid());
        st.st_size.set(a.size());
        // Allocation is not tracked; count the bytes as allocated (holes included) in 512 B units.
        st.st_blocks.set((a.size() + 511) / 512);
        st.st_blksize.set(PREFERRED_IO_SIZE);
        st.st_rdev.set(a.rdev());
        setTime(st.st_atim, a.atimeNanos());
        setTime(st.st_mtim, a.mtimeNanos());
        setTime(st.st_ctim, a.ctimeNanos());
    }

    private static void setTime(ru.serce.jnrfuse.struct.Timespec t, long nanos) {
        t.tv_sec.set(Math.floorDiv(nanos, TimeUnit.SECONDS.toNanos(1)));
        t.tv_nsec.set(Math.floorMod(nanos, TimeUnit.SECONDS.toNanos(1)));
    }

    static void fill(Statvfs st, StatFs fs) {
        long unit = Math.max(1, fs.blockSize());
        st.f_bsize.set(unit);
        st.f_frsize.set(unit);
        st.f_blocks.set(fs.totalBytes() / unit);
        st.f_bfree.set(fs.freeBytes() / unit);
        st.f_bavail.set(fs.freeBytes() / unit);
        st.f_files.set(fs.files());
        // Inodes are only meta's records: there is no fixed table to run out of.
        st.f_ffree.set(Integer.MAX_VALUE);
        st.f_favail.set(Integer.MAX_VALUE);
        st.f_namemax.set(NAME_MAX);
    }

    /** The size in bytes of the kernel's struct stat, to allocate one for readdir entries. */
    static int statSize() {
        return Struct.size(new FileStat(jnr.ffi.Runtime.getSystemRuntime()));
    }
}
