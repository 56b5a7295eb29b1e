package org.ringfs.client;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.FileBlocks;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

import java.util.HashMap;
import java.util.Map;

/**
 * One page of a file's block table as meta last gave it to a handle: the blocks with index in
 * [from, until) and the file's size, both as of one meta transaction. One page at a time keeps a
 * huge file's table out of memory; a page is replaced whole, never merged with another, so every
 * row a handle reads comes with the size meta gave beside it.
 *
 * <p>A page holds only what the read at hand needs. A random reader ({@link #expect} with
 * {@code sequential} false) asks first for exactly the rows its range covers: a 4 KiB read costs
 * meta one or two rows. A sequential reader asks for {@link #FIRST_PAGE_ROWS}, and each page that
 * continues where the last one ended asks for twice as many, up to {@link #MAX_PAGE_ROWS}: a
 * whole-file read of n blocks costs about n / 1024 + 6 pages. A handle that keeps reading at
 * random doubles its pages too, each centred on the read that missed, so a long-lived random
 * reader (a database file on the FUSE mount) settles on 1024-row pages as before. Lookups without
 * a count (a writer's) follow the sequential rule.
 */
final class BlockTable {
    /** Rows of a sequential reader's first page, and of a lookup that gives no count. */
    static final int FIRST_PAGE_ROWS = 16;
    /** The most rows one page asks for (meta serves at most 10,000). */
    static final int MAX_PAGE_ROWS = 1024;

    private final MetaService meta;
    private final long inode;
    private final ReadStats stats;
    private boolean loaded;
    private long from;
    /** Exclusive end of the page; Long.MAX_VALUE when the page runs to the end of the table. */
    private long until;
    private long size;
    private final Map<Long, BlockInfo> blocks = new HashMap<>();
    /** The last page asked of meta, kept across {@link #invalidate()}: a page that goes on from it grows. */
    private long lastFrom = -1;
    private long lastUntil = -1;
    private int lastRows;
    /** Pages asked for random reads so far: the next asks for 2^that rows around the read, at most {@link #MAX_PAGE_ROWS}. */
    private int randomPages;

    BlockTable(MetaService meta, long inode, ReadStats stats) {
        this.meta = meta;
        this.inode = inode;
        this.stats = stats;
    }

    /**
     * The table of a file meta has just reported empty (size 0, as a fresh create is): every block
     * is a hole, so the first write costs no meta call. A zero size holds no block, so this is as
     * true a snapshot as a page meta would send.
     */
    static BlockTable empty(MetaService meta, long inode, ReadStats stats) {
        BlockTable t = new BlockTable(meta, inode, stats);
        t.loaded = true;
        t.from = 0;
        t.until = Long.MAX_VALUE;
        t.size = 0;
        return t;
    }

    /** Meta's current block {@code index}, or null for a hole. */
    synchronized BlockInfo block(long index) throws RingFsException {
        if (!covers(index)) load(index, sequentialRows(index, 1, Long.MAX_VALUE));
        return blocks.get(index);
    }

    /**
     * Makes the rows of blocks [index, index + count) the page's unless it holds them already: one
     * page from meta for up to {@link #MAX_PAGE_ROWS} rows (then the lookups that follow find them
     * all), several in turn for more. Rows at or past {@code endIndex} are never asked for: the
     * caller reads no further.
     *
     * @param sequential the caller reads on from here: the page is at least {@link #FIRST_PAGE_ROWS}
     *                   rows, doubling as each page continues the last
     */
    synchronized void expect(long index, long count, boolean sequential, long endIndex) throws RingFsException {
        if (index < 0 || count <= 0 || endIndex <= index) return;
        long end = index + Math.min(count, endIndex - index);
        if (covers(index) && until >= end) return;
        long i = index;
        while (i < end) { // once when the rows fit one page: a page loaded at i holds [i, end)
            if (i > index && covers(i)) {
                i = until;
            } else if (sequential) {
                load(i, sequentialRows(i, end - i, endIndex));
                i = until;
            } else {
                loadAround(i, end - i, endIndex);
                i = until;
            }
        }
    }

    /** The file size meta gave with the page loaded last. */
    synchronized long size() throws RingFsException {
        if (!loaded) load(0, 1); // the size comes with any page; one row is the cheapest
        return size;
    }

    /** Forget the page: the next lookup asks meta again (after a commit, a truncate, or a stale copy). */
    synchronized void invalidate() {
        loaded = false;
        blocks.clear();
    }

    private boolean covers(long index) {
        return loaded && index >= from && index < until;
    }

    /** Rows a sequential reader asks for at {@code index} when {@code need} rows from there are wanted. */
    private int sequentialRows(long index, long need, long endIndex) {
        long grown = continuesLastPage(index) ? Math.max(FIRST_PAGE_ROWS, 2L * lastRows) : FIRST_PAGE_ROWS;
        return clamp(Math.min(Math.max(need, grown), endIndex - index));
    }

    /**
     * A random reader's page: the {@code need} rows from {@code index}, and once this handle has
     * missed before, more rows on both sides of them (never from past {@code endIndex} onwards).
     */
    private void loadAround(long index, long need, long endIndex) throws RingFsException {
        long wanted = clamp(Math.min(need, endIndex - index));
        long rows = Math.max(wanted, 1L << Math.min(randomPages, 10));
        randomPages++;
        rows = clamp(rows);
        long start = Math.max(0, index - (rows - wanted) / 2);
        load(start, (int) Math.min(rows, endIndex - start));
    }

    private static int clamp(long rows) {
        return (int) Math.max(1, Math.min(rows, MAX_PAGE_ROWS));
    }

    /** A load right where the last page ended, or again within it (after a commit made this handle forget it). */
    private boolean continuesLastPage(long index) {
        return lastUntil >= 0 && index >= lastFrom && index <= lastUntil;
    }

    private void load(long index, int rows) throws RingFsException {
        FileBlocks page = meta.blocks(inode, index, rows);
        stats.page(page.blocks().size());
        blocks.clear();
        for (BlockInfo b : page.blocks()) blocks.put(b.index(), b);
        from = index;
        until = page.nextIndex() < 0 ? Long.MAX_VALUE : Math.max(page.nextIndex(), index + 1);
        size = page.size();
        loaded = true;
        lastFrom = from;
        lastUntil = until;
        lastRows = rows;
    }
}
