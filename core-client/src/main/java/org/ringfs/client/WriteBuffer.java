package org.ringfs.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A handle's uncommitted blocks by index, oldest first (the order they are written out under pressure). */
final class WriteBuffer {
    private final Map<Long, DirtyBlock> blocks = new LinkedHashMap<>();

    DirtyBlock get(long index) { return blocks.get(index); }

    boolean contains(long index) { return blocks.containsKey(index); }

    void add(DirtyBlock block) { blocks.put(block.index(), block); }

    void remove(long index) { blocks.remove(index); }

    boolean isEmpty() { return blocks.isEmpty(); }

    int size() { return blocks.size(); }

    int dirtyCount() {
        int n = 0;
        for (DirtyBlock b : blocks.values()) if (b.isDirty()) n++;
        return n;
    }

    /** The dirty block added first, or null. */
    DirtyBlock oldestDirty() {
        for (DirtyBlock b : blocks.values()) if (b.isDirty()) return b;
        return null;
    }

    List<DirtyBlock> all() { return new ArrayList<>(blocks.values()); }

    void clear() { blocks.clear(); }
}
