package org.ringfs.api;

import java.util.Map;

/**
 * Meta's truth about one block of a file: its index, the generation of its current contents, its
 * length (at most the block size; bytes past it up to the file size read as zeros) and the CRC32C of
 * those bytes.
 */
public record BlockInfo(long index, long generation, int length, int crc32c) {

    public BlockKey key(long inode) { return new BlockKey(inode, index, generation); }

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("index", index);
        s.put("generation", generation);
        s.put("length", length);
        s.put("crc32c", crc32c);
        return s;
    }

    public static BlockInfo fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new BlockInfo(Wire.longOf(s, "index"), Wire.longOf(s, "generation"), Wire.intOf(s, "length"),
                Wire.intOf(s, "crc32c"));
    }
}
