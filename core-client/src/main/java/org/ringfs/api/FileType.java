package org.ringfs.api;

/** The kinds of inode, with their POSIX S_IFMT bits. */
public enum FileType {
    FILE(0100000),
    DIRECTORY(0040000),
    SYMLINK(0120000),
    FIFO(0010000),
    SOCKET(0140000),
    CHAR_DEVICE(0020000),
    BLOCK_DEVICE(0060000);

    public static final int S_IFMT = 0170000;

    private final int bits;

    FileType(int bits) { this.bits = bits; }

    /** The S_IFMT bits of this type, to OR into st_mode. */
    public int bits() { return bits; }

    /** The type whose bits {@code mode} carries; INVALID if none. */
    public static FileType ofMode(int mode) throws RingFsException {
        int fmt = mode & S_IFMT;
        for (FileType t : values()) if (t.bits == fmt) return t;
        throw new RingFsException(ErrorCode.INVALID, "unknown file type bits 0" + Integer.toOctalString(fmt));
    }

    public static FileType ofWire(String name) throws RingFsException {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new RingFsException(ErrorCode.BAD_REQUEST, "unknown file type " + name);
        }
    }
}
