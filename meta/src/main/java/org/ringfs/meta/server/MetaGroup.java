package org.ringfs.meta.server;

import com.sleepycat.je.DatabaseException;
import com.sleepycat.je.rep.MasterStateException;
import com.sleepycat.je.rep.MemberNotFoundException;
import com.sleepycat.je.rep.NodeState;
import com.sleepycat.je.rep.ReplicatedEnvironment;
import com.sleepycat.je.rep.ReplicationGroup;
import com.sleepycat.je.rep.ReplicationNode;
import com.sleepycat.je.rep.StateChangeEvent;
import com.sleepycat.je.rep.UnknownMasterException;
import com.sleepycat.je.rep.util.ReplicationGroupAdmin;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaMember;
import org.ringfs.api.MetaRedirect;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.store.MetaStore;
import org.ringfs.meta.store.StoreEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This meta's view of its group: its name and call address, the role JE last reported and who the
 * master is, the members and their state ({@code metaMembers}), the removal of a member, and the
 * store digest. Members learn each other's call addresses from JE's app state: each answers
 * {@code "CALL_ADDRESS\nTERM"}. A single meta is a group of one: itself, master of term 0.
 */
public final class MetaGroup implements StoreEnvironment.Member {
    private static final Logger log = LoggerFactory.getLogger(MetaGroup.class);
    private static final int STATE_TIMEOUT_MS = 1000;
    private static final long ADDRESS_KEPT_NANOS = 2_000_000_000L;

    private final String nodeName;
    private final String replicationAddress;
    private volatile String callAddress = "";
    private volatile MetaStore store;
    private volatile String masterName;
    private volatile Runnable onRoleChange = () -> { };
    private final Map<String, KnownAddress> addresses = new ConcurrentHashMap<>();

    private record KnownAddress(String address, long atNanos) {}

    /** What a member's app state says: its call address and the term it last knew. */
    private record AppState(String callAddress, long term) {
        static AppState parse(byte[] bytes) {
            if (bytes == null || bytes.length == 0) return new AppState("", -1);
            String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
            long term = -1;
            if (parts.length > 1) {
                try {
                    term = Long.parseLong(parts[1]);
                } catch (NumberFormatException e) {
                    // an unknown term
                }
            }
            return new AppState(parts[0], term);
        }
    }

    /** @param replicationAddress this member's JE HOST:PORT; empty for a single meta */
    MetaGroup(String nodeName, String replicationAddress) {
        this.nodeName = nodeName;
        this.replicationAddress = replicationAddress;
    }

    void attach(MetaStore store) { this.store = store; }

    void callAddress(String address) { this.callAddress = address; }

    void onRoleChange(Runnable r) { this.onRoleChange = r; }

    String nodeName() { return nodeName; }

    @Override
    public void stateChange(StateChangeEvent event) {
        // JE's thread: record and hand on, never block here.
        ReplicatedEnvironment.State state = event.getState();
        masterName = state.isMaster() || state.isReplica() ? event.getMasterNodeName() : null;
        log.info("meta member {} is now {}{}", nodeName, state, masterName == null ? "" : " (master " + masterName + ")");
        onRoleChange.run();
    }

    @Override
    public byte[] getAppState() {
        long term = -1;
        MetaStore s = store;
        if (s != null) {
            try {
                term = s.term();
            } catch (RingFsException | RuntimeException e) {
                // unknown
            }
        }
        return (callAddress + "\n" + term).getBytes(StandardCharsets.UTF_8);
    }

    /** The fault a member that does not serve answers, naming the master's call address when it is known. */
    RingFsException notMaster() {
        return MetaRedirect.notMaster(nodeName, masterCallAddress());
    }

    /** The master's call address, or null while no master is known (or it has not said). */
    String masterCallAddress() {
        String master = masterName;
        MetaStore s = store;
        if (master == null || s == null || master.equals(nodeName)) return null;
        KnownAddress known = addresses.get(master);
        if (known != null && System.nanoTime() - known.atNanos() < ADDRESS_KEPT_NANOS) return known.address();
        ReplicatedEnvironment rep = s.replicated();
        if (rep == null) return null;
        try {
            ReplicationGroup group = rep.getGroup();
            ReplicationNode node = group.getMember(master);
            if (node == null) return null;
            NodeState state = admin(group).getNodeState(node, STATE_TIMEOUT_MS);
            String address = AppState.parse(state.getAppState()).callAddress();
            if (address.isEmpty()) return null;
            addresses.put(master, new KnownAddress(address, System.nanoTime()));
            return address;
        } catch (Exception e) {
            log.debug("cannot ask master {} for its call address: {}", master, e.toString());
            return known == null ? null : known.address();
        }
    }

