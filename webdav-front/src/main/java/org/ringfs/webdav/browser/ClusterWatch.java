package org.ringfs.webdav.browser;

import org.ringfs.api.ClusterMap;
import org.ringfs.api.MetaMember;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerInfo;
import org.ringfs.placement.Placement;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the status page shows, asked of meta through the front's own client (the one that follows
 * the meta group's master): the cluster map (every data server's liveness and figures as of its
 * last heartbeat, about a second old; the ring; the under-replicated count; whether meta grants
 * deletes) and the meta group's members. Meta keeps no history, so the watch keeps a little: the
 * last 30 s of each server's rebuild and drain figures, from which it gives rates (and a drain's ETA), and
 * the last {@value #ERRORS} errors it saw happen (meta not answering, a server going down, corrupt
 * copies found, deletes refused, a meta member lost), each noted once when it starts. Several open
 * pages share one look per second, so leaving pages open costs meta two calls a second at most.
 */
public final class ClusterWatch {
    static final int ERRORS = 20;
    private static final long WINDOW_MILLIS = 30_000;
    private static final long FRESH_MILLIS = 1_000;

    /** A data server's figures at one time. */
    record Sample(long at, boolean rebuilding, long rebuildDone, long drainLeft) {}

    /** A data server as the page shows it: meta's entry and what the watch worked out over time. */
    public record Server(ServerInfo info, double rebuildPerSecond, long drainFirstSeen, double drainPerSecond) {
        /** Seconds until the drain finds every copy verified at the current rate, or -1. */
        public long drainEtaSeconds() {
            return drainPerSecond > 0 && info.drainLeft() >= 0 ? (long) Math.ceil(info.drainLeft() / drainPerSecond) : -1;
        }
    }

    /** One error the watch saw start. */
    public record Event(long at, String text) {}

    /**
     * One look at the cluster. {@code map} is null when meta did not answer ({@code mapError} says
     * why); {@code members} null when the group call failed. {@code shares} is each placement
     * server's share of the ring ({@link Placement#shares()}), empty when there are too few.
     */
    public record Snapshot(long at, ClusterMap map, String mapError, List<MetaMember> members, String membersError,
                           List<Server> servers, Map<String, double[]> shares, List<Event> errors) {}

    private final MetaService meta;
    private final LongSupplier clock;
    private final Map<String, Deque<Sample>> history = new HashMap<>();
    private final Map<String, Long> drainFirstSeen = new HashMap<>();
    private final Map<String, Boolean> wasAlive = new HashMap<>();
    private final Map<String, Long> corruptSeen = new HashMap<>();
    private final Map<String, MetaMember.Role> roleSeen = new HashMap<>();
    private final Deque<Event> errors = new ArrayDeque<>();
    private String lastMetaError = "";
    private String lastDeleteRefusal = "";
    private Snapshot cached;

    /** @param meta the front's meta client; null when the front has none (then the page says so) */
    public ClusterWatch(MetaService meta, LongSupplier clock) {
        this.meta = meta;
        this.clock = clock;
    }

    public ClusterWatch(MetaService meta) {
        this(meta, System::currentTimeMillis);
    }

    /** The cluster now, or as of less than a second ago when another page just asked. */
    public synchronized Snapshot look() {
        long now = clock.getAsLong();
        if (cached != null && now - cached.at() >= 0 && now - cached.at() < FRESH_MILLIS) return cached;
        ClusterMap map = null;
        String mapError = "";
        List<MetaMember> members = null;
        String membersError = "";
        if (meta == null) {
            mapError = "this front has no meta client to ask";
        } else {
            try {
                map = meta.clusterMap();
                lastMetaError = "";
            } catch (RingFsException | RuntimeException e) {
                mapError = String.valueOf(e.getMessage());
                if (!mapError.equals(lastMetaError)) note(now, "meta did not answer: " + mapError);
                lastMetaError = mapError;
            }
            if (map != null) {
                try {
                    members = meta.metaMembers();
                } catch (RingFsException | RuntimeException e) {
                    membersError = String.valueOf(e.getMessage());
                }
            }
        }
        List<Server> servers = new ArrayList<>();
        Map<String, double[]> shares = Map.of();
        if (map != null) {
            for (ServerInfo s : map.ring()) servers.add(track(now, s));
            noteDeletes(now, map);
            List<String> placed = map.placementNames();
            if (placed.size() >= Placement.COPIES) shares = new Placement(placed).shares();
        }
        if (members != null) noteMembers(now, members);
        cached = new Snapshot(now, map, mapError, members, membersError, List.copyOf(servers), shares, List.copyOf(errors));
        return cached;
    }

