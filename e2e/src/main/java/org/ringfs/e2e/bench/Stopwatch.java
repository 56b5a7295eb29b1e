package org.ringfs.e2e.bench;

/** Elapsed wall time since construction, for turning work into rates. */
final class Stopwatch {
    private final long start = System.nanoTime();

    double seconds() { return (System.nanoTime() - start) / 1e9; }

    double millis() { return (System.nanoTime() - start) / 1e6; }

    /** Megabytes (10^6 bytes) per second for {@code bytes} done since the start. */
    double megabytesPerSecond(long bytes) { return bytes / 1e6 / seconds(); }

    double perSecond(long count) { return count / seconds(); }
}
