package org.ringfs.metrics;

import com.sleepycat.je.Environment;
import com.sleepycat.je.EnvironmentStats;
import com.sleepycat.je.StatsConfig;

import java.util.function.Supplier;

/**
 * The Berkeley DB JE figures of a server's store (meta's and every data server's): cache size and
 * misses, the cleaner's runs, deleted files and backlog, and the log's size on disk. One
 * {@code getStats} (the fast kind) serves every figure of a scrape taken within a second.
 */
public final class JeStoreMetrics {
    private static final StatsConfig FAST = new StatsConfig().setFast(true);
    private static final long FRESH_NANOS = 1_000_000_000L;

    private final Supplier<Environment> environment;
    private EnvironmentStats last;
    private long lastAt;

    private JeStoreMetrics(Supplier<Environment> environment) {
        this.environment = environment;
    }

    /** @param environment the store's environment now (meta reopens its own after JE invalidates it) */
    public static void register(ServerMetrics metrics, Supplier<Environment> environment) {
        JeStoreMetrics je = new JeStoreMetrics(environment);
        metrics.gauge("ringfs_je_cache_bytes", "Bytes JE's cache holds", () -> je.stats().getCacheTotalBytes());
        metrics.counter("ringfs_je_cache_misses_total", "Reads JE's cache could not answer (went to the log on disk)",
                () -> je.stats().getNCacheMiss());
        metrics.counter("ringfs_je_cleaner_runs_total", "Runs of JE's log cleaner", () -> je.stats().getNCleanerRuns());
        metrics.counter("ringfs_je_cleaner_deleted_files_total", "Log files JE's cleaner deleted",
                () -> je.stats().getNCleanerDeletions());
        metrics.gauge("ringfs_je_cleaner_backlog_files", "Log files waiting for JE's cleaner",
                () -> je.stats().getCleanerBacklog());
        metrics.gauge("ringfs_je_log_bytes", "Bytes of JE's log files on disk", () -> je.stats().getTotalLogSize());
    }

    private synchronized EnvironmentStats stats() {
        long now = System.nanoTime();
        if (last == null || now - lastAt > FRESH_NANOS) {
            Environment env = environment.get();
            if (env == null || !env.isValid()) throw new IllegalStateException("the store is not open");
            last = env.getStats(FAST);
            lastAt = now;
        }
        return last;
    }
}
