package org.ringfs.data.store;

import org.ringfs.api.BlockKey;

import java.nio.ByteBuffer;

/**
 * A {@link BlockKey} as 24 big-endian bytes (inode, index, generation). All three are positive or
 * zero, so JE's unsigned byte order is the key's own order.
 */
final class BlockKeyCodec {
    static final int SIZE = 24;

    private BlockKeyCodec() {}

    static byte[] encode(BlockKey key) {
        return encode(key.inode(), key.index(), key.generation());
    }

    /** Raw encoding, also for range starts such as (inode, index, 0) that are not valid keys. */
    static byte[] encode(long inode, long index, long generation) {
        return ByteBuffer.allocate(SIZE).putLong(inode).putLong(index).putLong(generation).array();
    }

    static BlockKey decode(byte[] bytes, int offset, int length) {
        if (length != SIZE) throw new IllegalStateException("block key of " + length + " bytes");
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, length);
        return new BlockKey(b.getLong(), b.getLong(), b.getLong());
    }

    static long inode(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes).getLong(offset);
    }

    static long index(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes).getLong(offset + 8);
    }
}
