package org.ringfs.api;

import java.util.Map;

/**
 * One data server in the cluster map, as meta last heard of it. {@code address} is host:port of
 * its block HTTP endpoint. A server is alive while its heartbeats arrive.
 */
public record ServerInfo(String name, String address, boolean alive, long lastHeartbeatMillis,
                         long capacityBytes, long freeBytes, long blocks, long bytes,
                         boolean rebuilding, long rebuildDone, long rebuildTotal, long corruptBlocks) {

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("name", name);
        s.put("address", address);
        s.put("alive", alive);
        s.put("lastHeartbeat", lastHeartbeatMillis);
        s.put("capacity", capacityBytes);
        s.put("free", freeBytes);
        s.put("blocks", blocks);
        s.put("bytes", bytes);
        s.put("rebuilding", rebuilding);
        s.put("rebuildDone", rebuildDone);
        s.put("rebuildTotal", rebuildTotal);
        s.put("corrupt", corruptBlocks);
        return s;
    }

    public static ServerInfo fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new ServerInfo(Wire.stringOf(s, "name"), Wire.stringOf(s, "address"), Wire.boolOf(s, "alive"),
                Wire.longOf(s, "lastHeartbeat"), Wire.longOf(s, "capacity"), Wire.longOf(s, "free"),
                Wire.longOf(s, "blocks"), Wire.longOf(s, "bytes"), Wire.boolOf(s, "rebuilding"),
                Wire.longOf(s, "rebuildDone"), Wire.longOf(s, "rebuildTotal"), Wire.longOf(s, "corrupt"));
    }
}
