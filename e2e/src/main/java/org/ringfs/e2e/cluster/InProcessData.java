package org.ringfs.e2e.cluster;

import org.ringfs.security.ClusterSecret;
import org.ringfs.api.RingFsException;
import org.ringfs.data.server.DataServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A data server as objects in this JVM. A crash is a close: a JVM cannot lose its own threads the
 * way SIGKILL does, and every write is synced before it is acknowledged, so what a crash would
 * lose a close loses too; use process mode to test real kills.
 */
final class InProcessData implements ClusterServer {
    private final String name;
    private final int port;
    private final Path dir;
    private final String metaAddress;
    private final boolean allowFaultInjection;
    private final Long graceMillis;
    private final Long reconcileIntervalMillis;
    private final ClusterSecret secret;
    private volatile DataServer server;

    InProcessData(String name, int port, Path dir, String metaAddress, MiniRingFsCluster.Builder options,
                  ClusterSecret secret) {
        this.secret = secret;
        this.name = name;
        this.port = port;
        this.dir = dir;
        this.metaAddress = metaAddress;
        this.allowFaultInjection = options.allowFaultInjection;
        this.graceMillis = options.graceMillis;
        this.reconcileIntervalMillis = options.reconcileIntervalMillis;
    }

    @Override
    public String name() { return name; }

    @Override
    public int port() { return port; }

    @Override
    public void start() throws IOException {
        if (isRunning()) throw new IllegalStateException(name + " is already running");
        DataServer.Builder b = DataServer.builder().name(name).dir(dir).host(MiniRingFsCluster.HOST).port(port)
                .meta(metaAddress).allowFaultInjection(allowFaultInjection).secret(secret);
        if (graceMillis != null) b.gracePeriod(Duration.ofMillis(graceMillis));
        if (reconcileIntervalMillis != null) b.reconcileInterval(Duration.ofMillis(reconcileIntervalMillis));
        server = b.start();
    }

    @Override
    public void crash() {
        stop();
    }

    @Override
    public void stop() {
        DataServer s = server;
        server = null;
        if (s == null) return;
        try {
            s.close();
        } catch (RingFsException e) {
            throw new UncheckedIOException("data server " + name + " did not stop cleanly", e);
        }
    }

    @Override
    public boolean isRunning() { return server != null; }
}
