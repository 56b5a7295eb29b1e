package org.ringfs.meta.registry;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.FreedPage;
import org.ringfs.api.FreedRecord;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.store.MetaStore;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands data servers meta's freed records, the only orders by which they delete committed copies.
 * A server pages through them from where it last got to; the records themselves are meta's
 * positive statement that those copies are dead. What a server asks from tells meta how far it
 * has carried them out; once every server of the ring has carried out a record since meta started,
 * the record is purged (a truncate's record stays: commits are checked against it).
 */
public final class DeleteOrders {
    /** Most records one page carries. */
    public static final int MAX_PAGE = 10_000;

    private final MetaStore store;
    /** How far each server said it has carried the records out, since meta started. */
    private final Map<String, Long> applied = new ConcurrentHashMap<>();

    public DeleteOrders(MetaStore store) {
        this.store = store;
    }

    /**
     * Purges the records every server of {@code ring} has carried out (at most a batch per call);
     * returns how many. Nothing while some server has not reported since meta started.
     */
    public int purgeApplied(List<String> ring) throws RingFsException {
        long upTo = Long.MAX_VALUE;
        for (String server : ring) upTo = Math.min(upTo, applied.getOrDefault(server, 0L));
        if (ring.isEmpty() || upTo == 0) return 0;
        long last = upTo;
        return store.write(txn -> txn.freed().purgeUpTo(last, 10_000));
    }

    /** The records after {@code afterSequence} for {@code server}, which has carried out those up to it. */
    public FreedPage after(String server, long afterSequence, int max) throws RingFsException {
        ServerName.check(server);
        checkPage(afterSequence, max);
        applied.merge(server, afterSequence, Math::max);
        return page(afterSequence, max);
    }

    /** The records kept after {@code afterSequence}, noting nobody's progress (fsck's read). */
    public FreedPage kept(long afterSequence, int max) throws RingFsException {
        checkPage(afterSequence, max);
        return page(afterSequence, max);
    }

    private FreedPage page(long afterSequence, int max) throws RingFsException {
        int limit = Math.min(max, MAX_PAGE);
        List<FreedRecord> rows = store.read(txn -> txn.freed().after(afterSequence, limit + 1));
        boolean more = rows.size() > limit;
        return new FreedPage(more ? rows.subList(0, limit) : rows, !more, 0);
    }

    private static void checkPage(long afterSequence, int max) throws RingFsException {
        if (afterSequence < 0) throw new RingFsException(ErrorCode.INVALID, "negative freed sequence " + afterSequence);
        if (max < 1) throw new RingFsException(ErrorCode.INVALID, "page size must be positive, got " + max);
    }
}
