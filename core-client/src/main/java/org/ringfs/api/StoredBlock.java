package org.ringfs.api;

/**
 * A copy a data server holds: its key, length, the CRC32C of its bytes as written, and when it was
 * stored (reconciliation leaves young uncommitted copies alone: their writer may still commit).
 */
public record StoredBlock(BlockKey key, int length, int crc32c, long storedAtMillis) {

    /** One line of a block listing: {@code inode/index/generation length crc32c-hex storedAtMillis}. */
    public String toLine() {
        return key.path() + " " + length + " " + String.format("%08x", crc32c) + " " + storedAtMillis;
    }

    public static StoredBlock parseLine(String line) throws RingFsException {
        String[] f = line.trim().split(" ");
        if (f.length != 4) throw new RingFsException(ErrorCode.BAD_REQUEST, "bad block listing line '" + line + "'");
        try {
            return new StoredBlock(BlockKey.parse(f[0]), Integer.parseInt(f[1]), Integer.parseUnsignedInt(f[2], 16),
                    Long.parseLong(f[3]));
        } catch (NumberFormatException e) {
            throw new RingFsException(ErrorCode.BAD_REQUEST, "bad block listing line '" + line + "'");
        }
    }
}
