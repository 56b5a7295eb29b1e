package org.ringfs.data.rebuild;

import org.ringfs.api.BlockService;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerInfo;
import org.ringfs.security.RequestSigner;
import org.ringfs.transport.BlockClient;
import org.ringfs.transport.BlockConnections;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Peers} from the latest cluster map, over HTTP; one {@link BlockClient} per address. */
public final class ClusterPeers implements Peers {
    private final BlockConnections connections;
    private final Duration timeout;
    private final RequestSigner signer;
    private final boolean tls;
    private final Map<String, BlockClient> clients = new ConcurrentHashMap<>();
    private volatile ClusterMap map = new ClusterMap(0, 0, java.util.List.of(), 0, "", false, "");

    public ClusterPeers(Duration timeout) {
        this(timeout, null);
    }

    /** @param signer signs requests to peers with the cluster secret; null for an open cluster */
    public ClusterPeers(Duration timeout, RequestSigner signer) {
        this(timeout, signer, null);
    }

    /** @param tls call peers over https, trusting what this context trusts; null for plain http */
    public ClusterPeers(Duration timeout, RequestSigner signer, SSLContext tls) {
        this.connections = BlockClient.connections(timeout, tls);
        this.timeout = timeout;
        this.signer = signer;
        this.tls = tls != null;
    }

    public void update(ClusterMap latest) {
        map = latest;
    }

    @Override
    public BlockService peer(String name) throws RingFsException {
        ServerInfo s = map.server(name);
        if (s == null) throw new RingFsException(ErrorCode.UNAVAILABLE, "data server " + name + " is not in the cluster map");
        if (!s.alive()) throw new RingFsException(ErrorCode.UNAVAILABLE, "data server " + name + " is dead");
        return clients.computeIfAbsent(s.address(), a -> new BlockClient(connections, a, timeout, signer, tls));
    }
}
