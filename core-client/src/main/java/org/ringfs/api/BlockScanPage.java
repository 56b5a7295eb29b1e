package org.ringfs.api;

import java.util.List;
import java.util.Map;

/**
 * A page of every committed block in the namespace, ordered by (inode, index). The next page starts
 * after the last block of this one; {@code done} says there is none. {@code asOfMillis} is meta's
 * clock when it read the page: every block committed before then and still present is in this page
 * or a later one. {@code term} is the term of the meta master that answered ({@link #NO_TERM} from a
 * meta that does not say).
 */
public record BlockScanPage(List<FileBlock> blocks, boolean done, long asOfMillis, long term) {
    /** The term of a page from a meta that sends none (one from before scan pages carried terms). */
    public static final long NO_TERM = -1;

    /** A page before meta stamps its master's term on it. */
    public BlockScanPage(List<FileBlock> blocks, boolean done, long asOfMillis) {
        this(blocks, done, asOfMillis, NO_TERM);
    }

    /**
     * Whether this page came from the meta master of {@code term}, whose live generations a pass or
     * fsck judges copies by. A deposed master's pages may lack rows the current one committed, and
     * a copy of such a row would look dead by the current master's live generations, so the two must
     * come from one master. A page without a term counts only for term 0: a lone meta, which no other
     * master can depose.
     */
    public boolean isFromMasterOf(long term) {
        return this.term == term || (this.term == NO_TERM && term == 0);
    }

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("blocks", Wire.array(blocks, FileBlock::toWire));
        s.put("done", done);
        s.put("asOf", asOfMillis);
        s.put("term", term);
        return s;
    }

    public static BlockScanPage fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new BlockScanPage(Wire.listOf(s.get("blocks"), FileBlock::fromWire), Wire.boolOf(s, "done"),
                Wire.longOf(s, "asOf"), s.containsKey("term") ? Wire.longOf(s, "term") : NO_TERM);
    }
}
