package org.ringfs.metrics;

import com.sleepycat.je.Environment;
import com.sleepycat.je.EnvironmentStats;
import com.sleepycat.je.StatsConfig;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The Berkeley DB JE figures of a server's store (meta's and every data server's): cache size and
 * misses, the cleaner's runs, deleted files and backlog, and the log's size on disk. One
 * {@code getStats} (the fast kind) serves every figure of a scrape.
 */
public final class JeStoreMetrics {
    private static final StatsConfig FAST = new StatsConfig().setFast(true);

    private JeStoreMetrics() {}

    /** @param environment the store's environment now (meta reopens its own after JE invalidates it) */
    public static void register(ServerMetrics metrics, Supplier<Environment> environment) {
        CachedReading<EnvironmentStats> je = new CachedReading<>(Duration.ofSeconds(1), () -> {
            Environment env = environment.get();
            if (env == null || !env.isValid()) throw new IllegalStateException("the store is not open");
            return env.getStats(FAST);
        });
        metrics.gauge("ringfs_je_cache_bytes", "Bytes JE's cache holds", () -> je.get().getCacheTotalBytes());
        metrics.counter("ringfs_je_cache_misses_total", "Reads JE's cache could not answer (went to the log on disk)",
                () -> je.get().getNCacheMiss());
        metrics.counter("ringfs_je_cleaner_runs_total", "Runs of JE's log cleaner", () -> je.get().getNCleanerRuns());
        metrics.counter("ringfs_je_cleaner_deleted_files_total", "Log files JE's cleaner deleted",
                () -> je.get().getNCleanerDeletions());
        metrics.gauge("ringfs_je_cleaner_backlog_files", "Log files waiting for JE's cleaner",
                () -> je.get().getCleanerBacklog());
        metrics.gauge("ringfs_je_log_bytes", "Bytes of JE's log files on disk", () -> je.get().getTotalLogSize());
    }
}
