package org.ringfs.transport;

import org.ringfs.api.BlockService;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerInfo;
import org.ringfs.security.RequestSigner;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The cluster map as one connection per data server: a server's block service by its name in a
 * map, one per address for the life of this object. Clients (`client/ClusterView`) and data servers
 * (their reconcile's peers) reach each other's copies through this one class.
 */
public final class ServerConnections {
    private final Function<String, BlockService> connect;
    private final Map<String, BlockService> byAddress = new ConcurrentHashMap<>();

    /** @param connect the block service at a data server's address (tests connect to in-process servers) */
    public ServerConnections(Function<String, BlockService> connect) {
        this.connect = connect;
    }

    /** Binary HTTP through {@code connections}; requests signed by {@code signer} (null: unsigned); https when {@code tls}. */
    public static ServerConnections overHttp(BlockConnections connections, Duration callTimeout, RequestSigner signer,
                                             boolean tls) {
        return new ServerConnections(address -> new BlockClient(connections, address, callTimeout, signer, tls));
    }

    /** {@code server}'s block service; UNAVAILABLE when {@code map} does not list it with an address. */
    public BlockService of(ClusterMap map, String server) throws RingFsException {
        ServerInfo info = map.server(server);
        if (info == null || info.address() == null || info.address().isBlank()) {
            throw new RingFsException(ErrorCode.UNAVAILABLE, "data server " + server + " has no address in the cluster map");
        }
        return byAddress.computeIfAbsent(info.address(), connect);
    }
}
