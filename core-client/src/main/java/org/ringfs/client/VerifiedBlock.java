package org.ringfs.client;

import org.ringfs.api.BlockInfo;

/**
 * A block's bytes checked against meta's triple: {@code bytes[0, info.length())} are the block;
 * anything after is not part of it (the array may be a whole block-size buffer).
 */
record VerifiedBlock(BlockInfo info, byte[] bytes) {

    /** Copies {@code length} bytes from {@code offset}, zeros past the block's length. */
    void copyTo(int offset, byte[] dst, int dstOffset, int length) {
        int valid = Math.max(0, Math.min(length, info.length() - offset));
        if (valid > 0) System.arraycopy(bytes, offset, dst, dstOffset, valid);
        java.util.Arrays.fill(dst, dstOffset + valid, dstOffset + length, (byte) 0);
    }
}