    private Server track(long now, ServerInfo s) {
        String name = s.name();
        Boolean before = wasAlive.put(name, s.alive());
        if (!s.alive() && (before == null || before)) {
            note(now, name + " is down: meta has had no heartbeat from it"
                    + (s.lastHeartbeatMillis() > 0 ? " since " + StatusPage.time(s.lastHeartbeatMillis()) + " UTC" : ""));
        }
        long corrupt = s.vitals().corruptBlocks();
        long found = corrupt - corruptSeen.getOrDefault(name, 0L);
        corruptSeen.put(name, corrupt);
        if (found > 0) {
            note(now, name + ": its scrubber found " + found + " corrupt " + (found == 1 ? "copy" : "copies")
                    + " (" + corrupt + " since it started)");
        }
        Deque<Sample> samples = history.computeIfAbsent(name, k -> new ArrayDeque<>());
        samples.addLast(new Sample(now, s.alive() && s.vitals().rebuilding(), s.vitals().rebuildDone(), s.drainLeft()));
        while (samples.size() > 1 && now - samples.peekFirst().at() > WINDOW_MILLIS) samples.removeFirst();
        Sample first = samples.peekFirst();
        double seconds = (now - first.at()) / 1000.0;
        // A rebuild's rate is over its own samples alone: not over the time the server was down or idle.
        Sample started = null;
        for (var it = samples.descendingIterator(); it.hasNext(); ) {
            Sample x = it.next();
            if (!x.rebuilding()) break;
            started = x;
        }
        double rebuildRate = -1;
        if (started != null && now - started.at() >= 1000 && s.vitals().rebuildDone() >= started.rebuildDone()) {
            rebuildRate = (s.vitals().rebuildDone() - started.rebuildDone()) / ((now - started.at()) / 1000.0);
        }
        long drainStart = -1;
        double drainRate = -1;
        if (s.retiring()) {
            if (s.drainLeft() >= 0) drainStart = drainFirstSeen.merge(name, s.drainLeft(), Math::max);
            if (seconds >= 1 && first.drainLeft() >= 0 && s.drainLeft() >= 0 && s.drainLeft() <= first.drainLeft()) {
                drainRate = (first.drainLeft() - s.drainLeft()) / seconds;
            }
        } else {
            drainFirstSeen.remove(name);
        }
        return new Server(s, rebuildRate, drainStart, drainRate);
    }

    private void noteDeletes(long now, ClusterMap map) {
        String refusal = map.deletesAllowed() || map.waitingForReports() ? "" : map.deleteRefusal();
        if (!refusal.isEmpty() && !refusal.equals(lastDeleteRefusal)) note(now, "meta refuses deletes: " + refusal);
        lastDeleteRefusal = refusal;
    }

    private void noteMembers(long now, List<MetaMember> members) {
        for (MetaMember m : members) {
            MetaMember.Role before = roleSeen.put(m.name(), m.role());
            if (m.role() == MetaMember.Role.UNKNOWN && before != MetaMember.Role.UNKNOWN) {
                note(now, "meta member " + m.name() + " does not answer the group");
            }
        }
    }

    private void note(long now, String text) {
        errors.addFirst(new Event(now, text));
        while (errors.size() > ERRORS) errors.removeLast();
    }
}
