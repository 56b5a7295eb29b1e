package org.ringfs.checksum;

/** A 32-bit checksum algorithm over byte ranges. */
public interface BlockChecksum {
    int of(byte[] bytes, int offset, int length);

    /** The algorithm every copy and every commit in RingFS uses. */
    BlockChecksum DEFAULT = new Crc32c();
}
