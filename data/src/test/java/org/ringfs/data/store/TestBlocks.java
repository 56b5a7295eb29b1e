package org.ringfs.data.store;

import org.ringfs.checksum.ChunkChecksums;

import java.util.Random;

/** Random block bytes and their chunk checksums for tests. */
public record TestBlocks(byte[] bytes, int chunkSize, int[] crcs) {

    public static TestBlocks random(long seed, int length, int chunkSize) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return new TestBlocks(b, chunkSize, ChunkChecksums.compute(b, 0, length, chunkSize));
    }

    public int length() { return bytes.length; }
}
