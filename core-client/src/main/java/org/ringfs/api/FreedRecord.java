package org.ringfs.api;

import java.util.Map;

/**
 * Meta's record that committed blocks are dead: every copy of a block of {@code inode} with index
 * in [fromIndex, toIndex) and generation at most {@code maxGeneration}. Written in the same
 * transaction that removed the inode (every index, maxGeneration = Long.MAX_VALUE: inode ids never
 * repeat), truncated it (the indices past the end, maxGeneration = the highest generation it
 * dropped, so another writer's pending, higher generations are untouched; meta refuses to commit a
 * generation a truncate covers), or committed a new generation over a block (that one index, up to
 * the generation replaced). {@code sequence} orders the records; data servers apply them in order.
 */
public record FreedRecord(long sequence, long inode, long fromIndex, long toIndex, long maxGeneration) {

    /** Every generation of every block of a removed inode. */
    public static FreedRecord wholeInode(long sequence, long inode) {
        return new FreedRecord(sequence, inode, 0, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    public boolean covers(BlockKey key) {
        return key.inode() == inode && key.index() >= fromIndex && key.index() < toIndex
                && key.generation() <= maxGeneration;
    }

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("seq", sequence);
        s.put("inode", inode);
        s.put("from", fromIndex);
        s.put("to", toIndex);
        s.put("maxGen", maxGeneration);
        return s;
    }

    public static FreedRecord fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new FreedRecord(Wire.longOf(s, "seq"), Wire.longOf(s, "inode"), Wire.longOf(s, "from"),
                Wire.longOf(s, "to"), Wire.longOf(s, "maxGen"));
    }
}
