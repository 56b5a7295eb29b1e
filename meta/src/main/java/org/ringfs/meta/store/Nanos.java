package org.ringfs.meta.store;

import java.time.Clock;
import java.time.Instant;

/** Wall-clock time in nanoseconds since the epoch, the unit of every inode time. */
public final class Nanos {
    private Nanos() {}

    public static long now(Clock clock) {
        Instant t = clock.instant();
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
