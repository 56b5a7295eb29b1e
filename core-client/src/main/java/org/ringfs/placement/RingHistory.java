package org.ringfs.placement;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.RingEpoch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Where a block's copies are by the ring epoch it records: meta's ring history (each entry's
 * placement, from its epoch until the next entry) over the current placement. A block recorded
 * under epoch e was placed by the entry in force at e; reads look there first, then at the current
 * targets (the two differ while a ring change is moving the block).
 */
public final class RingHistory {
    private final NavigableMap<Long, Placement> byEpoch = new TreeMap<>();
    private final Placement current;
    private final long mapEpoch;

    /**
     * @param rings    meta's history entries, any order; an entry with fewer than
     *                 {@link Placement#COPIES} members placed nothing and is left out
     * @param current  the current placement
     * @param mapEpoch the epoch of the map the history came with: a block recorded after it was
     *                 placed by a ring this history does not know
     */
    public RingHistory(List<RingEpoch> rings, Placement current, long mapEpoch) {
        this.current = current;
        this.mapEpoch = mapEpoch;
        Map<List<String>, Placement> built = new java.util.HashMap<>();
        built.put(current.ring(), current);
        for (RingEpoch r : rings) {
            if (r.members().size() < Placement.COPIES) {
                byEpoch.put(r.epoch(), null);
                continue;
            }
            byEpoch.put(r.epoch(), built.computeIfAbsent(r.members(), Placement::new));
        }
    }

    public Placement current() { return current; }

    /**
     * The placement in force at {@code epoch}, or null when this history cannot say: an unknown
     * epoch, one older than the history given, or one after the map's epoch.
     */
    public Placement at(long epoch) {
        if (epoch == BlockInfo.UNKNOWN_EPOCH || epoch > mapEpoch) return null;
        Map.Entry<Long, Placement> e = byEpoch.floorEntry(epoch);
        return e == null ? null : e.getValue();
    }

    /**
     * The servers to ask for block {@code index} of {@code inode} recorded under {@code epoch}, in
     * order: the targets that epoch gave it, then the current targets not among them. Only the
     * current targets when the epoch is unknown to this history.
     */
    public List<String> readTargets(long inode, long index, long epoch) {
        List<String> now = current.targets(inode, index);
        Placement then = at(epoch);
        if (then == null || then == current) return now;
        List<String> out = new ArrayList<>(then.targets(inode, index));
        for (String s : now) if (!out.contains(s)) out.add(s);
        return out;
    }
}
