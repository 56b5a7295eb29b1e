package org.ringfs.data.store;

import org.ringfs.api.BlockData;
import org.ringfs.api.BlockKey;

import java.nio.ByteBuffer;

/**
 * Whole chunks of one stored copy as a read-only view over the record JE returned, so the server
 * can send them without copying 1 MiB into a new array first. {@code offset} is where they start in
 * the block (a multiple of {@code chunkSize}); {@code chunkCrcs} cover exactly them.
 */
public record BlockSlice(BlockKey key, ByteBuffer bytes, int offset, int blockLength, int chunkSize, int[] chunkCrcs) {
    public int length() {
        return bytes.remaining();
    }

    /** The same bytes in an array of their own, as {@link org.ringfs.api.BlockService} answers in process. */
    public BlockData copy() {
        byte[] out = new byte[length()];
        bytes.duplicate().get(out);
        return new BlockData(key, out, offset, out.length, blockLength, chunkSize, chunkCrcs);
    }
}
