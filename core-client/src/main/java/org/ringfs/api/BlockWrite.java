package org.ringfs.api;

import java.util.List;
import java.util.Map;

/**
 * A block a writer has stored and now commits: the new triple, the generation it replaced
 * ({@code baseGeneration}, 0 for a block that did not exist when the writer read it; meta refuses
 * the commit with {@link ErrorCode#CONFLICT} if another writer committed since), and the data servers
 * that acknowledged it. Fewer than three replicas marks the block under-replicated.
 */
public record BlockWrite(BlockInfo block, long baseGeneration, List<String> replicas) {

    public Map<String, Object> toWire() {
        Map<String, Object> s = Wire.newStruct();
        s.put("block", block.toWire());
        s.put("base", baseGeneration);
        s.put("replicas", replicas.toArray());
        return s;
    }

    public static BlockWrite fromWire(Object value) throws RingFsException {
        Map<String, Object> s = Wire.struct(value);
        return new BlockWrite(BlockInfo.fromWire(s.get("block")), Wire.longOf(s, "base"),
                Wire.listOf(s.get("replicas"), Wire::stringOf));
    }
}
