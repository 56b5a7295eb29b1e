package org.ringfs.fuse.fs;

import org.ringfs.api.InodeAttributes;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Attributes by path, kept for the mount's attribute timeout. The kernel is told to cache nothing
 * (attr_timeout=0): libfuse2's high-level API gives each hard link its own kernel inode and offers
 * no way to invalidate them, so a kernel cache would show a stale nlink and ctime on one name after
 * a link, rename or unlink through another. This cache is the mount's own, so every change the
 * mount makes drops what it touched: the inode's entries for attribute and content changes,
 * everything for namespace changes. Changes made elsewhere show within the timeout.
 */
final class AttributeCache {
    /** Past this many paths the cache starts over: memory stays bounded. */
    static final int MAX_ENTRIES = 65_536;

    private record Entry(InodeAttributes attributes, long expiresNanos) {}

    private final long timeoutNanos;
    private final ConcurrentHashMap<String, Entry> byPath = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Set<String>> pathsOf = new ConcurrentHashMap<>();
    /** Moves with every drop, so attributes read before a change are not put back after it. */
    private final AtomicLong changes = new AtomicLong();

    AttributeCache(double timeoutSeconds) {
        this.timeoutNanos = (long) (timeoutSeconds * 1e9);
    }

    /** The attributes of {@code path}, if cached and fresh. */
    InodeAttributes get(String path) {
        Entry e = byPath.get(path);
        if (e == null) return null;
        if (System.nanoTime() - e.expiresNanos >= 0) {
            byPath.remove(path, e);
            return null;
        }
        return e.attributes();
    }

    /** What {@link #put} takes: read it before asking meta. */
    long changes() {
        return changes.get();
    }

    /** Caches what meta said of {@code path}, unless the mount changed something since {@code changesBefore}. */
    void put(String path, InodeAttributes attributes, long changesBefore) {
        if (timeoutNanos <= 0) return;
        if (byPath.size() >= MAX_ENTRIES) clear();
        pathsOf.computeIfAbsent(attributes.id(), id -> ConcurrentHashMap.newKeySet()).add(path);
        byPath.put(path, new Entry(attributes, System.nanoTime() + timeoutNanos));
        // A change raced the read: what was read may predate it.
        if (changes.get() != changesBefore) byPath.remove(path);
    }

    /** Drops {@code path}: another client may have removed or replaced it. */
    void forgetPath(String path) {
        changes.incrementAndGet();
        byPath.remove(path);
    }

    /** Drops every name of {@code inode}: its attributes changed. */
    void forgetInode(long inode) {
        changes.incrementAndGet();
        Set<String> paths = pathsOf.remove(inode);
        if (paths != null) for (String p : paths) byPath.remove(p);
    }

    /** Drops everything: names were added, removed or moved (a directory rename moves every path below it). */
    void clear() {
        changes.incrementAndGet();
        byPath.clear();
        pathsOf.clear();
    }
}
