package org.ringfs.client;

import org.ringfs.api.BlockKey;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A handle's few verified blocks, fetched or being fetched (read-ahead), keyed by generation so a
 * newer commit never serves old bytes. The blocks that came in first fall out past the capacity.
 * Not least recently used: a sequential reader touches the block it reads last, so LRU order put
 * the read-ahead blocks it had not reached yet first in line, and each was fetched again (a
 * whole-file read fetched 2.5 times its size).
 */
final class BlockCache {
    private final Map<BlockKey, CompletableFuture<VerifiedBlock>> entries;

    BlockCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<BlockKey, CompletableFuture<VerifiedBlock>> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized CompletableFuture<VerifiedBlock> get(BlockKey key) {
        return entries.get(key);
    }

    synchronized boolean contains(BlockKey key) {
        return entries.containsKey(key);
    }

    synchronized void put(BlockKey key, VerifiedBlock block) {
        entries.put(key, CompletableFuture.completedFuture(block));
    }

    /** Starts {@code fetch} unless the block is cached or on its way; the fetch fills the entry. */
    synchronized void putIfAbsent(BlockKey key, CompletableFuture<VerifiedBlock> fetch) {
        entries.putIfAbsent(key, fetch);
    }

    synchronized void remove(BlockKey key) {
        entries.remove(key);
    }

    synchronized void clear() {
        entries.clear();
    }
}
