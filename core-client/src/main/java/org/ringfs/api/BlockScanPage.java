package org.ringfs.api;

import java.util.List;
import java.util.Map;

/**
 * A page of every committed block in the namespace, ordered by (inode, index). The next page starts
 * after the last block of this one; {@code done} says there is none. {@code asOfMillis} is meta's
 * clock when it read the page: every block committed before then and still present is in this page
 * or a later one.
 */
public record BlockScanPage(List<FileBlock> blocks, boolean done, long asOfMillis) {

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("blocks", Wire.array(blocks, FileBlock::toWire));
        s.put("done", done);
        s.put("asOf", asOfMillis);
        return s;
    }

    public static BlockScanPage fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new BlockScanPage(Wire.listOf(s.get("blocks"), FileBlock::fromWire), Wire.boolOf(s, "done"),
                Wire.longOf(s, "asOf"));
    }
}
