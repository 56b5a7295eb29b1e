package org.ringfs.repair;

import org.ringfs.api.BlockData;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.checksum.BlockChecksum;
import org.ringfs.checksum.ChunkChecksums;

/**
 * Checks a copy a data server returned against its chunk checksums and meta's triple. Data servers
 * do not verify on read, so every reader and repairer runs these before trusting bytes.
 */
public final class CopyCheck {
    private CopyCheck() {}

    /** A whole copy: chunk checksums, then meta's length and CRC32C. CORRUPT when any differs. */
    public static void whole(BlockData copy, BlockInfo meta) throws RingFsException {
        ChunkChecksums.verify(copy);
        if (copy.offset() != 0 || copy.length() != meta.length() || copy.blockLength() != meta.length()) {
            throw new RingFsException(ErrorCode.CORRUPT, "copy " + copy.key() + " has length " + copy.blockLength()
                    + ", meta says " + meta.length());
        }
        int crc = BlockChecksum.DEFAULT.of(copy.bytes(), 0, copy.length());
        if (crc != meta.crc32c()) {
            throw new RingFsException(ErrorCode.CORRUPT, "copy " + copy.key() + " has CRC32C "
                    + Integer.toHexString(crc) + ", meta says " + Integer.toHexString(meta.crc32c()));
        }
    }

    /**
     * Part of a copy covering {@code [offset, offset + length)}: chunk checksums, meta's length, and
     * that the chunks returned cover the range asked for.
     */
    public static void range(BlockData copy, BlockInfo meta, int offset, int length) throws RingFsException {
        ChunkChecksums.verify(copy);
        if (copy.blockLength() != meta.length()) {
            throw new RingFsException(ErrorCode.CORRUPT, "copy " + copy.key() + " has length " + copy.blockLength()
                    + ", meta says " + meta.length());
        }
        if (copy.offset() > offset || copy.offset() + copy.length() < offset + length) {
            throw new RingFsException(ErrorCode.CORRUPT, "copy " + copy.key() + " returned [" + copy.offset() + ", "
                    + (copy.offset() + copy.length()) + ") for a read of [" + offset + ", " + (offset + length) + ")");
        }
    }
}
