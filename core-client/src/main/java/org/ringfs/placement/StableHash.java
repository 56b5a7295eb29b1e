package org.ringfs.placement;

/**
 * A hash of an inode id that is the same in every JVM, every run and every version: the
 * SplitMix64 finaliser. Never Object.hashCode, never a salted hash (the seed's Python hash() moved
 * files between servers from one run to the next).
 */
public final class StableHash {
    private StableHash() {}

    public static long of(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
