package org.ringfs.meta.registry;

import org.ringfs.api.ClusterMap;
import org.ringfs.api.Heartbeat;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.store.ClusterTable;
import org.ringfs.meta.store.MetaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether meta may grant delete authority: not until every ring server alive at its start has
 * reported what it holds, and never while a server holds a generation or inode this store has not
 * allocated yet (the store is older than the data: the older-store alarm, kept in the store until
 * meta starts with {@code --accept-older-store}). Every report is checked, also of a server that
 * comes back later, and the counters are raised above what it holds so they never repeat.
 * Not thread-safe: the registry calls it under its lock.
 */
final class SafeMode {
    private static final Logger log = LoggerFactory.getLogger(SafeMode.class);

    private final MetaStore store;
    private final long startMillis;
    private final long windowMillis;
    private final boolean acceptOlderStore;
    private final Set<String> reported = new HashSet<>();
    private String alarm;
    // Lower bounds of the stored counters (they only grow): a report below them needs no transaction.
    private long nextInode;
    private long nextGeneration;

    /**
     * @param windowMillis a server that has not reported this long after the start was not alive
     *                     at the start (meta's dead-after), and no longer holds deletes back
     * @param acceptOlderStore the operator accepts this store as it is: clear the alarm and raise
     *                         only the counters for what the servers report
     */
    SafeMode(MetaStore store, long startMillis, long windowMillis, boolean acceptOlderStore) throws RingFsException {
        this.store = store;
        this.startMillis = startMillis;
        this.windowMillis = windowMillis;
        this.acceptOlderStore = acceptOlderStore;
        String[] found = new String[1];
        long[] counters = store.write(txn -> {
            ClusterTable c = txn.cluster();
            found[0] = c.olderStoreAlarm();
            if (acceptOlderStore) c.clearOlderStoreAlarm();
            return new long[] {c.peekNextInode(), c.peekNextGeneration()};
        });
        nextInode = counters[0];
        nextGeneration = counters[1];
        alarm = acceptOlderStore ? "" : found[0];
        if (!found[0].isEmpty() && acceptOlderStore) {
            log.warn("--accept-older-store: cleared the alarm '{}'; meta grants deletes once the servers have reported", found[0]);
        } else if (!alarm.isEmpty()) {
            log.error("META GRANTS NO DELETES: {}", alarm);
        }
    }

    /** Checks one server's holdings against the counters; records the alarm and raises the counters when it holds more. */
    void report(Heartbeat hb) throws RingFsException {
        if (!isBelowCounters(hb)) {
            long[] counters = store.read(txn -> new long[] {txn.cluster().peekNextInode(), txn.cluster().peekNextGeneration()});
            nextInode = counters[0];
            nextGeneration = counters[1];
        }
        if (!isBelowCounters(hb)) recordOlderStore(hb);
        reported.add(hb.name());
    }

    private boolean isBelowCounters(Heartbeat hb) {
        return hb.maxGeneration() < nextGeneration && hb.maxInode() < nextInode;
    }

    /** Detect first, then raise: the alarm names the counters as they were, in the same transaction as the raise. */
    private void recordOlderStore(Heartbeat hb) throws RingFsException {
        String[] message = new String[1];
        long[] counters = store.write(txn -> {
            ClusterTable c = txn.cluster();
            long inode = c.peekNextInode();
            long generation = c.peekNextGeneration();
            if (hb.maxGeneration() < generation && hb.maxInode() < inode) return new long[] {inode, generation};
            message[0] = "meta's store is older than the data: " + hb.name() + " holds generation " + hb.maxGeneration()
                    + " and inode " + hb.maxInode() + ", but this store's next generation is " + generation
                    + " and next inode " + inode + " (a store restored from an old copy, or meta started on an empty"
                    + " or wrong --dir). Meta grants no deletes: restore the newest meta store, or restart meta with"
                    + " --accept-older-store to accept this one.";
            if (!acceptOlderStore && c.olderStoreAlarm().isEmpty()) c.putOlderStoreAlarm(message[0]);
            c.raiseCountersAbove(hb.maxInode(), hb.maxGeneration());
            return new long[] {c.peekNextInode(), c.peekNextGeneration()};
        });
        nextInode = counters[0];
        nextGeneration = counters[1];
        if (message[0] == null) return;
        if (acceptOlderStore) {
            log.warn("--accept-older-store: {}; counters raised to inode {} and generation {}", message[0], nextInode,
                    nextGeneration);
        } else {
            if (alarm.isEmpty()) alarm = message[0];
            log.error("META GRANTS NO DELETES: {} Counters raised to inode {} and generation {}.", message[0], nextInode,
                    nextGeneration);
        }
    }

    /** Why meta grants no deletes now, as a sentence; "" when it does. */
    String refusal(List<String> ring, long now) {
        if (!alarm.isEmpty()) return alarm;
        if (now - startMillis >= windowMillis) return "";
        List<String> waiting = ring.stream().filter(name -> !reported.contains(name)).toList();
        if (waiting.isEmpty()) return "";
        return ClusterMap.SAFE_MODE + " since meta started: waiting for " + String.join(", ", waiting) + " to report "
                + (waiting.size() == 1 ? "its" : "their") + " holdings";
    }
}
