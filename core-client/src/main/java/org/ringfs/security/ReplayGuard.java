package org.ringfs.security;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Remembers the nonces of accepted requests until their timestamps fall out of the skew window (a
 * request that old is refused as stale anyway). Bounded: when full of nonces that are all still in
 * the window, a new one is refused rather than an old one forgotten, since forgetting would let
 * that request be replayed. Thread-safe.
 *
 * <p>A nonce is kept as a 64-bit fingerprint in the time slot its expiry falls in: a replay repeats
 * the signed timestamp, so it lands in the same slot, and a slot whose every nonce has expired is
 * dropped whole. About 8 to 21 bytes a nonce, where a map of strings took over a hundred.
 */
public final class ReplayGuard {
    /**
     * Default bound: 8,000 requests a second sustained over a 5-minute window, in 18 to 50 MiB when
     * full. A busy client must not lock the cluster out: at the old bound (870 a second) one client's
     * uncached stats made meta refuse every member's requests, heartbeats included, for minutes.
     */
    public static final int DEFAULT_CAPACITY = 2_400_000;
    /** Slots per window: a slot is dropped at most a thirtieth of a window after its last nonce expired. */
    private static final int SLOTS_PER_WINDOW = 30;

    private final int capacity;
    private final long windowMillis;
    private final long slotMillis;
    /** Slot number (expiry / slotMillis) -> the fingerprints of the nonces expiring in it. */
    private final TreeMap<Long, FingerprintSet> slots = new TreeMap<>();
    private int size;

    public ReplayGuard(int capacity, long windowMillis) {
        if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity);
        if (windowMillis < 1) throw new IllegalArgumentException("window " + windowMillis + " ms");
        this.capacity = capacity;
        this.windowMillis = windowMillis;
        this.slotMillis = Math.max(1, windowMillis / SLOTS_PER_WINDOW);
    }

    /** Records the nonce of a request signed at {@code timestampMillis}, unless seen or full. */
    public synchronized Admission admit(String nonce, long timestampMillis, long nowMillis) {
        forgetExpired(nowMillis);
        long slot = Math.floorDiv(timestampMillis + windowMillis, slotMillis);
        long fingerprint = fingerprint(nonce);
        FingerprintSet set = slots.get(slot);
        if (set != null && set.contains(fingerprint)) return Admission.REPLAYED;
        if (size >= capacity) return Admission.FULL;
        if (set == null) slots.put(slot, set = new FingerprintSet());
        set.add(fingerprint);
        size++;
        return Admission.FRESH;
    }

    /** Whether a nonce was new, seen before, or could not be remembered. */
    public enum Admission { FRESH, REPLAYED, FULL }

    synchronized int size() { return size; }

    /** Drops every slot whose nonces have all expired (its last millisecond is before now). */
    private void forgetExpired(long nowMillis) {
        Iterator<Map.Entry<Long, FingerprintSet>> it = slots.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, FingerprintSet> e = it.next();
            if ((e.getKey() + 1) * slotMillis - 1 >= nowMillis) break;
            size -= e.getValue().size();
            it.remove();
        }
    }

    /** FNV-1a over the nonce's characters, then a finalizing mix: nonces are random, signed and at most 64 characters. */
    static long fingerprint(String nonce) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < nonce.length(); i++) {
            h ^= nonce.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** An open-addressing set of fingerprints; 0 marks a free cell, so a fingerprint of 0 is kept aside. */
    private static final class FingerprintSet {
        private long[] cells = new long[16];
        private int size;
        private boolean hasZero;

        int size() { return size; }

        boolean contains(long fp) {
            if (fp == 0) return hasZero;
            int mask = cells.length - 1;
            for (int i = spread(fp) & mask; ; i = (i + 1) & mask) {
                if (cells[i] == fp) return true;
                if (cells[i] == 0) return false;
            }
        }

        /** Adds a fingerprint not already in the set. */
        void add(long fp) {
            size++;
            if (fp == 0) {
                hasZero = true;
                return;
            }
            if (size * 4L > cells.length * 3L) grow();
            insert(cells, fp);
        }

        private void grow() {
            long[] bigger = new long[cells.length * 2];
            for (long c : cells) if (c != 0) insert(bigger, c);
            cells = bigger;
        }

        private static void insert(long[] table, long fp) {
            int mask = table.length - 1;
            int i = spread(fp) & mask;
            while (table[i] != 0) i = (i + 1) & mask;
            table[i] = fp;
        }

        private static int spread(long fp) {
            return (int) (fp ^ (fp >>> 32));
        }
    }
}
