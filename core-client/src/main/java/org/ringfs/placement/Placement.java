package org.ringfs.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The seed's round robin on a hash circle. Every server sits at {@link #POINTS_PER_SERVER} fixed
 * points of a circle of 64-bit values (a stable hash of its name and the point's number); block i
 * of inode f starts at the point hash(f, i): its primary is the server of the first point at or
 * after it, its replicas the next {@code COPIES - 1} distinct servers clockwise. So the copies of a
 * block sit on consecutive distinct servers of the circle, any {@code COPIES - 1} may fail, and a
 * server that joins or leaves changes only the blocks whose first {@code COPIES} distinct servers
 * it enters or leaves: about COPIES/N of them, each by one copy, to or from that server. The key
 * is the inode id, never the path, so a rename moves no bytes.
 */
public final class Placement {
    /** Copies of every block. */
    public static final int COPIES = 3;
    /** Points per server: enough that each server's share of the circle is within a few per cent. */
    static final int POINTS_PER_SERVER = 256;

    private final List<String> ring;
    /** The circle, ascending; a point's server is the same index of {@link #owners}. */
    private final long[] points;
    private final String[] owners;

    /** @param ring the servers placement may use, in any order (their names alone decide the circle) */
    public Placement(List<String> ring) {
        if (new LinkedHashSet<>(ring).size() != ring.size()) throw new IllegalArgumentException("a server twice in " + ring);
        if (ring.size() < COPIES) {
            throw new IllegalArgumentException("a ring needs at least " + COPIES + " data servers, has " + ring.size());
        }
        this.ring = List.copyOf(ring);
        record Point(long at, String server) {}
        List<Point> all = new ArrayList<>(ring.size() * POINTS_PER_SERVER);
        for (String server : ring) {
            long base = StableHash.of(server);
            for (int p = 0; p < POINTS_PER_SERVER; p++) all.add(new Point(StableHash.of(base + p), server));
        }
        // Ties (never seen in practice) are broken by name, so every process builds the same circle.
        all.sort(Comparator.comparingLong(Point::at).thenComparing(Point::server));
        points = new long[all.size()];
        owners = new String[all.size()];
        for (int i = 0; i < all.size(); i++) {
            points[i] = all.get(i).at();
            owners[i] = all.get(i).server();
        }
    }

    /** The servers placement uses, in the order given. */
    public List<String> ring() { return ring; }

    /** Where block {@code index} of {@code inode} starts on the circle. */
    static long position(long inode, long index) {
        return StableHash.of(StableHash.of(inode) + index);
    }

    /** The servers holding block {@code index} of {@code inode}, primary first, then replicas 1 and 2. */
    public List<String> targets(long inode, long index) {
        return walk(inode, index, COPIES);
    }

    /**
     * Every server, clockwise from the block's start: the targets first, then the servers that would
     * take a copy if one of them left. A reader looks there first when the targets fail it.
     */
    public List<String> successors(long inode, long index) {
        return walk(inode, index, ring.size());
    }

    private List<String> walk(long inode, long index, int count) {
        int start = Arrays.binarySearch(points, position(inode, index));
        if (start < 0) start = -start - 1;
        if (start == points.length) start = 0; // past the last point: the circle wraps
        // binarySearch may land on any of equal points: step back to the first of them.
        while (start > 0 && points[start - 1] == points[start]) start--;
        Set<String> out = new LinkedHashSet<>(count * 2);
        for (int i = 0; out.size() < count && i < points.length; i++) out.add(owners[(start + i) % points.length]);
        return List.copyOf(out);
    }

    /** The copy number (0 primary, 1, 2) {@code server} holds of the block, or -1 if none. */
    public int copyOf(long inode, long index, String server) {
        return targets(inode, index).indexOf(server);
    }

    /**
     * Each server's share of the circle, in the order of {@link #ring()}: the fraction of block start
     * points whose primary it is ({@code [0]}, about 1/N each) and whose copies it holds at all
     * ({@code [1]}, about COPIES/N each). What the status page draws as the ring.
     */
    public java.util.Map<String, double[]> shares() {
        java.util.Map<String, double[]> out = new java.util.LinkedHashMap<>();
        for (String server : ring) out.put(server, new double[2]);
        double whole = Math.pow(2, 64);
        for (int i = 0; i < points.length; i++) {
            // The arc (points[i-1], points[i]] starts at the server of point i, clockwise.
            long from = points[(i + points.length - 1) % points.length];
            double arc = unsigned(points[i] - from); // wraps round the circle for i == 0
            Set<String> copies = new LinkedHashSet<>();
            for (int j = 0; copies.size() < COPIES && j < points.length; j++) copies.add(owners[(i + j) % points.length]);
            boolean primary = true;
            for (String server : copies) {
                double[] share = out.get(server);
                if (primary) share[0] += arc / whole;
                share[1] += arc / whole;
                primary = false;
            }
        }
        return out;
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
    }

    public boolean holds(String server, long inode, long index) {
        return copyOf(inode, index, server) >= 0;
    }
}
