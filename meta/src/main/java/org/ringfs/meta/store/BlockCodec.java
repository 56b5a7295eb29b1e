package org.ringfs.meta.store;

import org.ringfs.api.BlockInfo;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The blocks database layout: key = inode id + block index (8 + 8 bytes, big-endian, so one file's
 * blocks are contiguous and in index order); value = format byte, generation, length, CRC32C, then
 * (format 2) the ring epoch the block is placed by and meta's clock when the row was written.
 * Format 1 rows, written before meta kept epochs, read as {@link BlockInfo#UNKNOWN_EPOCH}, written
 * at time 0.
 */
final class BlockCodec {
    private BlockCodec() {}

    private static final byte FORMAT_1 = 1;
    private static final byte FORMAT = 2;

    static byte[] key(long inode, long index) { return Codec.longLongKey(inode, index); }

    static long inodeOf(byte[] key) { return Codec.longAt(key, 0); }

    static long indexOf(byte[] key) { return Codec.longAt(key, 8); }

    static byte[] value(BlockInfo b, long writtenAtMillis) {
        return ByteBuffer.allocate(1 + 8 + 4 + 4 + 8 + 8).put(FORMAT).putLong(b.generation()).putInt(b.length())
                .putInt(b.crc32c()).putLong(b.epoch()).putLong(writtenAtMillis).array();
    }

    static BlockInfo decode(byte[] key, byte[] value) {
        try {
            ByteBuffer b = ByteBuffer.wrap(value);
            byte format = format(b);
            BlockInfo info = new BlockInfo(indexOf(key), b.getLong(), b.getInt(), b.getInt());
            return format == FORMAT_1 ? info : info.withEpoch(b.getLong());
        } catch (BufferUnderflowException e) {
            throw new CorruptRecordException("block row of inode " + inodeOf(key) + " is truncated");
        }
    }

    /** Meta's clock when the row was written; 0 for a row written before meta kept it. */
    static long writtenAtMillis(byte[] key, byte[] value) {
        try {
            ByteBuffer b = ByteBuffer.wrap(value);
            return format(b) == FORMAT_1 ? 0 : b.getLong(1 + 8 + 4 + 4 + 8);
        } catch (IndexOutOfBoundsException e) {
            throw new CorruptRecordException("block row of inode " + inodeOf(key) + " is truncated");
        }
    }

    private static byte format(ByteBuffer b) {
        byte format = b.get();
        if (format != FORMAT && format != FORMAT_1) throw new CorruptRecordException("block row has format " + format);
        return format;
    }
}
