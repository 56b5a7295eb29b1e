package org.ringfs.client;

/**
 * The part of one block that a byte range of a file covers: {@code length} bytes from
 * {@code offsetInBlock} of block {@code index}, which are bytes {@code offsetInRange...} of the range.
 */
public record BlockSpan(long index, int offsetInBlock, int length, int offsetInRange) {

    public int endInBlock() { return offsetInBlock + length; }
}
