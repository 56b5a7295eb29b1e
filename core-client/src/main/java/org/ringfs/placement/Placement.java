package org.ringfs.placement;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's round robin: block i of inode f lives on ring[(h(f) + i) mod N] (the primary) and the
 * next {@code copies - 1} servers after it. Any {@code copies - 1} servers may fail and every block
 * keeps a copy. The key is the inode id, never the path, so a rename moves no bytes.
 */
public final class Placement {
    /** Copies of every block. */
    public static final int COPIES = 3;

    private final List<String> ring;

    public Placement(List<String> ring) {
        if (ring.size() < COPIES) {
            throw new IllegalArgumentException("a ring needs at least " + COPIES + " data servers, has " + ring.size());
        }
        this.ring = List.copyOf(ring);
    }

    public List<String> ring() { return ring; }

    /** Ring position of the primary copy of block {@code index} of {@code inode}. */
    public int primary(long inode, long index) {
        return primary(inode, index, ring.size());
    }

    static int primary(long inode, long index, int n) {
        long h = Math.floorMod(StableHash.of(inode), (long) n);
        return (int) Math.floorMod(h + Math.floorMod(index, (long) n), (long) n);
    }

    /** The servers holding block {@code index} of {@code inode}, primary first, then replicas 1 and 2. */
    public List<String> targets(long inode, long index) {
        int p = primary(inode, index);
        List<String> out = new ArrayList<>(COPIES);
        for (int c = 0; c < COPIES; c++) out.add(ring.get((p + c) % ring.size()));
        return out;
    }

    /** The copy number (0 primary, 1, 2) {@code server} holds of the block, or -1 if none. */
    public int copyOf(long inode, long index, String server) {
        List<String> t = targets(inode, index);
        return t.indexOf(server);
    }

    public boolean holds(String server, long inode, long index) {
        return copyOf(inode, index, server) >= 0;
    }
}
