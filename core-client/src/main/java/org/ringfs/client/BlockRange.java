package org.ringfs.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Block arithmetic: which blocks a byte range of a file covers and how it cuts them. {@code length}
 * is an int because one read or write call moves at most one Java array.
 */
public record BlockRange(long position, int length, int blockSize) {

    public BlockRange {
        if (position < 0 || length < 0 || blockSize <= 0 || position > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("bad range " + position + "+" + length + " / " + blockSize);
        }
    }

    /** The block holding byte {@code position}. */
    public static long blockOf(long position, int blockSize) { return position / blockSize; }

    /** Blocks a file of {@code size} bytes spans. */
    public static long blockCount(long size, int blockSize) {
        return size == 0 ? 0 : (size - 1) / blockSize + 1;
    }

    public long firstIndex() { return blockOf(position, blockSize); }

    /** The last block covered (inclusive); {@code firstIndex() - 1} for an empty range. */
    public long lastIndex() {
        return length == 0 ? firstIndex() - 1 : blockOf(position + length - 1, blockSize);
    }

    public List<BlockSpan> spans() {
        List<BlockSpan> out = new ArrayList<>((int) (lastIndex() - firstIndex() + 1));
        int done = 0;
        while (done < length) {
            long at = position + done;
            int offsetInBlock = (int) (at % blockSize);
            int n = Math.min(blockSize - offsetInBlock, length - done);
            out.add(new BlockSpan(blockOf(at, blockSize), offsetInBlock, n, done));
            done += n;
        }
        return out;
    }
}
