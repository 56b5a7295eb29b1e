package org.ringfs.meta.store;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the meta store lives and how a fresh one is formatted. {@code blockSize} and
 * {@code initialRing} only matter on the first start: a formatted store keeps its own.
 */
public record StoreOptions(Path dir, int blockSize, List<String> initialRing, long cacheBytes, long freeDiskBytes) {

    public static final int DEFAULT_BLOCK_SIZE = 1 << 20;
    public static final int MAX_BLOCK_SIZE = 64 << 20;
    public static final long DEFAULT_CACHE_BYTES = 64L << 20;
    /**
     * JE refuses every write, an unlink too, below 5 GB free by default; a small disk still has room
     * for a namespace. Below the data servers' reserve (64 MiB), so that on a disk meta shares with
     * them (as under `ringfs up`) the data servers say full first and an unlink still goes through.
     */
    public static final long DEFAULT_FREE_DISK_BYTES = 32L << 20;

    public StoreOptions {
        // Tiny blocks are allowed on purpose: tests use them to make small files span many blocks.
        if (blockSize < 1 || blockSize > MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("block size must be in [1, " + MAX_BLOCK_SIZE + "], got " + blockSize);
        }
        initialRing = List.copyOf(initialRing);
    }

    public static StoreOptions defaults(Path dir) {
        return new StoreOptions(dir, DEFAULT_BLOCK_SIZE, List.of(), DEFAULT_CACHE_BYTES, DEFAULT_FREE_DISK_BYTES);
    }

    public StoreOptions withBlockSize(int size) {
        return new StoreOptions(dir, size, initialRing, cacheBytes, freeDiskBytes);
    }

    public StoreOptions withInitialRing(List<String> ring) {
        return new StoreOptions(dir, blockSize, ring, cacheBytes, freeDiskBytes);
    }
}
