package org.ringfs.meta.store;

import com.sleepycat.je.Database;
import com.sleepycat.je.Transaction;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.RingEpoch;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster database: named singletons keyed by ASCII names. The format version, the cluster id,
 * the block size, the inode, generation, session and freed-record counters, the ring (ordered
 * server names) and its epoch, the servers retiring (still in the ring, left out of placement) and
 * those retired (out of the ring, never to rejoin under that name), the older-store alarm (when a
 * data server held more than this store knows), one {@code address/NAME} record per data server,
 * and the ring history: each epoch at which the placement members changed, with those members; the
 * oldest epoch a block row may still record; whether a row may record none; and a counter of the
 * commits that recorded a block not placed by the current ring (see {@link #noteBlockEpoch}); and
 * the meta group's term (see {@link #raiseTerm}).
 */
public final class ClusterTable extends Table {
    static final String FORMAT = "format";
    static final String BLOCK_SIZE = "blockSize";
    static final String NEXT_INODE = "nextInode";
    static final String NEXT_GENERATION = "nextGeneration";
    static final String EPOCH = "epoch";
    static final String RING = "ring";
    static final String NEXT_SESSION = "nextSession";
    static final String NEXT_FREED = "nextFreed";
    static final String CLUSTER_ID = "clusterId";
    private static final String OLDER_STORE_ALARM = "olderStoreAlarm";
    private static final String ADDRESS = "address/";
    private static final String RETIRING = "retiring";
    private static final String RETIRED = "retired";
    private static final String RING_HISTORY = "ringHistory";
    private static final String OLDEST_BLOCK_EPOCH = "oldestBlockEpoch";
    private static final String BLOCKS_WITHOUT_EPOCH = "blocksWithoutEpoch";
    private static final String BLOCK_EPOCH_NOTES = "blockEpochNotes";
    private static final String TERM = "term";
    private static final String GROUP_BARRIER = "groupBarrier";

    ClusterTable(Database db, Transaction txn) { super(db, txn); }

    boolean isFormatted() { return getRaw(Codec.utf8(FORMAT)) != null; }

    long getLong(String name) {
        byte[] v = getRaw(Codec.utf8(name));
        if (v == null || v.length != 8) throw new CorruptRecordException("cluster record '" + name + "' missing");
        return ByteBuffer.wrap(v).getLong();
    }

    void putLong(String name, long value) {
        putRaw(Codec.utf8(name), Codec.longKey(value));
    }

    public int blockSize() { return Math.toIntExact(getLong(BLOCK_SIZE)); }

    /** A fresh inode id: the counter only grows, so ids are never reused. */
    public long nextInodeId() {
        long id = getLong(NEXT_INODE);
        putLong(NEXT_INODE, id + 1);
        return id;
    }

    /** Reserves {@code count} generations and returns the first. */
    public long allocateGenerations(int count) {
        long first = getLong(NEXT_GENERATION);
        putLong(NEXT_GENERATION, first + count);
        return first;
    }

    /** The counters of writer sessions and freed records; a store made before they existed gets them here. */
    void addCountersOfSessions() {
        if (getRaw(Codec.utf8(NEXT_SESSION)) == null) putLong(NEXT_SESSION, 1);
        if (getRaw(Codec.utf8(NEXT_FREED)) == null) putLong(NEXT_FREED, 1);
    }

    /** A fresh session id: never reused. */
    public long nextSessionId() {
        long id = getLong(NEXT_SESSION);
        putLong(NEXT_SESSION, id + 1);
        return id;
    }

    /** A fresh freed-record sequence: they only grow. */
    public long nextFreedSequence() {
        long seq = getLong(NEXT_FREED);
        putLong(NEXT_FREED, seq + 1);
        return seq;
    }

    /** The cluster id made when the store was formatted; "" in a store formatted before ids existed. */
    public String clusterId() {
        byte[] v = getRaw(Codec.utf8(CLUSTER_ID));
        return v == null ? "" : Codec.utf8(v);
    }

    void putClusterId(String id) {
        putRaw(Codec.utf8(CLUSTER_ID), Codec.utf8(id));
    }

    /** The next inode id, without taking it. */
    public long peekNextInode() { return getLong(NEXT_INODE); }

    /** The next unallocated generation, without taking it. */
    public long peekNextGeneration() { return getLong(NEXT_GENERATION); }

    /**
     * Raises the counters so the next inode id is above {@code highestInode} and the next
     * generation above {@code highestGeneration}; never lowers them. True when one moved.
     */
    public boolean raiseCountersAbove(long highestInode, long highestGeneration) {
        boolean moved = false;
        if (peekNextInode() <= highestInode) {
            putLong(NEXT_INODE, highestInode + 1);
            moved = true;
        }
        if (peekNextGeneration() <= highestGeneration) {
            putLong(NEXT_GENERATION, highestGeneration + 1);
            moved = true;
        }
        return moved;
    }

    /** Why this store is known to be older than the cluster's data, or "" when it is not. */
    public String olderStoreAlarm() {
        byte[] v = getRaw(Codec.utf8(OLDER_STORE_ALARM));
        return v == null ? "" : Codec.utf8(v);
    }

    public void putOlderStoreAlarm(String message) {
        putRaw(Codec.utf8(OLDER_STORE_ALARM), Codec.utf8(message));
    }

    /** True when there was an alarm to clear. */
    public boolean clearOlderStoreAlarm() {
        return deleteRaw(Codec.utf8(OLDER_STORE_ALARM));
    }

    public long epoch() { return getLong(EPOCH); }

    public List<String> ring() {
        byte[] v = getRaw(Codec.utf8(RING));
        return v == null ? List.of() : Codec.stringList(v);
    }

    /** Stores a new ring order and bumps the epoch; returns the new epoch. */
    public long putRing(List<String> ring) {
        putRaw(Codec.utf8(RING), Codec.stringList(ring));
        return bumpEpoch();
    }

    /** The ring less its retiring servers: what placement puts blocks on. */
    public List<String> placementRing() {
        List<String> out = new java.util.ArrayList<>(ring());
        out.removeAll(retiring());
        return out;
    }

    public List<String> retiring() { return names(RETIRING); }

    public void putRetiring(List<String> names) { putRaw(Codec.utf8(RETIRING), Codec.stringList(names)); }

    public List<String> retired() { return names(RETIRED); }

    public void putRetired(List<String> names) { putRaw(Codec.utf8(RETIRED), Codec.stringList(names)); }

    private List<String> names(String record) {
        byte[] v = getRaw(Codec.utf8(record));
        return v == null ? List.of() : Codec.stringList(v);
    }

    /** A new epoch; when placement's members changed with it, a new ring history entry. */
    public long bumpEpoch() {
        long epoch = epoch() + 1;
        putLong(EPOCH, epoch);
        List<RingEpoch> history = new ArrayList<>(ringHistory());
        List<String> members = placementRing();
        if (history.isEmpty() || !history.get(history.size() - 1).members().equals(members)) {
            history.add(new RingEpoch(epoch, members));
            putRingHistory(history);
        }
        return epoch;
    }

    /**
     * A store made before meta kept ring history gets one entry, the placement of now; its block
     * rows record no epoch.
     */
    void addRingHistory() {
        if (getRaw(Codec.utf8(RING_HISTORY)) != null) return;
        putRingHistory(List.of(new RingEpoch(epoch(), placementRing())));
        putRaw(Codec.utf8(BLOCKS_WITHOUT_EPOCH), new byte[] {1});
    }

    /** Every entry, oldest first: from its epoch until the next entry's, placement used its members. */
    public List<RingEpoch> ringHistory() {
        byte[] v = getRaw(Codec.utf8(RING_HISTORY));
        if (v == null) return List.of();
        try {
            ByteBuffer b = ByteBuffer.wrap(v);
            int n = b.getInt();
            if (n < 0 || n > v.length) throw new CorruptRecordException("ring history of " + n + " entries");
            List<RingEpoch> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(new RingEpoch(b.getLong(), Codec.getStringList(b)));
            return out;
        } catch (BufferUnderflowException e) {
            throw new CorruptRecordException("ring history is truncated");
        }
    }

    private void putRingHistory(List<RingEpoch> history) {
        int size = 4;
        for (RingEpoch r : history) size += 8 + Codec.stringListSize(r.members());
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(history.size());
        for (RingEpoch r : history) {
            b.putLong(r.epoch());
            Codec.putStringList(b, r.members());
        }
        putRaw(Codec.utf8(RING_HISTORY), b.array());
    }

    /** The epoch since which placement has been what it is now: the last history entry's. */
    public long placementEpoch() {
        List<RingEpoch> h = ringHistory();
        return h.isEmpty() ? epoch() : h.get(h.size() - 1).epoch();
    }

    /**
     * The epoch a block written now under {@code claimed} (the epoch of the writer's cluster map)
     * records: {@code claimed} when this history places it, else none.
     */
    public long recordableEpoch(long claimed) {
        List<RingEpoch> h = ringHistory();
        boolean known = claimed != BlockInfo.UNKNOWN_EPOCH && !h.isEmpty() && claimed >= h.get(0).epoch()
                && claimed <= epoch();
        return known ? claimed : BlockInfo.UNKNOWN_EPOCH;
    }

    /**
     * Every block row records this epoch or a later one, or none: clients need the history from
     * the entry in force then. Until a pass of the mover has set it, the first entry's.
     */
    public long oldestBlockEpoch() {
        byte[] v = getRaw(Codec.utf8(OLDEST_BLOCK_EPOCH));
        if (v != null) return getLong(OLDEST_BLOCK_EPOCH);
        List<RingEpoch> h = ringHistory();
        return h.isEmpty() ? epoch() : h.get(0).epoch();
    }

    /** Whether a block row may record no epoch. */
    public boolean blocksWithoutEpoch() {
        byte[] v = getRaw(Codec.utf8(BLOCKS_WITHOUT_EPOCH));
        return v != null && v.length == 1 && v[0] == 1;
    }

    /** How many commits recorded a block not placed by the current ring: a move in progress recounts. */
    public long blockEpochNotes() {
        return getRaw(Codec.utf8(BLOCK_EPOCH_NOTES)) == null ? 0 : getLong(BLOCK_EPOCH_NOTES);
    }

    /** A block row now records {@code epoch}: keeps the bounds above true, and counts one not placed by the current ring. */
    public void noteBlockEpoch(long epoch) {
        if (epoch != BlockInfo.UNKNOWN_EPOCH && epoch >= placementEpoch()) return;
        putLong(BLOCK_EPOCH_NOTES, blockEpochNotes() + 1);
        if (epoch == BlockInfo.UNKNOWN_EPOCH) {
            putRaw(Codec.utf8(BLOCKS_WITHOUT_EPOCH), new byte[] {1});
        } else if (epoch < oldestBlockEpoch()) {
            putLong(OLDEST_BLOCK_EPOCH, epoch);
        }
    }

    /** A full pass of the mover found every row at or after {@code oldest}, and rows without an epoch only if {@code withoutEpoch}. */
    public void settleBlockEpochs(long oldest, boolean withoutEpoch) {
        putLong(OLDEST_BLOCK_EPOCH, oldest);
        putRaw(Codec.utf8(BLOCKS_WITHOUT_EPOCH), new byte[] {(byte) (withoutEpoch ? 1 : 0)});
    }

    /** The server's last known block address, or "" when it never sent one. */
    public String address(String server) {
        byte[] v = getRaw(Codec.utf8(ADDRESS + server));
        return v == null ? "" : Codec.utf8(v);
    }

    public void putAddress(String server, String address) {
        putRaw(Codec.utf8(ADDRESS + server), Codec.utf8(address));
    }

    /** The term of the meta group's latest master; 0 in a store that never had one (a single meta). */
    public long term() {
        return getRaw(Codec.utf8(TERM)) == null ? 0 : getLong(TERM);
    }

    /** A member that became master takes the next term before it serves; returns it. */
    public long raiseTerm() {
        long term = term() + 1;
        putLong(TERM, term);
        return term;
    }

    /** Writes the group barrier record (see MetaStore#awaitMajority): a commit that replicates like any other. */
    void touchGroupBarrier(long nowMillis) {
        putLong(GROUP_BARRIER, nowMillis);
    }
}
