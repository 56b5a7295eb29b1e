package org.ringfs.api;

import java.util.Map;

/**
 * Meta's answer to a heartbeat: the cluster map epoch (a server refetches the map when it moved),
 * and whether the server should reconcile its holdings now (it was dead, or a quorum write left it
 * without a copy it should hold).
 */
public record HeartbeatReply(long epoch, boolean reconcile) {

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("epoch", epoch);
        s.put("reconcile", reconcile);
        return s;
    }

    public static HeartbeatReply fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new HeartbeatReply(Wire.longOf(s, "epoch"), Wire.boolOf(s, "reconcile"));
    }
}
