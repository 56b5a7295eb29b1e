package org.ringfs.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The byte ranges of one block that a handle wrote, merged and sorted. After a CONFLICT they are
 * laid over the other writer's block so that both writers' bytes survive.
 */
final class ByteRanges {
    /** Disjoint, non-adjacent [start, end) pairs in order. */
    private final List<int[]> ranges = new ArrayList<>();

    void add(int start, int end) {
        if (end <= start) return;
        int i = 0;
        while (i < ranges.size() && ranges.get(i)[1] < start) i++;
        int newStart = start;
        int newEnd = end;
        while (i < ranges.size() && ranges.get(i)[0] <= end) {
            int[] r = ranges.remove(i);
            newStart = Math.min(newStart, r[0]);
            newEnd = Math.max(newEnd, r[1]);
        }
        ranges.add(i, new int[] {newStart, newEnd});
    }

    /** Copies every range of {@code from} into {@code to} at the same offsets. */
    void overlay(byte[] from, byte[] to) {
        for (int[] r : ranges) System.arraycopy(from, r[0], to, r[0], r[1] - r[0]);
    }

    /** End of the last range; 0 when nothing was written. */
    int end() {
        return ranges.isEmpty() ? 0 : ranges.get(ranges.size() - 1)[1];
    }

    int count() { return ranges.size(); }
}
