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
 * @param clusterId      made when meta's store was formatted; data servers refuse a meta with another
 * @param deletesAllowed whether meta grants delete authority now
 * @param deleteRefusal  why not, as a sentence ("" when deletes are allowed)
 */
public record ClusterMap(long epoch, int blockSize, List<ServerInfo> ring, long underReplicatedBlocks,
                         String clusterId, boolean deletesAllowed, String deleteRefusal) {

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
        return s;
    }

    public static ClusterMap fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new ClusterMap(Wire.longOf(s, "epoch"), Wire.intOf(s, "blockSize"),
                Wire.listOf(s.get("ring"), ServerInfo::fromWire), Wire.longOf(s, "underReplicated"),
                Wire.stringOf(s, "clusterId"), Wire.boolOf(s, "deletesAllowed"), Wire.stringOf(s, "deleteRefusal"));
    }
}
