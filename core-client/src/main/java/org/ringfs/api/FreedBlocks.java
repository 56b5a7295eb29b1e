package org.ringfs.api;

import java.util.Map;

/**
 * Blocks that a namespace change released: indices [fromIndex, toIndex) of inode (every generation).
 * The caller may delete them from the data servers at once; the data servers' reconciliation
 * deletes whatever the caller could not.
 */
public record FreedBlocks(long inode, long fromIndex, long toIndex) {
    public static final FreedBlocks NONE = new FreedBlocks(0, 0, 0);

    public boolean isEmpty() { return inode == 0 || toIndex <= fromIndex; }

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("inode", inode);
        s.put("from", fromIndex);
        s.put("to", toIndex);
        return s;
    }

    public static FreedBlocks fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new FreedBlocks(Wire.longOf(s, "inode"), Wire.longOf(s, "from"), Wire.longOf(s, "to"));
    }
}
