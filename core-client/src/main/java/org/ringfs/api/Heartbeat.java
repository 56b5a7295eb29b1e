package org.ringfs.api;

import java.util.Map;

/**
 * What a data server tells meta every few seconds. The first heartbeat of an unknown name adds
 * the server to the end of the ring.
 */
public record Heartbeat(String name, String address, long capacityBytes, long freeBytes, long blocks, long bytes,
                        boolean rebuilding, long rebuildDone, long rebuildTotal, long corruptBlocks) {

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("name", name);
        s.put("address", address);
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

    public static Heartbeat fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new Heartbeat(Wire.stringOf(s, "name"), Wire.stringOf(s, "address"), Wire.longOf(s, "capacity"),
                Wire.longOf(s, "free"), Wire.longOf(s, "blocks"), Wire.longOf(s, "bytes"),
                Wire.boolOf(s, "rebuilding"), Wire.longOf(s, "rebuildDone"), Wire.longOf(s, "rebuildTotal"),
                Wire.longOf(s, "corrupt"));
    }
}
