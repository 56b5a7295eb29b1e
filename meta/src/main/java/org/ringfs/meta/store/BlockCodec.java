package org.ringfs.meta.store;

import org.ringfs.api.BlockInfo;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The blocks database layout: key = inode id + block index (8 + 8 bytes, big-endian, so one file's
 * blocks are contiguous and in index order); value = format byte, generation, length, CRC32C.
 */
final class BlockCodec {
    private BlockCodec() {}

    private static final byte FORMAT = 1;

    static byte[] key(long inode, long index) { return Codec.longLongKey(inode, index); }

    static long inodeOf(byte[] key) { return Codec.longAt(key, 0); }

    static long indexOf(byte[] key) { return Codec.longAt(key, 8); }

    static byte[] value(BlockInfo b) {
        return ByteBuffer.allocate(1 + 8 + 4 + 4).put(FORMAT).putLong(b.generation()).putInt(b.length())
                .putInt(b.crc32c()).array();
    }

    static BlockInfo decode(byte[] key, byte[] value) {
        try {
            ByteBuffer b = ByteBuffer.wrap(value);
            byte format = b.get();
            if (format != FORMAT) throw new CorruptRecordException("block row has format " + format);
            return new BlockInfo(indexOf(key), b.getLong(), b.getInt(), b.getInt());
        } catch (BufferUnderflowException e) {
            throw new CorruptRecordException("block row of inode " + inodeOf(key) + " is truncated");
        }
    }
}
