package org.ringfs.transport;

import javax.net.ssl.SSLContext;
import java.time.Duration;

/**
 * How one process reaches data servers: the connect timeout and, for https, the trust. The
 * connections themselves are {@link HttpConnections}, kept alive in its per-process pool (never
 * through a proxy: data servers are reached directly).
 */
public final class BlockConnections {
    private final HttpConnections connections;

    /** @param tls what https connections trust; null: the JDK's default trust */
    BlockConnections(Duration connectTimeout, SSLContext tls) {
        this.connections = new HttpConnections(tls, connectTimeout);
    }

    HttpConnections http() { return connections; }
}
