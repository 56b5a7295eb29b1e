package org.ringfs.data.store;

import org.ringfs.api.BlockKey;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.checksum.BlockChecksum;
import org.ringfs.checksum.ChunkChecksums;

import java.nio.ByteBuffer;

/**
 * One stored copy as the "blocks" database holds it: an explicit binary record, never a Java
 * serialisation. Layout (big-endian): format version (1 byte), stored-at millis (8), length (4),
 * chunk size (4), whole-block CRC32C (4), chunk count (4), one CRC32C per chunk (4 each), the bytes.
 * A decoded record is a view over the value array: the bytes are not copied.
 */
public final class BlockRecord {
    static final byte VERSION = 1;
    static final int HEADER_SIZE = 1 + 8 + 4 + 4 + 4 + 4;

    private final BlockKey key;
    private final long storedAtMillis;
    private final int length;
    private final int chunkSize;
    private final int blockCrc;
    private final int[] chunkCrcs;
    private final byte[] buffer;
    private final int bytesOffset;

    private BlockRecord(BlockKey key, long storedAtMillis, int length, int chunkSize, int blockCrc, int[] chunkCrcs,
                        byte[] buffer, int bytesOffset) {
        this.key = key;
        this.storedAtMillis = storedAtMillis;
        this.length = length;
        this.chunkSize = chunkSize;
        this.blockCrc = blockCrc;
        this.chunkCrcs = chunkCrcs;
        this.buffer = buffer;
        this.bytesOffset = bytesOffset;
    }

    /** Encodes a copy whose chunk checksums were already checked. */
    static byte[] encode(long storedAtMillis, byte[] bytes, int length, int chunkSize, int blockCrc, int[] chunkCrcs) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + 4 * chunkCrcs.length + length);
        b.put(VERSION).putLong(storedAtMillis).putInt(length).putInt(chunkSize).putInt(blockCrc).putInt(chunkCrcs.length);
        for (int crc : chunkCrcs) b.putInt(crc);
        b.put(bytes, 0, length);
        return b.array();
    }

    /** Decodes a value; CORRUPT when its header or sizes do not add up. */
    static BlockRecord decode(BlockKey key, byte[] value, int offset, int size) throws RingFsException {
        if (size < HEADER_SIZE) throw bad(key, "record of " + size + " bytes");
        ByteBuffer b = ByteBuffer.wrap(value, offset, size);
        byte version = b.get();
        if (version != VERSION) throw bad(key, "record format version " + version);
        long storedAt = b.getLong();
        int length = b.getInt();
        int chunkSize = b.getInt();
        int blockCrc = b.getInt();
        int chunks = b.getInt();
        if (length < 0 || chunkSize <= 0 || chunks != ChunkChecksums.chunkCount(length, chunkSize)
                || (long) HEADER_SIZE + 4L * chunks + length != size) {
            throw bad(key, "record header does not match its size");
        }
        int[] crcs = new int[chunks];
        for (int i = 0; i < chunks; i++) crcs[i] = b.getInt();
        return new BlockRecord(key, storedAt, length, chunkSize, blockCrc, crcs, value, b.position());
    }

    private static RingFsException bad(BlockKey key, String why) {
        return new RingFsException(ErrorCode.CORRUPT, "stored copy " + key + " is unreadable: " + why);
    }

    public BlockKey key() { return key; }

    public long storedAtMillis() { return storedAtMillis; }

    public int length() { return length; }

    public int chunkSize() { return chunkSize; }

    public int blockCrc() { return blockCrc; }

    public int chunkCount() { return chunkCrcs.length; }

    public int chunkCrc(int chunk) { return chunkCrcs[chunk]; }

    public StoredBlock listing() { return new StoredBlock(key, length, blockCrc, storedAtMillis); }

    /** The index of the first chunk whose bytes fail its stored checksum, or -1 when all match. */
    public int firstBadChunk() {
        for (int i = 0; i < chunkCrcs.length; i++) {
            int start = i * chunkSize;
            if (BlockChecksum.DEFAULT.of(buffer, bytesOffset + start, Math.min(chunkSize, length - start)) != chunkCrcs[i]) {
                return i;
            }
        }
        return -1;
    }

    /** True when the bytes' CRC32C is the whole-block checksum stored at put time. */
    public boolean blockCrcMatches() {
        return BlockChecksum.DEFAULT.of(buffer, bytesOffset, length) == blockCrc;
    }

    /** Bytes [from, from + count), read-only, not copied. */
    ByteBuffer bytes(int from, int count) {
        return ByteBuffer.wrap(buffer, bytesOffset + from, count).slice().asReadOnlyBuffer();
    }

    /** A copy of bytes [from, from + count). */
    byte[] copyBytes(int from, int count) {
        byte[] out = new byte[count];
        System.arraycopy(buffer, bytesOffset + from, out, 0, count);
        return out;
    }

    /** The chunk checksums of chunks [first, first + count). */
    int[] chunkCrcs(int first, int count) {
        int[] out = new int[count];
        System.arraycopy(chunkCrcs, first, out, 0, count);
        return out;
    }

    /** This record with byte {@code at} of its bytes flipped and everything else unchanged. */
    byte[] encodeWithFlippedByte(int at) {
        byte[] bytes = copyBytes(0, length);
        bytes[at] = (byte) ~bytes[at];
        return encode(storedAtMillis, bytes, length, chunkSize, blockCrc, chunkCrcs);
    }
}
