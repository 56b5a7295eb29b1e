package org.ringfs.meta.server;

import org.ringfs.api.ClusterMap;
import org.ringfs.api.ServerInfo;
import org.ringfs.meta.store.MetaStore;
import org.ringfs.metrics.CachedReading;
import org.ringfs.metrics.JeStoreMetrics;
import org.ringfs.metrics.ServerMetrics;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * Meta's own figures in its metrics, beside the shell's per-call request counts: whether this
 * member serves and its term, the under-replicated blocks its store records, and its JE store; on
 * the serving master also the writer sessions and what the cluster map says of the data servers
 * (how many, how many alive, rebuilding, and the corrupt copies their scrubbers reported).
 */
final class MetaMetrics {
    private MetaMetrics() {}

    static ServerMetrics create(MetaStore store, MasterGate gate) {
        ServerMetrics metrics = ServerMetrics.create();
        metrics.gauge("ringfs_meta_serving", "1 while this meta serves calls (a single meta, or the group's master)",
                () -> gate.serving() == null ? 0 : 1);
        metrics.gauge("ringfs_meta_term", "The meta group's latest term this member's store knows (0 for a single meta)",
                store::term);
        metrics.gauge("ringfs_meta_under_replicated_blocks", "Blocks committed with fewer copies than three, not yet repaired",
                store::underReplicatedCount);
        metrics.gaugeIfKnown("ringfs_meta_writer_sessions", "Writer sessions open (on the serving master)", () -> {
            MasterGate.Serving serving = gate.serving();
            return serving == null ? OptionalDouble.empty() : OptionalDouble.of(serving.service().sessions().count());
        });
        CachedReading<ClusterMap> map = new CachedReading<>(Duration.ofSeconds(1), () -> {
            MasterGate.Serving serving = gate.serving();
            return serving == null ? null : serving.service().clusterMap();
        });
        mapFigure(metrics, map, "ringfs_meta_data_servers", "Data servers in the ring (on the serving master)", s -> 1);
        mapFigure(metrics, map, "ringfs_meta_data_servers_alive", "Data servers in the ring heard from lately (on the serving master)",
                s -> s.alive() ? 1 : 0);
        mapFigure(metrics, map, "ringfs_meta_data_servers_rebuilding", "Data servers reporting a rebuild or fetch in progress",
                s -> s.vitals().rebuilding() ? 1 : 0);
        mapFigure(metrics, map, "ringfs_meta_reported_corrupt_copies",
                "Corrupt copies the data servers' scrubbers reported finding since each started (on the serving master)",
                s -> s.vitals().corruptBlocks());
        JeStoreMetrics.register(metrics, store::environment);
        return metrics;
    }

    /** A sum over the data servers of the cluster map; absent on a member that does not serve. */
    private static void mapFigure(ServerMetrics metrics, CachedReading<ClusterMap> map, String name, String help,
                                  ToDoubleFunction<ServerInfo> perServer) {
        metrics.gaugeIfKnown(name, help, () -> {
            ClusterMap m = map.get();
            return m == null ? OptionalDouble.empty() : OptionalDouble.of(m.ring().stream().mapToDouble(perServer).sum());
        });
    }
}
