package org.ringfs.data.store;

/**
 * JE settings of a block store, and the free space it keeps for frees. Values are about a megabyte,
 * so the log files are larger than JE's default and the cache is small (the OS page cache serves
 * re-reads).
 *
 * @param cacheBytes    je.maxMemory
 * @param logFileBytes  je.log.fileMax on a large disk; a small disk gets smaller files ({@link #logFileBytesFor})
 * @param freeDiskBytes je.freeDisk: JE refuses every write, deletes too, with less free disk (its default,
 *                      5 GB, fails small disks). Kept well below {@code reserveBytes}, so that deletes,
 *                      JE's cleaner and its checkpoints still run on a disk the store calls full
 * @param reserveBytes  a block write that would leave less free disk than this is refused (NO_SPACE);
 *                      the space under it is for deletes, which are never refused for space
 */
public record StoreSettings(long cacheBytes, long logFileBytes, long freeDiskBytes, long reserveBytes) {
    public static final long DEFAULT_RESERVE_BYTES = 64L << 20;
    public static final StoreSettings DEFAULTS = new StoreSettings(64L << 20, 64L << 20, 16L << 20, DEFAULT_RESERVE_BYTES);
    /** JE's smallest useful log file here: a few blocks of the largest size. */
    static final long MIN_LOG_FILE_BYTES = 8L << 20;

    public StoreSettings {
        if (reserveBytes < freeDiskBytes) {
            throw new IllegalArgumentException("the reserve (" + reserveBytes + " bytes) must be at least je.freeDisk ("
                    + freeDiskBytes + " bytes), or deletes would be refused before writes");
        }
    }

    public StoreSettings withReserveBytes(long bytes) {
        return new StoreSettings(cacheBytes, logFileBytes, freeDiskBytes, bytes);
    }

    /**
     * JE gives space back only in whole log files, and only files that are mostly obsolete: on a
     * small disk, files of a 64th of it, so that removing a few files frees space.
     */
    long logFileBytesFor(long capacityBytes) {
        return Math.max(MIN_LOG_FILE_BYTES, Math.min(logFileBytes, capacityBytes / 64));
    }
}
