package org.ringfs.repair;

import org.ringfs.api.BlockKey;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FreedPage;
import org.ringfs.api.FreedRecord;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The freed records meta keeps, read before fsck walks and read on from there when it ends: a copy
 * one of them covers is dead by meta's order and its server's freed sweep deletes it (every 2 s), so
 * fsck reports it as FREED, awaiting that sweep, rather than as an orphan. At most
 * {@link #MAX_RECORDS} are read in all (copies past them stay ORPHANED); a meta without the call
 * (older) gives none.
 */
final class FreedCopies {
    /** Records read at most: ~100 bytes each in memory. */
    static final int MAX_RECORDS = 200_000;
    private static final int PAGE = 10_000;

    /** A record and the term of the meta master that gave it: a repair deletes on that master's order. */
    private record Order(FreedRecord record, long term) {}

    private final MetaService meta;
    private final Map<Long, List<Order>> byInode = new HashMap<>();
    /** The sequence of the last record read. */
    private long after;
    private int read;

    private FreedCopies(MetaService meta) {
        this.meta = meta;
    }

    static FreedCopies none() {
        return new FreedCopies(null);
    }

    static FreedCopies read(MetaService meta) throws RingFsException {
        FreedCopies freed = new FreedCopies(meta);
        return freed.readOn() ? freed : none();
    }

    /**
     * Reads the records meta wrote since the last read (files removed, truncated or rewritten while
     * fsck walked). A meta without the call gives none.
     */
    void refresh() throws RingFsException {
        if (meta != null) readOn();
    }

    /** False when meta does not have the call. */
    private boolean readOn() throws RingFsException {
        while (read < MAX_RECORDS) {
            FreedPage page;
            try {
                page = meta.freedRecords(after, Math.min(PAGE, MAX_RECORDS - read));
            } catch (RingFsException e) {
                // A meta from before the call: every dead copy stays ORPHANED, as it then was.
                if (e.code() == ErrorCode.UNKNOWN_METHOD || e.code() == ErrorCode.NOT_SUPPORTED) return false;
                throw e;
            }
            for (FreedRecord r : page.records()) {
                byInode.computeIfAbsent(r.inode(), i -> new ArrayList<>(1)).add(new Order(r, page.term()));
                after = Math.max(after, r.sequence());
            }
            read += page.records().size();
            if (page.done() || page.records().isEmpty()) break;
        }
        return true;
    }

    /** Whether a freed record says the copy {@code key} is dead. */
    boolean covers(BlockKey key) {
        return orderTerm(key) >= 0;
    }

    /** The term of the meta master whose freed record says the copy {@code key} is dead; -1 when none does. */
    long orderTerm(BlockKey key) {
        List<Order> orders = byInode.get(key.inode());
        if (orders == null) return -1;
        for (Order o : orders) if (o.record().covers(key)) return o.term();
        return -1;
    }
}
