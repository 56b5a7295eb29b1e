package org.ringfs.server;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.metrics.MetricsEndpoint;
import org.ringfs.metrics.RequestMetricsHandler;
import org.ringfs.metrics.ServerMetrics;
import org.ringfs.security.ClusterSecret;
import org.ringfs.security.MetricsToken;
import org.ringfs.security.SignatureVerifier;
import org.ringfs.security.TlsStores;

import java.time.Duration;
import java.util.Objects;

/**
 * One running Jetty server as every RingFS server runs it: one connector (https when given a
 * keystore), then, in front of the server's own handler, the request metrics (every request
 * counted), the metrics endpoint ({@code GET /metrics}, behind the bearer token of the cluster
 * secret when there is one), the body size limit, (with a cluster secret) the signature check and
 * {@link UnreadBodyHandler} (a reply sent before its request's body arrived says the connection
 * closes), and {@link PlainErrorHandler} for what Jetty refuses itself. A server brings its handler and its
 * own keys through the {@link Builder}; the rest is the same for all. Closing stops Jetty.
 */
public final class ServerShell implements AutoCloseable {
    private final Server jetty;
    private final ServerConnector connector;
    private final ServerMetrics metrics;

    private ServerShell(Server jetty, ServerConnector connector, ServerMetrics metrics) {
        this.jetty = jetty;
        this.connector = connector;
        this.metrics = metrics;
    }

    /** @param name names the server's threads */
    public static Builder builder(String name) { return new Builder(name); }

    /** The port listened on (the real one when the builder asked for port 0). */
    public int port() { return connector.getLocalPort(); }

    public String host() { return connector.getHost(); }

    /** The registry {@code GET /metrics} serves. */
    public ServerMetrics metrics() { return metrics; }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    /** A server's own keys; the defaults suit a small server. */
    public static final class Builder {
        private final String name;
        private String host = "127.0.0.1";
        private int port;
        private TlsStores.StoreFile keystore;
        private ClusterSecret secret;
        private int maxBodyBytes = 1 << 20;
        private int maxHeaderBytes = 8 * 1024;
        private int maxThreads = 200;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration stopTimeout;
        private Handler handler;
        private String wire = "http";
        private ServerMetrics metrics;
        private ClusterSecret metricsSecret;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name);
        }

        /** Address to bind; default 127.0.0.1. */
        public Builder host(String host) { this.host = Objects.requireNonNull(host); return this; }

        /** Default 0: an ephemeral port, see {@link ServerShell#port()}. */
        public Builder port(int port) { this.port = port; return this; }

        /** Serve https with the key in this keystore; default none (plain http). */
        public Builder tls(TlsStores.StoreFile keystore) { this.keystore = keystore; return this; }

        /** Serve only requests signed with this secret; default none (the server is open). */
        public Builder secret(ClusterSecret secret) { this.secret = secret; return this; }

        /** Larger request bodies get 413 TOO_LARGE; default 1 MiB. */
        public Builder maxBodyBytes(int bytes) { this.maxBodyBytes = bytes; return this; }

        /** No limit on request bodies (the WebDAV front streams uploads of any size); not with a secret. */
        public Builder unlimitedBodies() { this.maxBodyBytes = -1; return this; }

        /** The wire requests are counted under: {@code xmlrpc}, {@code block}, {@code webdav}; default {@code http}. */
        public Builder wire(String wire) { this.wire = Objects.requireNonNull(wire); return this; }

        /** The registry to count into and serve; default a fresh one, see {@link ServerShell#metrics()}. */
        public Builder metrics(ServerMetrics metrics) { this.metrics = metrics; return this; }

        /**
         * The cluster secret whose {@link MetricsToken} a scrape must carry, for a server that does not
         * check signatures itself (a front); default the {@link #secret} given, else none (open metrics).
         */
        public Builder metricsSecret(ClusterSecret secret) { this.metricsSecret = secret; return this; }

        /** Request and response header limit (a larger request head gets 431); default 8 KiB. */
        public Builder maxHeaderBytes(int bytes) { this.maxHeaderBytes = bytes; return this; }

        /** Jetty threads; default 200. */
        public Builder maxThreads(int n) { this.maxThreads = n; return this; }

        /** A connection silent this long is closed (a stalled client frees its thread); default 30 s. */
        public Builder idleTimeout(Duration d) { this.idleTimeout = d; return this; }

        /** How long a stop waits for requests in flight; default Jetty's. */
        public Builder stopTimeout(Duration d) { this.stopTimeout = d; return this; }

        /** Required: the server's own handler (its servlet context or router). */
        public Builder handler(Handler handler) { this.handler = handler; return this; }

        /** Starts listening; UNAVAILABLE when Jetty cannot start (the port is taken, the keystore unreadable). */
        public ServerShell start() throws RingFsException {
            Objects.requireNonNull(handler, "handler");
            QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(4, maxThreads));
            threads.setName(name);
            Server jetty = new Server(threads);
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            // Only POST bodies may be forms: a PUT of bytes with a form content type stays bytes.
            http.setFormEncodedMethods("POST");
            http.setRequestHeaderSize(maxHeaderBytes);
            http.setResponseHeaderSize(maxHeaderBytes);
            ServerConnector connector = ServerConnectors.open(jetty, http, host, port, keystore);
            connector.setIdleTimeout(idleTimeout.toMillis());
            jetty.addConnector(connector);
            if (secret != null && maxBodyBytes < 0) throw new IllegalStateException("signed requests need a body limit");
            ServerMetrics counted = metrics != null ? metrics : ServerMetrics.create();
            Handler replying = new UnreadBodyHandler(handler);
            Handler checked = secret == null ? replying
                    : new SignedRequestHandler(new SignatureVerifier(secret), maxBodyBytes, counted, replying);
            Handler limited = maxBodyBytes < 0 ? checked : new BodySizeLimitHandler(maxBodyBytes, checked);
            ClusterSecret tokenSecret = metricsSecret != null ? metricsSecret : secret;
            MetricsToken token = tokenSecret == null ? null : MetricsToken.of(tokenSecret);
            jetty.setHandler(new RequestMetricsHandler(counted, wire, new MetricsEndpoint(counted, token, limited)));
            jetty.setErrorHandler(new PlainErrorHandler());
            if (stopTimeout != null) jetty.setStopTimeout(stopTimeout.toMillis());
            try {
                jetty.start();
            } catch (Exception e) {
                stopAfterFailedStart(jetty, e);
                throw new RingFsException(ErrorCode.UNAVAILABLE, "cannot serve on " + host + ":" + port + ": " + e, e);
            }
            return new ServerShell(jetty, connector, counted);
        }

        private static void stopAfterFailedStart(Server jetty, Exception cause) {
            try {
                jetty.stop();
            } catch (Exception e) {
                cause.addSuppressed(e);
            }
        }
    }
}
