package org.ringfs.placement;

import java.nio.charset.StandardCharsets;

/**
 * Hashes that are the same in every JVM, every run and every version: the SplitMix64 finaliser for
 * numbers, FNV-1a over UTF-8 then that finaliser for names. Never Object.hashCode, never a salted
 * hash (the seed's Python hash() moved files between servers from one run to the next).
 */
public final class StableHash {
    private StableHash() {}

    public static long of(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A server name's hash: FNV-1a alone spreads short similar names ("data-1", "data-2") poorly. */
    public static long of(String s) {
        long h = 0xCBF29CE484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return of(h);
    }
}
