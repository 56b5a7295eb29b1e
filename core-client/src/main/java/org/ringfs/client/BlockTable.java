package org.ringfs.client;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.FileBlocks;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

import java.util.HashMap;
import java.util.Map;

/**
 * One page of a file's block table as meta last gave it to a handle: the blocks with index in
 * [from, until) and the file's size. One page at a time keeps a huge file's table out of memory.
 */
final class BlockTable {
    static final int PAGE_BLOCKS = 1024;

    private final MetaService meta;
    private final long inode;
    private boolean loaded;
    private long from;
    /** Exclusive end of the page; Long.MAX_VALUE when the page runs to the end of the table. */
    private long until;
    private long size;
    private final Map<Long, BlockInfo> blocks = new HashMap<>();

    BlockTable(MetaService meta, long inode) {
        this.meta = meta;
        this.inode = inode;
    }

    /**
     * The table of a file meta has just reported empty (size 0, as a fresh create is): every block
     * is a hole, so the first write costs no meta call. A zero size holds no block, so this is as
     * true a snapshot as a page meta would send.
     */
    static BlockTable empty(MetaService meta, long inode) {
        BlockTable t = new BlockTable(meta, inode);
        t.loaded = true;
        t.from = 0;
        t.until = Long.MAX_VALUE;
        t.size = 0;
        return t;
    }

    /** Meta's current block {@code index}, or null for a hole. */
    synchronized BlockInfo block(long index) throws RingFsException {
        if (!loaded || index < from || index >= until) load(index);
        return blocks.get(index);
    }

    /** The file size meta gave with the page loaded last. */
    synchronized long size() throws RingFsException {
        if (!loaded) load(0);
        return size;
    }

    /** Forget the page: the next lookup asks meta again (after a commit, a truncate, or a stale copy). */
    synchronized void invalidate() {
        loaded = false;
        blocks.clear();
    }

    private void load(long index) throws RingFsException {
        FileBlocks page = meta.blocks(inode, index, PAGE_BLOCKS);
        blocks.clear();
        for (BlockInfo b : page.blocks()) blocks.put(b.index(), b);
        from = index;
        until = page.nextIndex() < 0 ? Long.MAX_VALUE : Math.max(page.nextIndex(), index + 1);
        size = page.size();
        loaded = true;
    }
}
