package org.ringfs.meta.registry;

import org.ringfs.api.ClusterMap;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.Heartbeat;
import org.ringfs.api.HeartbeatReply;
import org.ringfs.api.RingEpoch;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerInfo;
import org.ringfs.api.ServerVitals;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private List<String> retiring;
    private List<String> retired;
    /** What each retiring server's last drain pass left unverified (in memory: the next pass reports again). */
    private final Map<String, Long> drainLeft = new HashMap<>();
    /** When meta last asked a server for a pass because a retirement is under way. */
    private final Map<String, Long> drainAskedAt = new HashMap<>();
    private long epoch;
    /** How often a retirement asks the retiring server (and, slower, the others) for a pass. */
    private static final long DRAIN_ASK_MILLIS = 2_000;
    private static final long DRAIN_NUDGE_MILLIS = 10_000;
    /** Meta's half of the mover: records blocks as moved once every placement server verified them. */
    private final RingMoves moves;
    /** Servers to ask for a pass at their next heartbeat: blocks were recorded as moved, their misplaced copies may go. */
    private final Set<String> passAfterMove = new HashSet<>();

    public ClusterRegistry(MetaStore store, Clock clock, Duration deadAfter) throws RingFsException {
        this(store, clock, deadAfter, false);
    }

    /** @param acceptOlderStore clear the older-store alarm at this start (see {@link SafeMode}) */
    public ClusterRegistry(MetaStore store, Clock clock, Duration deadAfter, boolean acceptOlderStore) throws RingFsException {
        this.store = store;
        this.clock = clock;
        this.deadAfterMillis = deadAfter.toMillis();
        this.safeMode = new SafeMode(store, clock.millis(), deadAfterMillis, acceptOlderStore);
        this.moves = new RingMoves(store);
        store.read(txn -> {
            ClusterTable c = txn.cluster();
            ring = List.copyOf(c.ring());
            retiring = List.copyOf(c.retiring());
            retired = List.copyOf(c.retired());
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
        if (retired.contains(hb.name())) {
            throw new RingFsException(ErrorCode.INVALID, "data server " + hb.name() + " was retired from this cluster: "
                    + "it is out of the ring and may be stopped (its copies are no longer needed)");
        }
        persistMembership(hb.name(), hb.address());

        Seen before = seen.get(hb.name());
        boolean wasAlive = before != null && isAlive(before, now);
        long askedAt = before == null ? Seen.NOT_ASKED : before.reconcileAskedAtMillis();
        String name = hb.name();
        if (askedAt != Seen.NOT_ASKED && !hb.vitals().rebuilding()) askedAt = Seen.NOT_ASKED;
        boolean reconcile = !wasAlive
                || (!hb.vitals().rebuilding() && store.read(txn -> txn.underReplicated().names(name)));
        if (reconcile) {
            if (!wasAlive) log.info("data server {} at {} is alive", name, hb.address());
            askedAt = now;
        }
        reconcile |= drainPassDue(name, hb, now);
        reconcile |= passAfterMove.remove(name);
        safeMode.report(hb);
        seen.put(name, new Seen(hb, now, askedAt));
        return new HeartbeatReply(epoch, reconcile, store.clusterId(), safeMode.refusal(ring, now).isEmpty(), 0);
    }

    /**
     * While a retirement is under way the retiring server runs a drain pass every few seconds, and
     * the others a pass now and then, so a fetch that failed once is retried before the next
     * periodic pass.
     */
    private boolean drainPassDue(String name, Heartbeat hb, long now) {
        if (retiring.isEmpty() || hb.vitals().rebuilding()) return false;
        long every = retiring.contains(name) ? DRAIN_ASK_MILLIS : DRAIN_NUDGE_MILLIS;
        Long last = drainAskedAt.get(name);
        if (last != null && now - last < every) return false;
        drainAskedAt.put(name, now);
        return true;
    }

    /**
     * Starts retiring a server: a new epoch in which placement leaves it out. A server whose last
     * heartbeat reported no copies leaves the ring at once.
     */
    public ClusterMap retire(String name) throws RingFsException {
        ServerName.check(name);
        synchronized (this) {
            if (!ring.contains(name)) {
                throw new RingFsException(ErrorCode.NOT_FOUND, "data server " + name + " is not in the ring"
                        + (retired.contains(name) ? ": it was retired" : ""));
            }
            if (!retiring.contains(name)) {
                int left = ring.size() - retiring.size() - 1;
                if (left < Placement.COPIES) {
                    throw new RingFsException(ErrorCode.INVALID, "retiring " + name + " would leave " + left
                            + " data servers to place blocks on, a block needs " + Placement.COPIES + ": add a server first");
                }
                Seen s = seen.get(name);
                if (s != null && s.last().vitals().blocks() == 0) {
                    leaveRing(name, "its last heartbeat reported no copies");
                } else {
                    List<String> more = new ArrayList<>(retiring);
                    more.add(name);
                    epoch = store.write(txn -> {
                        txn.cluster().putRetiring(more);
                        return txn.cluster().bumpEpoch();
                    });
                    retiring = List.copyOf(more);
                    drainLeft.remove(name);
                    log.info("data server {} is retiring (epoch {}): placement leaves it out, it leaves the ring once "
                            + "every copy it holds is verified on its targets", name, epoch);
                }
            }
        }
        return clusterMap();
    }

    /**
     * A retiring server's drain pass under {@code atEpoch} left {@code copiesLeft} copies
     * unverified on their targets; with none, and the epoch still current, it leaves the ring.
     */
    public synchronized boolean drainReport(String name, long atEpoch, long copiesLeft) throws RingFsException {
        ServerName.check(name);
        if (retired.contains(name)) return true; // a retry of the report that retired it
        if (!retiring.contains(name)) throw new RingFsException(ErrorCode.INVALID, "data server " + name + " is not retiring");
        if (copiesLeft < 0) throw new RingFsException(ErrorCode.INVALID, "negative copies left: " + copiesLeft);
        drainLeft.put(name, copiesLeft);
        // A pass under an older epoch verified against targets that may have moved since.
        if (copiesLeft > 0 || atEpoch != epoch) return false;
        leaveRing(name, "every copy it held is verified on its targets");
        return true;
    }

    /** Out of the ring for good, in one transaction; its copies stay where they are. */
    private void leaveRing(String name, String why) throws RingFsException {
        List<String> smaller = new ArrayList<>(ring);
        smaller.remove(name);
        List<String> stillRetiring = new ArrayList<>(retiring);
        stillRetiring.remove(name);
        List<String> gone = new ArrayList<>(retired);
        gone.add(name);
        epoch = store.write(txn -> {
            txn.cluster().putRetiring(stillRetiring);
            txn.cluster().putRetired(gone);
            // Entries still naming it are moot: placement no longer gives it blocks, and the new
            // targets' passes (asked for by the new epoch) fetch what they lack.
            txn.underReplicated().clearServer(name, Long.MAX_VALUE);
            return txn.cluster().putRing(smaller);
        });
        ring = List.copyOf(smaller);
        retiring = List.copyOf(stillRetiring);
        retired = List.copyOf(gone);
        seen.remove(name);
        drainLeft.remove(name);
        drainAskedAt.remove(name);
        log.info("data server {} left the ring (epoch {}): {}", name, epoch, why);
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
     * A server verified it holds every block placement gives it under {@code atEpoch}, as of a scan
     * that began at {@code asOfMillis}: it is no longer missing from the entries recorded before
     * then. This is the only way an entry loses a server: never because the server merely answered
     * a heartbeat. Once every server of the current placement has verified under the current epoch,
     * the blocks written before their scans are recorded as moved to it ({@link RingMoves}), and
     * every server is asked for a pass, which deletes the copies no current target needs.
     */
    public void replicasVerified(String name, long atEpoch, long asOfMillis) throws RingFsException {
        ServerName.check(name);
        if (asOfMillis > clock.millis()) {
            throw new RingFsException(ErrorCode.INVALID, "a verification as of " + asOfMillis + " is in meta's future");
        }
        int cleared = store.write(txn -> txn.underReplicated().clearServer(name, asOfMillis));
        if (cleared > 0) log.info("{} verified its copies: {} under-replicated entries no longer name it", name, cleared);
        long currentEpoch;
        List<String> members;
        synchronized (this) {
            currentEpoch = epoch;
            members = placementMembers();
        }
        if (!members.contains(name)) return;
        if (moves.verified(name, atEpoch, asOfMillis, currentEpoch, members) > 0) {
            synchronized (this) {
                passAfterMove.addAll(ring);
            }
        }
    }

    private List<String> placementMembers() {
        List<String> out = new ArrayList<>(ring);
        out.removeAll(retiring);
        return out;
    }

    private boolean isAlive(Seen s, long now) {
        return now - s.atMillis() <= deadAfterMillis;
    }

    public ClusterMap clusterMap() throws RingFsException {
        long underReplicated = store.underReplicatedCount();
        synchronized (this) {
            // Under the lock every epoch change takes: the history's last entry is this map's placement.
            List<RingEpoch> rings = store.read(txn -> neededRings(txn.cluster().ringHistory(),
                    txn.cluster().oldestBlockEpoch()));
            long now = clock.millis();
            List<ServerInfo> infos = new ArrayList<>(ring.size());
            for (String name : ring) infos.add(info(name, now));
            String refusal = safeMode.refusal(ring, now);
            return new ClusterMap(epoch, store.blockSize(), infos, underReplicated, store.clusterId(), refusal.isEmpty(),
                    refusal, rings);
        }
    }

    /** The history a reader needs: from the entry in force at the oldest epoch a block records, to the current one. */
    static List<RingEpoch> neededRings(List<RingEpoch> history, long oldestBlockEpoch) {
        int from = 0;
        for (int i = 0; i < history.size(); i++) if (history.get(i).epoch() <= oldestBlockEpoch) from = i;
        return List.copyOf(history.subList(from, history.size()));
    }

    private ServerInfo info(String name, long now) {
        Seen s = seen.get(name);
        String address = addresses.getOrDefault(name, "");
        boolean isRetiring = retiring.contains(name);
        long left = drainLeft.getOrDefault(name, ServerInfo.DRAIN_UNKNOWN);
        if (s == null) return new ServerInfo(name, address, false, 0, ServerVitals.NONE, isRetiring, left);
        return new ServerInfo(name, address, isAlive(s, now), s.atMillis(), s.last().vitals(), isRetiring, left);
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
                total += s.last().vitals().capacityBytes();
                free += s.last().vitals().freeBytes();
            }
        }
        return new StatFs(store.blockSize(), total / Placement.COPIES, free / Placement.COPIES, files);
    }
}
