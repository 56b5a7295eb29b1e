package org.ringfs.e2e.cluster;

import org.ringfs.security.ClusterSecret;
import org.ringfs.meta.server.MetaServer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The meta server as objects in this JVM. A crash is a close: meta syncs every change before it answers. */
final class InProcessMeta implements ClusterServer {
    private final int port;
    private final Path dir;
    private final int blockSize;
    private final List<String> ring;
    private final ClusterSecret secret;
    private final Duration sessionTimeout; // null: meta's default
    private volatile MetaServer server;

    InProcessMeta(int port, Path dir, int blockSize, List<String> ring, ClusterSecret secret, Duration sessionTimeout) {
        this.secret = secret;
        this.sessionTimeout = sessionTimeout;
        this.port = port;
        this.dir = dir;
        this.blockSize = blockSize;
        this.ring = List.copyOf(ring);
    }

    @Override
    public String name() { return "meta"; }

    @Override
    public int port() { return port; }

    @Override
    public void start() throws IOException {
        if (isRunning()) throw new IllegalStateException("meta is already running");
        MetaServer.Builder b = MetaServer.builder().host(MiniRingFsCluster.HOST).port(port).dir(dir).blockSize(blockSize)
                .initialRing(ring).secret(secret);
        if (sessionTimeout != null) b.sessionTimeout(sessionTimeout);
        server = b.start();
    }

    @Override
    public void crash() {
        stop();
    }

    @Override
    public void stop() {
        MetaServer s = server;
        server = null;
        if (s != null) s.close();
    }

    @Override
    public boolean isRunning() { return server != null; }
}
