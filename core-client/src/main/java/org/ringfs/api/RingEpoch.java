package org.ringfs.api;

import java.util.List;
import java.util.Map;

/**
 * One entry of meta's ring history: from {@code epoch} on (until the next entry) placement put
 * blocks on {@code members}, the ring less its retiring servers, in ring order. A block that
 * records an epoch was placed by the entry in force at that epoch.
 */
public record RingEpoch(long epoch, List<String> members) {

    public RingEpoch {
        members = List.copyOf(members);
    }

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("epoch", epoch);
        s.put("members", members.toArray());
        return s;
    }

    public static RingEpoch fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new RingEpoch(Wire.longOf(s, "epoch"), Wire.listOf(s.get("members"), Wire::stringOf));
    }
}
