package org.ringfs.fuse.fs;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Paths known, for a short while, to have no {@code security.capability} attribute. The kernel asks
 * for that attribute before every write request (FUSE file systems cannot promise it stays absent),
 * so without this each 128 KiB write costs a call to meta. Entries live as long as the kernel trusts
 * attributes (attr_timeout): the same staleness a mount already accepts for modes and owners. Any
 * change to the attribute through this mount, or to which file a path names, forgets them.
 */
final class AbsentCapabilities {
    static final String NAME = "security.capability";
    /** A bound on memory: past it the cache starts over (it only saves calls). */
    private static final int MAX_ENTRIES = 10_000;

    private final long ttlNanos;
    private final ConcurrentHashMap<String, Long> expiryByPath = new ConcurrentHashMap<>();

    AbsentCapabilities(double ttlSeconds) {
        this.ttlNanos = (long) (ttlSeconds * 1e9);
    }

    boolean knownAbsent(String path) {
        Long expiry = expiryByPath.get(path);
        if (expiry == null) return false;
        if (System.nanoTime() - expiry < 0) return true;
        expiryByPath.remove(path, expiry);
        return false;
    }

    void rememberAbsent(String path) {
        if (ttlNanos <= 0) return;
        if (expiryByPath.size() >= MAX_ENTRIES) expiryByPath.clear();
        expiryByPath.put(path, System.nanoTime() + ttlNanos);
    }

    /** The attribute changed at {@code path}, or paths changed meaning (rename, unlink): forget. */
    void forget(String path) {
        expiryByPath.remove(path);
    }

    void forgetAll() {
        expiryByPath.clear();
    }
}
