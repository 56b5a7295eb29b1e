package org.ringfs.metrics;

import java.time.Duration;

/**
 * One reading shared by several figures of a scrape: taken at most once per interval (JE's stats,
 * meta's cluster map), so a scrape of ten figures costs one read, not ten.
 */
public final class CachedReading<T> {
    /** Reads the figures' source; may fail, and then every figure of it is left out of the scrape. */
    @FunctionalInterface
    public interface Source<T> {
        T read() throws Exception;
    }

    private final Source<T> source;
    private final long intervalNanos;
    private T last;
    private long lastAt;

    public CachedReading(Duration interval, Source<T> source) {
        this.source = source;
        this.intervalNanos = interval.toNanos();
    }

    /** The reading of the last interval, or a fresh one. */
    public synchronized T get() throws Exception {
        long now = System.nanoTime();
        if (last == null || now - lastAt > intervalNanos) {
            last = source.read();
            lastAt = now;
        }
        return last;
    }
}
