package org.ringfs.api;

/**
 * Bytes of one stored copy as a data server returns them: {@code length} bytes of {@code bytes},
 * starting {@code offset} bytes into the block (a multiple of {@code chunkSize}), with the CRC32C of
 * each chunk they cover as the writer computed it. {@code blockLength} is the whole copy's length.
 */
public record BlockData(BlockKey key, byte[] bytes, int offset, int length, int blockLength,
                        int chunkSize, int[] chunkCrcs) {
}
