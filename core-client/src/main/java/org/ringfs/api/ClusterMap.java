package org.ringfs.api;

import java.util.List;
import java.util.Map;

/**
 * The ring and what meta knows of it. {@code ring} lists every member in the order they joined;
 * placement puts blocks on the members that are not retiring ({@link #placementNames()}), by their
 * names on a hash circle, so the order does not matter to it. A join, a retirement starting or
 * ending and an address change bump {@code epoch}. A dead server stays a member. {@code blockSize}
 * is fixed when meta is formatted.
 *
 * @param rings          meta's ring history, oldest first, from the entry in force at the oldest epoch a
 *                       block still records on; the last entry is the current placement. Empty from a
 *                       meta that keeps no history.
 * @param clusterId      made when meta's store was formatted; data servers refuse a meta with another
 * @param deletesAllowed whether meta grants delete authority now
 * @param deleteRefusal  why not, as a sentence ("" when deletes are allowed)
 */
public record ClusterMap(long epoch, int blockSize, List<ServerInfo> ring, long underReplicatedBlocks,
                         String clusterId, boolean deletesAllowed, String deleteRefusal, List<RingEpoch> rings) {

    public ClusterMap {
        ring = List.copyOf(ring);
        rings = List.copyOf(rings);
    }

    /** A map without ring history. */
    public ClusterMap(long epoch, int blockSize, List<ServerInfo> ring, long underReplicatedBlocks, String clusterId,
                      boolean deletesAllowed, String deleteRefusal) {
        this(epoch, blockSize, ring, underReplicatedBlocks, clusterId, deletesAllowed, deleteRefusal, List.of());
    }

    /**
     * The epoch since which placement has been what it is now: a block recorded at or after it (and
     * not after this map's epoch) has its copies on its current targets. {@link BlockInfo#UNKNOWN_EPOCH}
     * when the map carries no history.
     */
    public long placementEpoch() {
        return rings.isEmpty() ? BlockInfo.UNKNOWN_EPOCH : rings.get(rings.size() - 1).epoch();
    }

    /**
     * Whether meta recorded {@code block} as placed by the current ring: written under it, or moved
     * to it once every current target verified its copy. False when either epoch is unknown.
     */
    public boolean placedByCurrentRing(BlockInfo block) {
        long since = placementEpoch();
        return since != BlockInfo.UNKNOWN_EPOCH && block.epoch() != BlockInfo.UNKNOWN_EPOCH
                && block.epoch() >= since && block.epoch() <= epoch;
    }

    /** How {@code deleteRefusal} starts while meta waits for the servers' reports after its start. */
    public static final String SAFE_MODE = "safe mode";

    /** Deletes are held back only until the servers have reported: normal right after meta starts. */
    public boolean waitingForReports() {
        return !deletesAllowed && deleteRefusal.startsWith(SAFE_MODE);
    }

    public ServerInfo server(String name) {
        for (ServerInfo s : ring) if (s.name().equals(name)) return s;
        return null;
    }

    /** Every member, retiring ones included: a reader may still find copies on any of them. */
    public List<String> names() {
        return ring.stream().map(ServerInfo::name).toList();
    }

    /** The members placement uses: every member but the retiring ones. */
    public List<String> placementNames() {
        return ring.stream().filter(s -> !s.retiring()).map(ServerInfo::name).toList();
    }

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("epoch", epoch);
        s.put("blockSize", blockSize);
        s.put("ring", Wire.array(ring, ServerInfo::toWire));
        s.put("underReplicated", underReplicatedBlocks);
        s.put("clusterId", clusterId);
        s.put("deletesAllowed", deletesAllowed);
        s.put("deleteRefusal", deleteRefusal);
        s.put("rings", Wire.array(rings, RingEpoch::toWire));
        return s;
    }

    public static ClusterMap fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new ClusterMap(Wire.longOf(s, "epoch"), Wire.intOf(s, "blockSize"),
                Wire.listOf(s.get("ring"), ServerInfo::fromWire), Wire.longOf(s, "underReplicated"),
                Wire.stringOf(s, "clusterId"), Wire.boolOf(s, "deletesAllowed"), Wire.stringOf(s, "deleteRefusal"),
                s.containsKey("rings") ? Wire.listOf(s.get("rings"), RingEpoch::fromWire) : List.of());
    }
}
