package org.ringfs.api;

import java.util.List;
import java.util.Map;

/**
 * A page of a file's block table: the file's size and the blocks that exist with index in
 * [from, nextIndex) (holes are absent). {@code nextIndex} is -1 when the table has no more blocks.
 */
public record FileBlocks(long inode, long size, List<BlockInfo> blocks, long nextIndex) {

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("inode", inode);
        s.put("size", size);
        s.put("blocks", Wire.array(blocks, BlockInfo::toWire));
        s.put("next", nextIndex);
        return s;
    }

    public static FileBlocks fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new FileBlocks(Wire.longOf(s, "inode"), Wire.longOf(s, "size"),
                Wire.listOf(s.get("blocks"), BlockInfo::fromWire), Wire.longOf(s, "next"));
    }
}
