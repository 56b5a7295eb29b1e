package org.ringfs.api;

import java.util.Map;

/** One block of one file, as a scan of every file's blocks returns it. */
public record FileBlock(long inode, BlockInfo block) {

    public BlockKey key() { return block.key(inode); }

    public Map<String, Object> toWire() {
        Map<String, Object> s = block.toWire();
        s.put("inode", inode);
        return s;
    }

    public static FileBlock fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new FileBlock(Wire.longOf(s, "inode"), BlockInfo.fromWire(s));
    }
}
