package org.ringfs.meta.registry;

import org.ringfs.api.RingFsException;
import org.ringfs.meta.store.BlockRowTable.MoveBatch;
import org.ringfs.meta.store.MetaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Meta's half of the mover. The data servers copy and verify (a reconcile pass fetches every block
 * placement gives its server and checks what it holds against meta's triple); each complete pass
 * is reported with its epoch and the time its scan of meta began ({@code replicasVerified}). Once
 * every server of the current placement has reported a pass under the current epoch, every block
 * row written before the earliest of those scans is on all three of its current targets, verified:
 * meta records such rows as placed by the current epoch, in batches of short transactions. Only
 * then may a copy on a server that is not one of a block's current targets be deleted
 * ({@code CopyVerdict.MOVED}); a row written since keeps its epoch until later passes cover it.
 * The reports live in memory: after a restart the servers' next passes report again.
 */
public final class RingMoves {
    private static final Logger log = LoggerFactory.getLogger(RingMoves.class);
    /** Rows per transaction: short enough not to hold the writers' turn for long. */
    static final int BATCH = 2_000;

    private final MetaStore store;
    /** Epoch the reports below are for. */
    private long epoch = -1;
    /** Per server, the scan start of its last complete pass under {@link #epoch}. */
    private final Map<String, Long> verifiedAsOf = new HashMap<>();
    /** The rows written before this time were covered by the last pass over the rows under {@link #epoch}. */
    private long recordedBefore = Long.MIN_VALUE;

    public RingMoves(MetaStore store) {
        this.store = store;
    }

    /**
     * {@code server} reported a complete pass under {@code reportEpoch} whose scan began at
     * {@code asOfMillis}. Returns how many block rows this recorded as moved to the current ring.
     *
     * @param currentEpoch meta's epoch now
     * @param members      the servers of the current placement
     */
    public synchronized long verified(String server, long reportEpoch, long asOfMillis, long currentEpoch,
                                      List<String> members) throws RingFsException {
        if (reportEpoch != currentEpoch) return 0; // verified against targets that have changed since
        if (epoch != currentEpoch) {
            epoch = currentEpoch;
            verifiedAsOf.clear();
            recordedBefore = Long.MIN_VALUE;
        }
        verifiedAsOf.merge(server, asOfMillis, Math::max);
        long before = Long.MAX_VALUE;
        for (String m : members) {
            Long at = verifiedAsOf.get(m);
            if (at == null) return 0; // a server of the placement has not verified its share yet
            before = Math.min(before, at);
        }
        if (before <= recordedBefore) return 0;
        long moved = recordMoved(currentEpoch, before);
        if (moved >= 0) recordedBefore = before;
        return Math.max(moved, 0);
    }

    /** One pass over every row; -1 when the epoch changed under it (the rows recorded so far are still true). */
    private long recordMoved(long currentEpoch, long writtenBefore) throws RingFsException {
        record Start(long notes, long placementEpoch, boolean needed) {}
        Start start = store.read(txn -> new Start(txn.cluster().blockEpochNotes(), txn.cluster().placementEpoch(),
                txn.cluster().oldestBlockEpoch() < txn.cluster().placementEpoch() || txn.cluster().blocksWithoutEpoch()));
        if (!start.needed()) return 0;
        long moved = 0;
        long oldestLeft = Long.MAX_VALUE;
        boolean leftWithoutEpoch = false;
        long inode = 0;
        long index = 0;
        while (true) {
            long fromInode = inode;
            long fromIndex = index;
            // Optional and Settled, not bare values: a named call's kept reply is its handler's, not a batch's.
            Optional<MoveBatch> done = store.write(txn -> txn.cluster().epoch() != currentEpoch ? Optional.empty()
                    : Optional.of(txn.blocks().recordMoved(fromInode, fromIndex, BATCH, start.placementEpoch(),
                    currentEpoch, writtenBefore)));
            if (done.isEmpty()) return -1;
            MoveBatch batch = done.get();
            moved += batch.moved();
            oldestLeft = Math.min(oldestLeft, batch.oldestLeft());
            leftWithoutEpoch |= batch.leftWithoutEpoch();
            if (batch.done()) break;
            inode = batch.nextInode();
            index = batch.nextIndex();
        }
        long oldest = Math.min(oldestLeft, start.placementEpoch());
        boolean withoutEpoch = leftWithoutEpoch;
        // A commit of a row not placed by the current ring during the pass may sit where the pass had been.
        record Settled(boolean yes) {}
        boolean settled = store.write(txn -> {
            if (txn.cluster().epoch() != currentEpoch || txn.cluster().blockEpochNotes() != start.notes()) {
                return new Settled(false);
            }
            txn.cluster().settleBlockEpochs(oldest, withoutEpoch);
            return new Settled(true);
        }).yes();
        log.info("epoch {}: {} blocks recorded as moved to the current ring (every target verified them){}", currentEpoch,
                moved, settled && oldest >= start.placementEpoch() && !withoutEpoch ? "; every block is placed by it" : "");
        return moved;
    }
}
