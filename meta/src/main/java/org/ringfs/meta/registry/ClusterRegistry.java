package org.ringfs.meta.registry;

import org.ringfs.api.ClusterMap;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.Heartbeat;
import org.ringfs.api.HeartbeatReply;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerInfo;
import org.ringfs.api.StatFs;
import org.ringfs.meta.store.ClusterTable;
import org.ringfs.meta.store.MetaStore;
import org.ringfs.placement.Placement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ring and the liveness of its data servers. The ring order, the epoch and the addresses are
 * persisted (a change is one synced transaction); heartbeat statistics live in memory only. The
 * registry is the only writer of those cluster records, so it keeps them cached. See the package
 * documentation for when a heartbeat reply asks for a reconcile, and {@link SafeMode} for when it
 * grants delete authority. A server of another cluster is refused (WRONG_CLUSTER) and never joins.
 */
public final class ClusterRegistry {
    private static final Logger log = LoggerFactory.getLogger(ClusterRegistry.class);
    private static final long LOG_REFUSAL_EVERY_MILLIS = 60_000;

    /** What meta heard from one server since it started. */
    private record Seen(Heartbeat last, long atMillis, long reconcileAskedAtMillis) {
        static final long NOT_ASKED = -1;
    }

    private final MetaStore store;
    private final Clock clock;
    private final long deadAfterMillis;
    private final Map<String, Seen> seen = new HashMap<>();
    private final Map<String, String> addresses = new HashMap<>();
    private final Map<String, Long> foreignLoggedAt = new HashMap<>();
    private final SafeMode safeMode;
    private List<String> ring;
    private long epoch;

    public ClusterRegistry(MetaStore store, Clock clock, Duration deadAfter) throws RingFsException {
        this(store, clock, deadAfter, false);
    }

    /** @param acceptOlderStore clear the older-store alarm at this start (see {@link SafeMode}) */
    public ClusterRegistry(MetaStore store, Clock clock, Duration deadAfter, boolean acceptOlderStore) throws RingFsException {
        this.store = store;
        this.clock = clock;
        this.deadAfterMillis = deadAfter.toMillis();
        this.safeMode = new SafeMode(store, clock.millis(), deadAfterMillis, acceptOlderStore);
        store.read(txn -> {
            ClusterTable c = txn.cluster();
            ring = List.copyOf(c.ring());
            epoch = c.epoch();
            for (String name : ring) addresses.put(name, c.address(name));
            return null;
        });
    }

    public synchronized HeartbeatReply heartbeat(Heartbeat hb) throws RingFsException {
        ServerName.check(hb.name());
        if (hb.address() == null || hb.address().isEmpty() || hb.address().length() > 255) {
            throw new RingFsException(ErrorCode.INVALID, "bad address '" + hb.address() + "' of " + hb.name());
        }
        long now = clock.millis();
        refuseForeign(hb, now);
        persistMembership(hb.name(), hb.address());

        Seen before = seen.get(hb.name());
        boolean wasAlive = before != null && isAlive(before, now);
        long askedAt = before == null ? Seen.NOT_ASKED : before.reconcileAskedAtMillis();
        String name = hb.name();
        if (askedAt != Seen.NOT_ASKED && !hb.rebuilding()) askedAt = Seen.NOT_ASKED;
        boolean reconcile = !wasAlive
                || (!hb.rebuilding() && store.read(txn -> txn.underReplicated().names(name)));
        if (reconcile) {
            if (!wasAlive) log.info("data server {} at {} is alive", name, hb.address());
            askedAt = now;
        }
        safeMode.report(hb);
        seen.put(name, new Seen(hb, now, askedAt));
        return new HeartbeatReply(epoch, reconcile, store.clusterId(), safeMode.refusal(ring, now).isEmpty());
    }

