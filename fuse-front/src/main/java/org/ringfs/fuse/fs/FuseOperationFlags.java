package org.ringfs.fuse.fs;

import jnr.ffi.Struct;
import ru.serce.jnrfuse.struct.FuseOperations;

/**
 * The flag bits of libfuse 2.9's {@code struct fuse_operations}, which jnr-fuse declares as padding
 * and gives no setter: the C bit-fields {@code flag_nullpath_ok:1, flag_nopath:1,
 * flag_utime_omit_ok:1, flag_reserved:29} share one unsigned int after {@code bmap}, lowest bit first
 * (x86-64 and aarch64 are little-endian). A subclass of {@link Struct} only to reach a member's offset.
 */
final class FuseOperationFlags extends Struct {
    /**
     * Operations on an open file libfuse has no path for (its directory went, say) get a null path
     * instead of failing with ENOENT.
     */
    static final byte NULLPATH_OK = 1;
    /** utimensat's UTIME_OMIT and UTIME_NOW reach utimens, so one time can change alone. */
    static final byte UTIME_OMIT_OK = 1 << 2;

    private FuseOperationFlags() {
        super(jnr.ffi.Runtime.getSystemRuntime());
    }

    /** Sets {@code flags} in the struct {@code operations} will hand to fuse_setup (so: before mounting). */
    static void set(FuseOperations operations, byte flags) {
        long at = ((AbstractMember) operations.flag_nullpath_ok).offset();
        Struct.getMemory(operations).putByte(at, flags);
    }
}
