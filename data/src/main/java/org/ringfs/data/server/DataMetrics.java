package org.ringfs.data.server;

import org.ringfs.data.rebuild.ReconcileProgress;
import org.ringfs.data.scrub.Scrubber;
import org.ringfs.data.store.BlockStore;
import org.ringfs.metrics.JeStoreMetrics;
import org.ringfs.metrics.ServerMetrics;

/**
 * A data server's own figures in its metrics, beside the shell's request counts: the copies and
 * bytes it holds, its room, the copies its scrubber checked and found corrupt, its rebuild and reconcile
 * progress, whether it refuses its meta, and its JE store. Read at each scrape from the same
 * sources as its status and heartbeats.
 */
final class DataMetrics {
    private DataMetrics() {}

    /** @param authority null for a server without meta */
    static ServerMetrics create(BlockStore store, ReconcileProgress progress, Scrubber scrubber, MetaAuthority authority) {
        ServerMetrics metrics = ServerMetrics.create();
        metrics.gauge("ringfs_data_blocks", "Block copies this data server holds", store::blockCount);
        metrics.gauge("ringfs_data_stored_bytes", "Bytes of the block copies this data server holds", store::byteCount);
        metrics.gauge("ringfs_data_capacity_bytes", "Size of the disk under the store", store::capacityBytes);
        metrics.gauge("ringfs_data_available_bytes", "Bytes this data server still accepts blocks into (its reserve not counted)",
                store::availableBytes);
        metrics.counter("ringfs_data_corrupt_copies_found_total", "Copies the scrubber found corrupt since the server started",
                scrubber::corruptFound);
        metrics.counter("ringfs_data_scrubbed_copies_total", "Copies the scrubber checked since the server started",
                scrubber::scrubbedCopies);
        metrics.counter("ringfs_data_scrubbed_bytes_total", "Bytes of the copies the scrubber checked since the server started",
                scrubber::scrubbedBytes);
        metrics.gauge("ringfs_data_rebuilding", "1 while this server is rebuilt (a lost or damaged store) or fetches copies it lacks",
                () -> progress.rebuilding() ? 1 : 0);
        metrics.gauge("ringfs_data_reconcile_missing_copies", "Copies the current or last reconcile pass found to fetch",
                progress::total);
        metrics.gauge("ringfs_data_reconcile_fetched_copies", "Copies the current or last reconcile pass has fetched",
                progress::done);
        if (authority != null) {
            metrics.gauge("ringfs_data_meta_refused", "1 while this server refuses its meta (another cluster's id) and deletes nothing",
                    () -> authority.refusal().isEmpty() ? 0 : 1);
        }
        JeStoreMetrics.register(metrics, store::environment);
        return metrics;
    }
}
