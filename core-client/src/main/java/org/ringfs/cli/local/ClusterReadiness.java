package org.ringfs.cli.local;

import org.ringfs.api.ClusterMap;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerInfo;
import org.ringfs.security.RequestSigner;
import org.ringfs.transport.MetaClient;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.time.Duration;
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
