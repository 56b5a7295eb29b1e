package org.ringfs.data.store;

import org.ringfs.api.BlockKey;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;

import java.nio.ByteBuffer;

/**
 * The "catalog" database's value: a copy's listing (stored-at, length, whole-block CRC32C) kept
 * apart from the bytes so that listings, counts and generation look-ups never read a megabyte
 * value. Layout: version (1), stored-at millis (8), length (4), CRC32C (4).
 */
final class CatalogCodec {
    static final byte VERSION = 1;
    static final int SIZE = 1 + 8 + 4 + 4;

    private CatalogCodec() {}

    static byte[] encode(StoredBlock listing) {
        return ByteBuffer.allocate(SIZE).put(VERSION).putLong(listing.storedAtMillis()).putInt(listing.length())
                .putInt(listing.crc32c()).array();
    }

    static StoredBlock decode(BlockKey key, byte[] value, int offset, int size) throws RingFsException {
        if (size != SIZE || value[offset] != VERSION) {
            throw new RingFsException(ErrorCode.CORRUPT, "catalog entry of " + key + " is unreadable");
        }
        ByteBuffer b = ByteBuffer.wrap(value, offset + 1, SIZE - 1);
        long storedAt = b.getLong();
        int length = b.getInt();
        return new StoredBlock(key, length, b.getInt(), storedAt);
    }
}
