package org.ringfs.meta.store;

import com.sleepycat.je.Database;
import com.sleepycat.je.Transaction;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The cluster database: named singletons keyed by ASCII names. The format version, the cluster id,
 * the block size, the inode, generation, session and freed-record counters, the ring (ordered
 * server names) and its epoch, the servers retiring (still in the ring, left out of placement) and
 * those retired (out of the ring, never to rejoin under that name), the older-store alarm (when a
 * data server held more than this store knows), and one
 * {@code address/NAME} record per data server.
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

    public long bumpEpoch() {
        long epoch = epoch() + 1;
        putLong(EPOCH, epoch);
        return epoch;
    }

    /** The server's last known block address, or "" when it never sent one. */
    public String address(String server) {
        byte[] v = getRaw(Codec.utf8(ADDRESS + server));
        return v == null ? "" : Codec.utf8(v);
    }

    public void putAddress(String server, String address) {
        putRaw(Codec.utf8(ADDRESS + server), Codec.utf8(address));
    }
}
