package org.ringfs.security;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the nonces of accepted requests until their timestamps fall out of the skew window (a
 * request that old is refused as stale anyway). Bounded: when full of nonces that are all still in
 * the window, a new one is refused rather than an old one forgotten, since forgetting would let
 * that request be replayed. Thread-safe.
 */
public final class ReplayGuard {
    /** Default bound: ~870 requests a second sustained over a 5-minute window. */
    public static final int DEFAULT_CAPACITY = 1 << 18;

    private final int capacity;
    private final long windowMillis;
    // nonce -> the moment it may be forgotten; insertion order is close to expiry order.
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();
    private long lastSweep = Long.MIN_VALUE / 2;

    public ReplayGuard(int capacity, long windowMillis) {
        if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity);
        this.capacity = capacity;
        this.windowMillis = windowMillis;
    }

    /** Records the nonce of a request signed at {@code timestampMillis}, unless seen or full. */
    public synchronized Admission admit(String nonce, long timestampMillis, long nowMillis) {
        forgetExpired(nowMillis);
        Long until = seen.get(nonce);
        if (until != null && until >= nowMillis) return Admission.REPLAYED;
        if (seen.size() >= capacity) return Admission.FULL;
        seen.put(nonce, timestampMillis + windowMillis);
        return Admission.FRESH;
    }

    /** Whether a nonce was new, seen before, or could not be remembered. */
    public enum Admission { FRESH, REPLAYED, FULL }

    synchronized int size() { return seen.size(); }

    /** Drops expired entries from the front; entries signed early but admitted late expire in a later pass. */
    private void forgetExpired(long nowMillis) {
        Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue() >= nowMillis) break;
            it.remove();
        }
        if (seen.size() >= capacity) sweepAll(nowMillis);
    }

    /**
     * When full, a full pass finds expired entries stuck behind a younger one; at most once a
     * second, so a flood cannot make every request pay for a pass.
     */
    private void sweepAll(long nowMillis) {
        if (nowMillis - lastSweep < 1000) return;
        lastSweep = nowMillis;
        seen.values().removeIf(until -> until < nowMillis);
    }
}
