package org.ringfs.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What this client's reads have cost so far, counted where the calls leave it: pages of block
 * tables asked of meta and the rows they held, and copies (or chunk ranges of copies) fetched
 * from data servers with their bytes, good and bad alike. Monotonic; read them before and after
 * an operation to see what it cost.
 */
public final class ReadStats {
    private final AtomicLong tablePages = new AtomicLong();
    private final AtomicLong tableRows = new AtomicLong();
    private final AtomicLong dataFetches = new AtomicLong();
    private final AtomicLong dataBytes = new AtomicLong();

    /** Block table pages asked of meta ({@code MetaService.blocks} calls). */
    public long tablePages() { return tablePages.get(); }

    /** Block table rows those pages held. */
    public long tableRows() { return tableRows.get(); }

    /** Reads of a copy (whole, or a range of its chunks) a data server answered. */
    public long dataFetches() { return dataFetches.get(); }

    /** Block bytes those reads brought from data servers. */
    public long dataBytes() { return dataBytes.get(); }

    void page(int rows) {
        tablePages.incrementAndGet();
        tableRows.addAndGet(rows);
    }

    void fetched(int bytes) {
        dataFetches.incrementAndGet();
        dataBytes.addAndGet(bytes);
    }

    @Override
    public String toString() {
        return "table pages " + tablePages() + " (rows " + tableRows() + "), data fetches " + dataFetches()
                + " (bytes " + dataBytes() + ")";
    }
}
