package org.ringfs.e2e.bench;

import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerVitals;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.placement.Placement;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The workloads that break the bench's own cluster: the large file read with two data servers
 * SIGKILLed, and a data server whose store was deleted refilled from the other copies.
 */
final class ClusterWorkloads {
    private static final Duration REBUILD_TIMEOUT = Duration.ofMinutes(10);
    private static final long POLL_MILLIS = 50;

    private final Figures figures;
    private final MiniRingFsCluster cluster;
    private final ClientPath client;
    private final RingFsClient fs;

    ClusterWorkloads(Figures figures, MiniRingFsCluster cluster, RingFsClient fs) {
        this.figures = figures;
        this.cluster = cluster;
        this.fs = fs;
        this.client = new ClientPath(fs);
    }

    /** Reads {@code large} with the first two data servers down, then brings them back. */
    void degradedRead(String large, long size) throws IOException {
        List<String> down = cluster.dataServerNames().subList(0, 2);
        down.forEach(cluster::crash);
        try {
            Stopwatch w = new Stopwatch();
            long read = client.readLarge(large);
            figures.add("client.degraded-read", Figures.MB_S, w.megabytesPerSecond(read));
            if (read != size) throw new IOException("degraded read got " + read + " bytes of " + size);
        } finally {
            for (String name : down) cluster.start(name);
        }
    }

    /**
     * SIGKILLs the third data server, deletes its store, restarts it and waits until it holds again
     * its share of {@code large}'s copies. The time includes the server's start (about a second of JVM).
     */
    void rebuild(String large) throws IOException {
        String name = cluster.dataServerNames().get(2);
        long share = shareOf(name, large);
        cluster.crash(name);
        cluster.deleteStore(name);
        Stopwatch w = new Stopwatch();
        cluster.start(name);
        long deadline = System.nanoTime() + REBUILD_TIMEOUT.toNanos();
        while (true) {
            ServerVitals s = cluster.blockService(name).status().vitals();
            if (!s.rebuilding() && s.bytes() >= share) break;
            if (System.nanoTime() > deadline) {
                throw new IOException(name + " rebuilt " + s.bytes() + " of " + share + " bytes within " + REBUILD_TIMEOUT);
            }
            sleep();
        }
        figures.add("client.rebuild", Figures.MB_S, w.megabytesPerSecond(share));
    }

    /** Bytes of {@code file}'s blocks that placement gives to {@code server}. */
    private long shareOf(String server, String file) throws RingFsException {
        long inode = fs.stat(file).id();
        long size = fs.stat(file).size();
        int blockSize = fs.clusterView().blockSize();
        Placement placement = cluster.placement();
        long share = 0;
        for (long i = 0; i * blockSize < size; i++) {
            if (placement.targets(inode, i).contains(server)) share += Math.min(blockSize, size - i * blockSize);
        }
        return share;
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the rebuild", e);
        }
    }
}
