package org.ringfs.data.rebuild;

import org.ringfs.api.BlockService;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerInfo;
import org.ringfs.security.RequestSigner;
import org.ringfs.transport.BlockClient;
import org.ringfs.transport.ServerConnections;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.List;

/**
 * {@link Peers} from the latest cluster map the heartbeat brought, over HTTP
 * ({@link ServerConnections}, as clients reach servers); a peer the map says is dead is not asked.
 */
public final class ClusterPeers implements Peers {
    private final ServerConnections servers;
    private volatile ClusterMap map = new ClusterMap(0, 0, List.of(), 0, "", false, "", List.of());

    /**
     * @param signer signs requests to peers with the cluster secret; null for an open cluster
     * @param tls    call peers over https, trusting what this context trusts; null for plain http
     */
    public ClusterPeers(Duration timeout, RequestSigner signer, SSLContext tls) {
        this.servers = ServerConnections.overHttp(BlockClient.connections(timeout, tls), timeout, signer, tls != null);
    }

    public void update(ClusterMap latest) {
        map = latest;
    }

    @Override
    public BlockService peer(String name) throws RingFsException {
        ClusterMap m = map;
        ServerInfo s = m.server(name);
        if (s != null && !s.alive()) throw new RingFsException(ErrorCode.UNAVAILABLE, "data server " + name + " is dead");
        return servers.of(m, name);
    }
}
