package org.ringfs.client;

import org.ringfs.api.BlockInfo;

/**
 * A block's bytes checked against meta's triple: {@code bytes[0, info.length())} are the block;
 * anything after is not part of it (the array may be a whole block-size buffer).
 */
record VerifiedBlock(BlockInfo info, byte[] bytes) {

    /** Puts {@code length} bytes from {@code offset} at {@code at} of {@code target}, zeros past the block's length. */
    void copyTo(int offset, ReadTarget target, int at, int length) {
        int valid = Math.max(0, Math.min(length, info.length() - offset));
        if (valid > 0) target.put(at, bytes, offset, valid);
        if (valid < length) target.zero(at + valid, length - valid);
    }
}
