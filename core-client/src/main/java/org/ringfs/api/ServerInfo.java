package org.ringfs.api;

import java.util.Map;

/**
 * One data server in the cluster map, as meta last heard of it. {@code address} is host:port of
 * its block HTTP endpoint. A server is alive while its heartbeats arrive.
 *
 * @param retiring   an administrator retires it: placement leaves it out, it still serves reads
 * @param drainLeft  while retiring, the copies its last drain pass found not yet verified on their
 *                   targets; -1 before its first report
 */
public record ServerInfo(String name, String address, boolean alive, long lastHeartbeatMillis, ServerVitals vitals,
                         boolean retiring, long drainLeft) {

    /** No drain report yet. */
    public static final long DRAIN_UNKNOWN = -1;

    /** A server that is not retiring. */
    public ServerInfo(String name, String address, boolean alive, long lastHeartbeatMillis, ServerVitals vitals) {
        this(name, address, alive, lastHeartbeatMillis, vitals, false, DRAIN_UNKNOWN);
    }

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("name", name);
        s.put("address", address);
        s.put("alive", alive);
        s.put("lastHeartbeat", lastHeartbeatMillis);
        vitals.putInto(s);
        s.put("retiring", retiring);
        s.put("drainLeft", drainLeft);
        return s;
    }

    public static ServerInfo fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new ServerInfo(Wire.stringOf(s, "name"), Wire.stringOf(s, "address"), Wire.boolOf(s, "alive"),
                Wire.longOf(s, "lastHeartbeat"), ServerVitals.fromWire(s), Wire.boolOf(s, "retiring"),
                Wire.longOf(s, "drainLeft"));
    }
}
