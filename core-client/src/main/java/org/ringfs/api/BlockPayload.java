package org.ringfs.api;

import org.ringfs.security.BodyDigest;

/**
 * The body of one block copy as it is PUT: {@code bytes[0, length)}, its chunk checksums, and the
 * body's SHA-256 that a signed request carries. One payload goes to every target of a block, so
 * the SHA-256 (about 0.7 ms per MiB here) is computed once per block, not once per copy.
 */
public final class BlockPayload {
    private final byte[] bytes;
    private final int length;
    private final int chunkSize;
    private final int[] chunkCrcs;
    private volatile String sha256Hex;

    public BlockPayload(byte[] bytes, int length, int chunkSize, int[] chunkCrcs) {
        if (length < 0 || length > bytes.length) {
            throw new IllegalArgumentException("length " + length + " outside a buffer of " + bytes.length);
        }
        this.bytes = bytes;
        this.length = length;
        this.chunkSize = chunkSize;
        this.chunkCrcs = chunkCrcs;
    }

    public byte[] bytes() { return bytes; }

    public int length() { return length; }

    public int chunkSize() { return chunkSize; }

    public int[] chunkCrcs() { return chunkCrcs; }

    /** Lower-case hex SHA-256 of the body; computed on first use (two racing threads compute the same value). */
    public String sha256Hex() {
        String digest = sha256Hex;
        if (digest == null) {
            digest = BodyDigest.of(bytes, 0, length);
            sha256Hex = digest;
        }
        return digest;
    }
}
