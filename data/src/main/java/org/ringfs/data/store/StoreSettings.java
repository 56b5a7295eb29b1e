package org.ringfs.data.store;

/**
 * JE settings of a block store. Values are about a megabyte, so the log files are larger than JE's
 * default and the cache is small (the OS page cache serves re-reads).
 *
 * @param cacheBytes    je.maxMemory
 * @param logFileBytes  je.log.fileMax
 * @param freeDiskBytes je.freeDisk: JE refuses writes with less free disk (its default, 5 GB, fails small disks)
 */
public record StoreSettings(long cacheBytes, long logFileBytes, long freeDiskBytes) {
    public static final StoreSettings DEFAULTS = new StoreSettings(64L << 20, 64L << 20, 256L << 20);
}
