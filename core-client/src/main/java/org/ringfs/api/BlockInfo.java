package org.ringfs.api;

import java.util.Map;

/**
 * Meta's truth about one block of a file: its index, the generation of its current contents, its
 * length (at most the block size; bytes past it up to the file size read as zeros), the CRC32C of
 * those bytes, and the ring epoch whose placement holds its copies: the epoch it was written under,
 * or the one under which meta last recorded it moved (every target of that epoch verified it).
 * {@link #UNKNOWN_EPOCH} when nobody recorded one (a row from before epochs, a writer that did not
 * say): readers then look where the current ring places it, then everywhere.
 */
public record BlockInfo(long index, long generation, int length, int crc32c, long epoch) {

    /** No recorded epoch. */
    public static final long UNKNOWN_EPOCH = -1;

    /** A block with no recorded epoch. */
    public BlockInfo(long index, long generation, int length, int crc32c) {
        this(index, generation, length, crc32c, UNKNOWN_EPOCH);
    }

    public BlockKey key(long inode) { return new BlockKey(inode, index, generation); }

    /** The same block recorded under {@code newEpoch}. */
    public BlockInfo withEpoch(long newEpoch) {
        return new BlockInfo(index, generation, length, crc32c, newEpoch);
    }

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("index", index);
        s.put("generation", generation);
        s.put("length", length);
        s.put("crc32c", crc32c);
        if (epoch != UNKNOWN_EPOCH) s.put("epoch", epoch);
        return s;
    }

    public static BlockInfo fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        Long epoch = Wire.optionalLong(s, "epoch");
        return new BlockInfo(Wire.longOf(s, "index"), Wire.longOf(s, "generation"), Wire.intOf(s, "length"),
                Wire.intOf(s, "crc32c"), epoch == null || epoch < 0 ? UNKNOWN_EPOCH : epoch);
    }
}
