package org.ringfs.api;

/**
 * The name of one stored copy: block {@code index} of {@code inode} at {@code generation}. Data
 * servers key their store by it, ordered by inode, then index, then generation.
 */
public record BlockKey(long inode, long index, long generation) implements Comparable<BlockKey> {

    public BlockKey {
        if (inode <= 0 || index < 0 || generation <= 0) {
            throw new IllegalArgumentException("bad block key " + inode + "/" + index + "/" + generation);
        }
    }

    /** The path segment of the block protocol: {@code inode/index/generation}. */
    public String path() { return inode + "/" + index + "/" + generation; }

    /** Parses {@code inode/index/generation}; BAD_REQUEST when malformed. */
    public static BlockKey parse(String path) throws RingFsException {
        String[] parts = path.split("/", -1);
        if (parts.length != 3) throw new RingFsException(ErrorCode.BAD_REQUEST, "bad block id '" + path + "'");
        try {
            return new BlockKey(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new RingFsException(ErrorCode.BAD_REQUEST, "bad block id '" + path + "'");
        }
    }

    @Override
    public int compareTo(BlockKey o) {
        int c = Long.compare(inode, o.inode);
        if (c != 0) return c;
        c = Long.compare(index, o.index);
        return c != 0 ? c : Long.compare(generation, o.generation);
    }

    @Override
    public String toString() { return path(); }
}
