package org.ringfs.cli.local;

import org.ringfs.api.ClusterMap;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaMember;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerInfo;
import org.ringfs.security.RequestSigner;
import org.ringfs.transport.MetaClient;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Waits for launched servers to be of use: meta answering, and each data server alive in meta's
 * cluster map at the port it wrote. Gives up early, with the end of its log, on a server that died.
 */
public final class ClusterReadiness {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    /** A local cluster runs on loopback without TLS (README, "TLS"). */
    private static final SSLContext LOCAL_TLS = null;

    private final ServerLauncher launcher;
    private final RequestSigner signer;

    /** @param signer signs the readiness calls with the cluster secret; null for an open cluster */
    public ClusterReadiness(ServerLauncher launcher, RequestSigner signer) {
        this.launcher = launcher;
        this.signer = signer;
    }

    /** Meta's cluster map now. */
    public ClusterMap clusterMap(String metaAddress) throws RingFsException {
        return MetaClient.connect(metaAddress, CALL_TIMEOUT, signer, LOCAL_TLS).clusterMap();
    }

    /** Waits until meta at {@code metaAddress} answers a cluster map call. */
    public ClusterMap awaitMeta(String metaAddress, ProcessHandle meta, Duration timeout) throws IOException {
        MetaClient client = MetaClient.connect(metaAddress, CALL_TIMEOUT, signer, LOCAL_TLS);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return client.clusterMap();
            } catch (RingFsException e) {
                if (e.code() != ErrorCode.UNAVAILABLE) throw e;
                launcher.failIfDead(ClusterDirectory.META, meta);
                if (System.nanoTime() > deadline) {
                    throw new LocalClusterException("meta at " + metaAddress + " did not answer within "
                            + timeout.toSeconds() + " s: " + e.getMessage());
                }
            }
            ServerLauncher.sleep(POLL);
        }
    }

    /** The master of a meta group, found by asking each member, and its cluster map. */
    public record Master(LocalMetaMember member, ClusterMap map) {}

    /**
     * Waits until one member of {@code group} serves as master (answers a cluster map; a replica
     * answers NOT_MASTER), watching the members' processes in {@code processes} so a crash fails fast.
     */
    public Master awaitMaster(List<LocalMetaMember> group, Map<String, ProcessHandle> processes, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> last = new TreeMap<>();
        while (true) {
            for (LocalMetaMember m : group) {
                try {
                    MetaClient client = MetaClient.connect(m.callAddress(), CALL_TIMEOUT, signer, LOCAL_TLS);
                    ClusterMap map = client.clusterMap();
                    // A replica redirects the call to the master it names: the member that answered is master.
                    String answered = client.address();
                    for (LocalMetaMember master : group) {
                        if (master.callAddress().equals(answered)) return new Master(master, map);
                    }
                    last.put(m.name(), "redirected to " + answered + ", not a member of " + group);
                } catch (RingFsException e) {
                    if (e.code() != ErrorCode.UNAVAILABLE && e.code() != ErrorCode.NOT_MASTER) throw e;
                    last.put(m.name(), e.getMessage());
                }
            }
            for (LocalMetaMember m : group) {
                ProcessHandle p = processes.get(m.name());
                if (p != null) launcher.failIfDead(m.name(), p);
            }
            if (System.nanoTime() > deadline) {
                throw new LocalClusterException("no meta member became master within " + timeout.toSeconds() + " s: " + last);
            }
            ServerLauncher.sleep(POLL);
        }
    }

    /**
     * Waits until meta member {@code member} answers and counts itself master or replica of its
     * group (a member that lost its store first copies a member's log).
     */
    public MetaMember awaitMember(LocalMetaMember member, ProcessHandle process, Duration timeout) throws IOException {
        MetaClient client = MetaClient.connect(member.callAddress(), CALL_TIMEOUT, signer, LOCAL_TLS);
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (true) {
            try {
                for (MetaMember m : client.metaMembers()) {
                    if (m.name().equals(member.name()) && m.role() != MetaMember.Role.UNKNOWN) return m;
                }
                last = "not yet master or replica";
            } catch (RingFsException e) {
                if (e.code() != ErrorCode.UNAVAILABLE && e.code() != ErrorCode.NOT_MASTER) throw e;
                last = e.getMessage();
            }
            launcher.failIfDead(member.name(), process);
            if (System.nanoTime() > deadline) {
                throw new LocalClusterException(member.name() + " at " + member.callAddress() + " did not join its meta group"
                        + " within " + timeout.toSeconds() + " s (" + last + "); see " + launcher.logFile(member.name()));
            }
            ServerLauncher.sleep(POLL);
        }
    }

    /**
     * Waits until every data server in {@code ports} (name to the port it wrote) is alive in the
     * cluster map at that port; {@code processes} are watched so a crash fails fast.
     */
    public ClusterMap awaitDataServers(String metaAddress, Map<String, Integer> ports,
                                       Map<String, ProcessHandle> processes, Duration timeout) throws IOException {
        MetaClient client = MetaClient.connect(metaAddress, CALL_TIMEOUT, signer, LOCAL_TLS);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ClusterMap map = client.clusterMap();
            Map<String, Integer> waiting = new TreeMap<>(ports);
            waiting.entrySet().removeIf(e -> isAliveAt(map.server(e.getKey()), e.getValue()));
            if (waiting.isEmpty()) return map;
            for (String name : waiting.keySet()) {
                ProcessHandle p = processes.get(name);
                if (p != null) launcher.failIfDead(name, p);
            }
            if (System.nanoTime() > deadline) {
                throw new LocalClusterException("data servers " + waiting.keySet() + " did not heartbeat to meta at "
                        + metaAddress + " within " + timeout.toSeconds() + " s");
            }
            ServerLauncher.sleep(POLL);
        }
    }

    private static boolean isAliveAt(ServerInfo s, int port) {
        return s != null && s.alive() && s.address().endsWith(":" + port);
    }
}
