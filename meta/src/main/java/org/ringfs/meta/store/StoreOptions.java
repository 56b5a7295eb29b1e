package org.ringfs.meta.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the meta store lives and how a fresh one is formatted. {@code blockSize} and
 * {@code initialRing} only matter on the first start: a formatted store keeps its own. {@code clusterId}
 * (null: a random one) is the id a format gives the store, and a formatted store with another id is
 * refused. {@code replication} null: a plain JE environment (a single meta); otherwise this store is
 * one member of a meta group (see {@link Replication}). {@code jeParameters}: see {@link #withJeParameters}.
 */
public record StoreOptions(Path dir, int blockSize, List<String> initialRing, long cacheBytes, long freeDiskBytes,
                           String clusterId, Replication replication, Map<String, String> jeParameters) {

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
        jeParameters = Map.copyOf(jeParameters);
        if (clusterId != null && clusterId.isBlank()) throw new IllegalArgumentException("a cluster id must not be blank");
    }

    public static StoreOptions defaults(Path dir) {
        return new StoreOptions(dir, DEFAULT_BLOCK_SIZE, List.of(), DEFAULT_CACHE_BYTES, DEFAULT_FREE_DISK_BYTES, null, null, Map.of());
    }

    public StoreOptions withBlockSize(int size) {
        return new StoreOptions(dir, size, initialRing, cacheBytes, freeDiskBytes, clusterId, replication, jeParameters);
    }

    public StoreOptions withInitialRing(List<String> ring) {
        return new StoreOptions(dir, blockSize, ring, cacheBytes, freeDiskBytes, clusterId, replication, jeParameters);
    }

    /** The id a format gives the store (null: a random one); a formatted store with another id is refused. */
    public StoreOptions withClusterId(String id) {
        return new StoreOptions(dir, blockSize, initialRing, cacheBytes, freeDiskBytes, id, replication, jeParameters);
    }

    /**
     * JE parameters set when the environment is opened: {@code je.rep.*} on the replication config,
     * the others on the environment config. For tests (small log files) and tuning; default none.
     */
    public StoreOptions withJeParameters(Map<String, String> parameters) {
        return new StoreOptions(dir, blockSize, initialRing, cacheBytes, freeDiskBytes, clusterId, replication, parameters);
    }

    /** This store as a member of a meta group; null for a plain environment. */
    public StoreOptions withReplication(Replication r) {
        return new StoreOptions(dir, blockSize, initialRing, cacheBytes, freeDiskBytes, clusterId, r, jeParameters);
    }
}