    /** Every member as this member sees it; see {@link MetaMember}. */
    List<MetaMember> members(long servingTerm) throws RingFsException {
        MetaStore s = store;
        ReplicatedEnvironment rep = s == null ? null : s.replicated();
        if (rep == null) return List.of(new MetaMember(nodeName, callAddress, replicationAddress, MetaMember.Role.MASTER, 0, 0));
        ReplicationGroup group;
        try {
            group = rep.getGroup();
        } catch (DatabaseException e) {
            throw new RingFsException(ErrorCode.UNAVAILABLE, "this meta member cannot read its group: " + e.getMessage(), e);
        }
        List<ReplicationNode> nodes = new ArrayList<>(group.getElectableNodes());
        nodes.sort(Comparator.comparing(ReplicationNode::getName));
        ReplicationGroupAdmin admin = admin(group);
        Map<String, NodeState> states = new HashMap<>();
        long masterVlsn = -1;
        for (ReplicationNode node : nodes) {
            try {
                NodeState st = admin.getNodeState(node, STATE_TIMEOUT_MS);
                states.put(node.getName(), st);
                if (st.getNodeState().isMaster()) masterVlsn = st.getCurrentTxnEndVLSN();
            } catch (Exception e) {
                log.debug("meta member {} does not answer: {}", node.getName(), e.toString());
            }
        }
        List<MetaMember> out = new ArrayList<>();
        for (ReplicationNode node : nodes) {
            NodeState st = states.get(node.getName());
            String replication = node.getHostName() + ":" + node.getPort();
            if (st == null) {
                KnownAddress known = addresses.get(node.getName());
                out.add(new MetaMember(node.getName(), known == null ? "" : known.address(), replication,
                        MetaMember.Role.UNKNOWN, -1, -1));
                continue;
            }
            AppState app = AppState.parse(st.getAppState());
            if (!app.callAddress().isEmpty()) addresses.put(node.getName(), new KnownAddress(app.callAddress(), System.nanoTime()));
            MetaMember.Role role = st.getNodeState().isMaster() ? MetaMember.Role.MASTER
                    : st.getNodeState().isReplica() ? MetaMember.Role.REPLICA : MetaMember.Role.UNKNOWN;
            long lag = masterVlsn < 0 ? -1 : Math.max(0, masterVlsn - st.getCurrentTxnEndVLSN());
            long term = node.getName().equals(nodeName) && servingTerm > 0 ? servingTerm : app.term();
            out.add(new MetaMember(node.getName(), app.callAddress(), replication, role, lag, term));
        }
        return out;
    }

    /** Takes {@code name} out of the group; the caller is the master. */
    void remove(String name) throws RingFsException {
        MetaStore s = store;
        ReplicatedEnvironment rep = s == null ? null : s.replicated();
        if (rep == null) throw new RingFsException(ErrorCode.INVALID, "a single meta has no group");
        if (name == null || name.isEmpty()) throw new RingFsException(ErrorCode.INVALID, "which meta member?");
        if (name.equals(nodeName)) {
            throw new RingFsException(ErrorCode.INVALID, "meta member " + name + " is the master: it cannot remove itself");
        }
        try {
            ReplicationGroup group = rep.getGroup();
            // getMember answers null for a name never in the group, MemberNotFoundException for one removed.
            if (group.getMember(name) == null) throw new RingFsException(ErrorCode.NOT_FOUND, "no meta member " + name);
            admin(group).removeMember(name);
            addresses.remove(name);
            log.info("meta member {} removed from the group", name);
        } catch (MemberNotFoundException e) {
            throw new RingFsException(ErrorCode.NOT_FOUND, "no meta member " + name, e);
        } catch (MasterStateException e) {
            throw new RingFsException(ErrorCode.INVALID, "meta member " + name + " is the master", e);
        } catch (UnknownMasterException e) {
            throw new RingFsException(ErrorCode.NOT_MASTER, "no master to remove " + name, e);
        } catch (DatabaseException e) {
            throw new RingFsException(ErrorCode.UNAVAILABLE, "removing meta member " + name + " failed: " + e.getMessage(), e);
        }
    }

    String digest() throws RingFsException {
        MetaStore s = store;
        if (s == null) throw new RingFsException(ErrorCode.UNAVAILABLE, "this meta member has not opened its store yet");
        return s.digest();
    }

    private static ReplicationGroupAdmin admin(ReplicationGroup group) {
        Set<InetSocketAddress> sockets = new HashSet<>();
        for (ReplicationNode n : group.getElectableNodes()) sockets.add(n.getSocketAddress());
        return new ReplicationGroupAdmin(group.getName(), sockets);
    }
}
