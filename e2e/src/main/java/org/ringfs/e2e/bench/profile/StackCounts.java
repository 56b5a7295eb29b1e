package org.ringfs.e2e.bench.profile;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Samples of one process in one workload, as collapsed stacks: outermost frame first, frames
 * joined by ';', each stack with the number of samples that caught it.
 */
final class StackCounts {
    private final Map<String, Long> counts = new TreeMap<>();
    private long total;

    void add(List<String> framesOutermostFirst, long samples) {
        if (framesOutermostFirst.isEmpty() || samples <= 0) return;
        counts.merge(String.join(";", framesOutermostFirst), samples, Long::sum);
        total += samples;
    }

    Map<String, Long> stacks() { return counts; }

    long total() { return total; }

    boolean isEmpty() { return total == 0; }
}
