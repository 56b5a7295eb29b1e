package org.ringfs.checksum;

import org.ringfs.api.BlockData;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

/**
 * Per-chunk checksums of a block: one CRC32C per {@code chunkSize} bytes, the last chunk short.
 * Writers compute them, data servers store them beside the bytes, readers check them.
 */
public final class ChunkChecksums {
    private ChunkChecksums() {}

    public static int chunkCount(int length, int chunkSize) {
        return length == 0 ? 0 : (length + chunkSize - 1) / chunkSize;
    }

    /** Checksums of {@code bytes[offset, offset+length)} cut into chunks. */
    public static int[] compute(byte[] bytes, int offset, int length, int chunkSize) {
        if (chunkSize <= 0) throw new IllegalArgumentException("chunk size " + chunkSize);
        int[] out = new int[chunkCount(length, chunkSize)];
        for (int i = 0; i < out.length; i++) {
            int start = i * chunkSize;
            out[i] = BlockChecksum.DEFAULT.of(bytes, offset + start, Math.min(chunkSize, length - start));
        }
        return out;
    }

    /** True when {@code bytes[0, length)} match {@code crcs}. */
    public static boolean matches(byte[] bytes, int length, int chunkSize, int[] crcs) {
        if (chunkSize <= 0 || crcs.length != chunkCount(length, chunkSize)) return false;
        for (int i = 0; i < crcs.length; i++) {
            int start = i * chunkSize;
            if (BlockChecksum.DEFAULT.of(bytes, start, Math.min(chunkSize, length - start)) != crcs[i]) return false;
        }
        return true;
    }

    /** Checks bytes returned by a data server against the chunk checksums returned with them. */
    public static void verify(BlockData d) throws RingFsException {
        if (!matches(d.bytes(), d.length(), d.chunkSize(), d.chunkCrcs())) {
            throw new RingFsException(ErrorCode.CORRUPT, "copy " + d.key() + " fails its chunk checksums");
        }
    }
}