    /** A server that recorded another cluster's id must not join this ring nor take orders from this meta. */
    private void refuseForeign(Heartbeat hb, long now) throws RingFsException {
        if (hb.clusterId().isEmpty() || hb.clusterId().equals(store.clusterId())) return;
        String message = "data server " + hb.name() + " at " + hb.address() + " belongs to cluster " + hb.clusterId()
                + ", this meta to cluster " + store.clusterId() + ": refused (is meta running on the wrong store?)";
        Long logged = foreignLoggedAt.get(hb.name());
        if (logged == null || now - logged >= LOG_REFUSAL_EVERY_MILLIS) {
            foreignLoggedAt.put(hb.name(), now);
            log.error("{} (logged once a minute)", message);
        }
        throw new RingFsException(ErrorCode.WRONG_CLUSTER, message);
    }

    /** A new server joins the end of the ring; a moved one gets its new address. Both bump the epoch. */
    private void persistMembership(String name, String address) throws RingFsException {
        if (!ring.contains(name)) {
            List<String> grown = new ArrayList<>(ring);
            grown.add(name);
            epoch = store.write(txn -> {
                txn.cluster().putAddress(name, address);
                return txn.cluster().putRing(grown);
            });
            ring = List.copyOf(grown);
            addresses.put(name, address);
            log.info("data server {} joined the ring at position {} (epoch {})", name, ring.size() - 1, epoch);
        } else if (!address.equals(addresses.get(name))) {
            epoch = store.write(txn -> {
                txn.cluster().putAddress(name, address);
                return txn.cluster().bumpEpoch();
            });
            addresses.put(name, address);
            log.info("data server {} now at {} (epoch {})", name, address, epoch);
        }
    }

    /**
     * A server verified it holds every block placement gives it, as of a scan that began at
     * {@code asOfMillis}: it is no longer missing from the entries recorded before then. This is the
     * only way an entry loses a server: never because the server merely answered a heartbeat.
     */
    public void replicasVerified(String name, long asOfMillis) throws RingFsException {
        ServerName.check(name);
        if (asOfMillis > clock.millis()) {
            throw new RingFsException(ErrorCode.INVALID, "a verification as of " + asOfMillis + " is in meta's future");
        }
        int cleared = store.write(txn -> txn.underReplicated().clearServer(name, asOfMillis));
        if (cleared > 0) log.info("{} verified its copies: {} under-replicated entries no longer name it", name, cleared);
    }

    private boolean isAlive(Seen s, long now) {
        return now - s.atMillis() <= deadAfterMillis;
    }

    public ClusterMap clusterMap() throws RingFsException {
        long underReplicated = store.underReplicatedCount();
        synchronized (this) {
            long now = clock.millis();
            List<ServerInfo> infos = new ArrayList<>(ring.size());
            for (String name : ring) infos.add(info(name, now));
            String refusal = safeMode.refusal(ring, now);
            return new ClusterMap(epoch, store.blockSize(), infos, underReplicated, store.clusterId(), refusal.isEmpty(),
                    refusal);
        }
    }

    private ServerInfo info(String name, long now) {
        Seen s = seen.get(name);
        String address = addresses.getOrDefault(name, "");
        if (s == null) return new ServerInfo(name, address, false, 0, 0, 0, 0, 0, false, 0, 0, 0);
        Heartbeat h = s.last();
        return new ServerInfo(name, address, isAlive(s, now), s.atMillis(), h.capacityBytes(), h.freeBytes(), h.blocks(),
                h.bytes(), h.rebuilding(), h.rebuildDone(), h.rebuildTotal(), h.corruptBlocks());
    }

    /** Usable capacity: what the alive servers report, divided by the copies every block takes. */
    public StatFs statfs() throws RingFsException {
        long files = store.inodeCount();
        long total = 0;
        long free = 0;
        synchronized (this) {
            long now = clock.millis();
            for (Seen s : seen.values()) {
                if (!isAlive(s, now)) continue;
                total += s.last().capacityBytes();
                free += s.last().freeBytes();
            }
        }
        return new StatFs(store.blockSize(), total / Placement.COPIES, free / Placement.COPIES, files);
    }
}
