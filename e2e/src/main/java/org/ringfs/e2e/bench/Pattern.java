package org.ringfs.e2e.bench;

import java.util.SplittableRandom;

/**
 * The bytes the bench writes: one MiB of seeded pseudo-random bytes repeated, so nothing
 * compresses or deduplicates and no large file ever sits in memory.
 */
final class Pattern {
    static final int MIB = 1 << 20;
    private static final byte[] BLOCK = block();

    private Pattern() {}

    /** The shared MiB; callers must not change it. */
    static byte[] mebibyte() { return BLOCK; }

    /** {@code size} bytes for a small file, different per {@code seed}. */
    static byte[] small(int size, long seed) {
        byte[] b = new byte[size];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) b[i] = (byte) r.nextInt(256);
        return b;
    }

    private static byte[] block() {
        return small(MIB, 20261123L);
    }
}
