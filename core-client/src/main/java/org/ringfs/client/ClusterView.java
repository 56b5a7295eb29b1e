package org.ringfs.client;

import org.ringfs.api.BlockService;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.placement.Placement;
import org.ringfs.placement.RingHistory;
import org.ringfs.repair.ServerDirectory;
import org.ringfs.security.RequestSigner;
import org.ringfs.transport.ServerConnections;
import org.ringfs.transport.BlockConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The client's copy of meta's cluster map: the ring, placement over it, and a {@link BlockClient}
 * per data server address. Refreshed every {@link #REFRESH_INTERVAL}, and soon after a call to a
 * server fails (a restarted server may come back on another port).
 */
public final class ClusterView implements ServerDirectory {
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(2);
    /** After a failure, refresh no more often than this: many threads fail at once. */
    static final Duration MIN_REFRESH_GAP = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(ClusterView.class);

    private final MetaService meta;
    private final ServerConnections servers;
    private volatile Snapshot snapshot;
    private volatile boolean stale;

    /**
     * One fetched cluster map; placement (and history) are null when the ring is too small to place
     * a block. {@code history} is meta's ring history over it. {@code everyone} places over every
     * member, retiring ones too: the order a reader tries the members that are not a block's targets
     * (null when there are fewer than three).
     */
    private record Snapshot(ClusterMap map, Placement placement, RingHistory history, Placement everyone,
                            long fetchedAtNanos) {}

    /** Where a writer puts a block: the current targets, and the epoch of the map they came from. */
    record WriteTargets(long epoch, List<String> targets) {}

    /**
     * Where a reader looks for a block, from one cluster map: {@code first} the targets of the
     * block's recorded epoch, then its current targets ({@code current}); then {@code others}, the
     * remaining members nearest the block on the circle first.
     */
    record ReadPlan(List<String> first, List<String> current, List<String> others) {}

    /** A view whose data servers are reached over binary HTTP, all through one shared {@code connections}. */
    public ClusterView(MetaService meta, BlockConnections connections, Duration callTimeout) {
        this(meta, connections, callTimeout, null);
    }

    /** The same, every request signed by {@code signer} (null: unsigned). */
    public ClusterView(MetaService meta, BlockConnections connections, Duration callTimeout, RequestSigner signer) {
        this(meta, connections, callTimeout, signer, false);
    }

    /** The same, over https when {@code tls} ({@code connections} then carry the trust). */
    public ClusterView(MetaService meta, BlockConnections connections, Duration callTimeout, RequestSigner signer, boolean tls) {
        this(meta, ServerConnections.overHttp(connections, callTimeout, signer, tls));
    }

    /** @param connect the block service of a data server address (tests connect to in-process fakes) */
    public ClusterView(MetaService meta, Function<String, BlockService> connect) {
        this(meta, new ServerConnections(connect));
    }

    private ClusterView(MetaService meta, ServerConnections servers) {
        this.meta = meta;
        this.servers = servers;
    }

    @Override
    public ClusterMap map() throws RingFsException {
        return current().map();
    }

    public int blockSize() throws RingFsException {
        return current().map().blockSize();
    }

    @Override
    public List<String> ring() throws RingFsException {
        return current().map().names();
    }

    @Override
    public Placement placement() throws RingFsException {
        return placement(current());
    }

    private static Placement placement(Snapshot s) throws RingFsException {
        if (s.placement() == null) {
            throw new RingFsException(ErrorCode.UNAVAILABLE, "the ring has " + s.map().placementNames().size()
                    + " data servers that are not retiring, a block needs " + Placement.COPIES);
        }
        return s.placement();
    }

    /** The current targets of a block and the epoch of the map that gave them. */
    WriteTargets writeTargets(long inode, long index) throws RingFsException {
        Snapshot s = current();
        return new WriteTargets(s.map().epoch(), placement(s).targets(inode, index));
    }

    /**
     * Where to look for block {@code index} of {@code inode} recorded under ring epoch
     * {@code epoch}: where that epoch placed it, then where the current ring places it, then every
     * other member (after a join or during a retirement the copies not yet moved are on them).
     */
    ReadPlan readPlan(long inode, long index, long epoch) throws RingFsException {
        Snapshot s = current();
        List<String> current = placement(s).targets(inode, index);
        List<String> members = s.map().names();
        List<String> first = new ArrayList<>();
        // A server the history names but the map no longer has (retired) has no address to ask.
        for (String name : s.history().readTargets(inode, index, epoch)) if (members.contains(name)) first.add(name);
        List<String> all = s.everyone() == null ? members : s.everyone().successors(inode, index);
        List<String> others = new ArrayList<>(all.size());
        for (String name : all) if (!first.contains(name)) others.add(name);
        return new ReadPlan(first, current, others);
    }

    @Override
    public BlockService service(String server) throws RingFsException {
        return servers.of(current().map(), server);
    }

    @Override
    public void reportFailure(String server) {
        stale = true;
    }

    private Snapshot current() throws RingFsException {
        Snapshot s = snapshot;
        if (s == null) return refresh(null);
        long age = System.nanoTime() - s.fetchedAtNanos();
        if (age > REFRESH_INTERVAL.toNanos() || (stale && age > MIN_REFRESH_GAP.toNanos())) return refresh(s);
        return s;
    }

    private synchronized Snapshot refresh(Snapshot seen) throws RingFsException {
        if (snapshot != seen) return snapshot; // another thread refreshed while this one waited
        stale = false;
        ClusterMap map;
        try {
            map = meta.clusterMap();
        } catch (RingFsException e) {
            if (seen == null) throw e;
            // Keep serving the old map; meta being down does not stop reads of blocks already known.
            log.warn("cluster map refresh failed, keeping epoch {}: {}", seen.map().epoch(), e.toString());
            snapshot = new Snapshot(seen.map(), seen.placement(), seen.history(), seen.everyone(), System.nanoTime());
            return snapshot;
        }
        List<String> active = map.placementNames();
        Placement placement = active.size() >= Placement.COPIES ? new Placement(active) : null;
        RingHistory history = placement == null ? null : new RingHistory(map.rings(), placement, map.epoch());
        Placement everyone = map.ring().size() >= Placement.COPIES ? new Placement(map.names()) : null;
        snapshot = new Snapshot(map, placement, history, everyone, System.nanoTime());
        return snapshot;
    }
}
