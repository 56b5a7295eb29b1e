package org.ringfs.meta.registry;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.FreedPage;
import org.ringfs.api.FreedRecord;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.store.MetaStore;

import java.util.List;

/**
 * Hands data servers meta's freed records, the only orders by which they delete committed copies.
 * A server pages through them from where it last got to; the records themselves are meta's
 * positive statement that those copies are dead.
 */
public final class DeleteOrders {
    /** Most records one page carries. */
    public static final int MAX_PAGE = 10_000;

    private final MetaStore store;

    public DeleteOrders(MetaStore store) {
        this.store = store;
    }

    public FreedPage after(String server, long afterSequence, int max) throws RingFsException {
        ServerName.check(server);
        if (afterSequence < 0) throw new RingFsException(ErrorCode.INVALID, "negative freed sequence " + afterSequence);
        if (max < 1) throw new RingFsException(ErrorCode.INVALID, "page size must be positive, got " + max);
        int limit = Math.min(max, MAX_PAGE);
        List<FreedRecord> rows = store.read(txn -> txn.freed().after(afterSequence, limit + 1));
        boolean more = rows.size() > limit;
        return new FreedPage(more ? rows.subList(0, limit) : rows, !more);
    }
}
