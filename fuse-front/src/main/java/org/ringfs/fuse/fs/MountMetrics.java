package org.ringfs.fuse.fs;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.Unit;
import jnr.constants.platform.Errno;
import org.ringfs.metrics.ServerMetrics;

/**
 * A mount's figures in its metrics ({@code ringfs mount --metrics-listen}): every FUSE callback
 * counted by operation and result (ok, or the errno's name), its latency, and the bytes read and
 * written through the mount. {@link #NONE} counts nothing (a mount without metrics, tests).
 */
public final class MountMetrics {
    /** Counts nothing. */
    public static final MountMetrics NONE = new MountMetrics();

    private static final double[] LATENCY_BUCKETS = {0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
            0.5, 1, 2.5, 5, 10, 30};

    private final Counter operations;
    private final Histogram duration;
    private final Counter readBytes;
    private final Counter writtenBytes;

    private MountMetrics() {
        operations = null;
        duration = null;
        readBytes = null;
        writtenBytes = null;
    }

    public MountMetrics(ServerMetrics metrics) {
        operations = Counter.builder().name("ringfs_fuse_operations_total")
                .help("FUSE callbacks served by the mount, by operation and result (ok or the errno's name)")
                .labelNames("operation", "result").register(metrics.registry());
        duration = Histogram.builder().name("ringfs_fuse_operation_duration_seconds").unit(Unit.SECONDS)
                .help("Time the mount took to answer a FUSE callback, by operation")
                .labelNames("operation").classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(metrics.registry());
        readBytes = Counter.builder().name("ringfs_fuse_read_bytes_total").unit(Unit.BYTES)
                .help("Bytes the mount answered reads with").register(metrics.registry());
        writtenBytes = Counter.builder().name("ringfs_fuse_written_bytes_total").unit(Unit.BYTES)
                .help("Bytes written through the mount").register(metrics.registry());
    }

    /** One callback answered: {@code result} is what it returned (a byte count, 0, or a negative errno). */
    void answered(String operation, int result, long nanos) {
        if (operations == null) return;
        operations.labelValues(operation, result >= 0 ? "ok" : errnoName(-result)).inc();
        duration.labelValues(operation).observe(nanos / 1e9);
        if (result > 0 && operation.equals("read")) readBytes.inc(result);
        if (result > 0 && operation.equals("write")) writtenBytes.inc(result);
    }

    private static String errnoName(int errno) {
        Errno e = Errno.valueOf(errno);
        return e == null || e == Errno.__UNKNOWN_CONSTANT__ ? "errno_" + errno : e.name();
    }
}
