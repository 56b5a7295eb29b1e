package org.ringfs.api;

import java.util.Map;

/**
 * Meta's answer to a heartbeat: the cluster map epoch (a server refetches the map when it moved),
 * whether the server should reconcile its holdings now (it was dead, or a quorum write left it
 * without a copy it should hold), meta's cluster id, and whether meta grants delete authority now
 * (false in safe mode and while meta's store is known to be older than the data). {@code term} is
 * the meta master's term: it grows at every election of a meta group (a single meta is term 0), and
 * a data server obeys no delete order from a term older than the newest it has seen.
 */
public record HeartbeatReply(long epoch, boolean reconcile, String clusterId, boolean deletesAllowed, long term) {

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("epoch", epoch);
        s.put("reconcile", reconcile);
        s.put("clusterId", clusterId);
        s.put("deletesAllowed", deletesAllowed);
        s.put("term", term);
        return s;
    }

    public static HeartbeatReply fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new HeartbeatReply(Wire.longOf(s, "epoch"), Wire.boolOf(s, "reconcile"), Wire.stringOf(s, "clusterId"),
                Wire.boolOf(s, "deletesAllowed"), Wire.longOf(s, "term"));
    }
}
