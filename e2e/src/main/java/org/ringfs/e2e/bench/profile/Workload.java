package org.ringfs.e2e.bench.profile;

import java.time.Instant;

/** One workload's time window: the samples taken in it are its profile. */
record Workload(String name, Instant start, Instant end) {
    boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
