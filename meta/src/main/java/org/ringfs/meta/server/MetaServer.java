package org.ringfs.meta.server;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaCall;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.rpc.MetaRpcServlet;
import org.ringfs.meta.rpc.RetriedCalls;
import org.ringfs.meta.store.CallReplies;
import org.ringfs.meta.store.MetaStore;
import org.ringfs.meta.store.StoreOptions;
import org.ringfs.security.ClusterSecret;
import org.ringfs.security.TlsStores;
import org.ringfs.server.ServerShell;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running metadata server: the JE store, the service over it, and the server shell
 * ({@link ServerShell}) serving XML-RPC at {@link MetaMethods#PATH}. Bodies over
 * {@link MetaMethods#MAX_REQUEST_BYTES} get 413. Closing stops Jetty first (no request is left
 * half-served), then closes the store.
 */
public final class MetaServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetaServer.class);

    private final MetaStore store;
    private final LocalMetaService service;
    private final ServerShell shell;
    private final ScheduledExecutorService reaper;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** How long a writer session may go unrenewed by default: long enough for a client's restart or a network hiccup. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofMinutes(10);

    private MetaServer(MetaStore store, LocalMetaService service, ServerShell shell, ScheduledExecutorService reaper) {
        this.store = store;
        this.service = service;
        this.shell = shell;
        this.reaper = reaper;
    }

    /** How long meta keeps a mutating call's reply for a retry. */
    static final Duration REPLY_KEPT = Duration.ofMinutes(10);

    /** The first replies of named calls, kept in the store with their mutations. */
    private static RetriedCalls.ReplyStore replies(MetaStore store) {
        return new RetriedCalls.ReplyStore() {
            @Override
            public Object firstReply(String id) throws RingFsException {
                Object r = store.replyOf(id);
                return r == CallReplies.VOID ? Boolean.TRUE : r; // a call that returned nothing answers true
            }

            @Override public void running(String id, MetaCall call) { CallReplies.begin(id, call); }

            @Override public void done() { CallReplies.end(); }
        };
    }

    /** Ends idle writer sessions, forgets old replies and carried-out freed records, once a second. */
    private static ScheduledExecutorService sessionReaper(LocalMetaService service, MetaStore store) {
        ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "meta-session-reaper");
            t.setDaemon(true);
            return t;
        });
        reaper.scheduleWithFixedDelay(() -> {
            try {
                service.sessions().expireIdle();
                store.purgeRepliesOlderThan(REPLY_KEPT);
                service.purgeAppliedFreedRecords();
            } catch (RingFsException | RuntimeException e) {
                log.warn("ending idle writer sessions failed (next try in a second): {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
        return reaper;
    }

    public static Builder builder() { return new Builder(); }

    /** The port the server listens on (the real one when the builder asked for port 0). */
    public int port() { return shell.port(); }

    public String host() { return shell.host(); }

    /** host:port, as a MetaClient wants it. */
    public String address() { return host() + ":" + port(); }

    /** The service in process, for tests and tools that share the JVM. */
    public MetaService service() { return service; }

    /** Idempotent: a shutdown hook and a test may both close. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        stopReaper();
        try {
            shell.close();
        } catch (Exception e) {
            log.warn("Jetty did not stop cleanly: {}", e.toString());
        } finally {
            store.close();
        }
        log.info("meta stopped");
    }

    /**
     * Lets a running reaper pass finish instead of interrupting it: an interrupt inside a JE
     * write or fsync invalidates the whole environment (THREAD_INTERRUPTED), and the store would
     * not close cleanly.
     */
    private void stopReaper() {
        reaper.shutdown();
        try {
            if (!reaper.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("the session reaper did not finish its pass within 10 s; closing the store under it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while waiting for the session reaper; closing the store under it");
        }
    }

    /** Options of a meta server; the defaults suit a test on this machine. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private Path dir;
        private int blockSize = StoreOptions.DEFAULT_BLOCK_SIZE;
        private List<String> initialRing = List.of();
        private Duration deadAfter = Duration.ofSeconds(3);
        private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;
        private Clock clock = Clock.systemUTC();
        private ClusterSecret secret;
        private TlsStores.StoreFile tls;
        private boolean acceptOlderStore;

        /** Address to bind; default 127.0.0.1. */
        public Builder host(String host) { this.host = Objects.requireNonNull(host); return this; }

        /** Port to bind; default 0, an ephemeral port (see {@link MetaServer#port()}). */
        public Builder port(int port) { this.port = port; return this; }

        /** Store directory; required. */
        public Builder dir(Path dir) { this.dir = dir; return this; }

        /** Block size of a fresh store; default 1 MiB. A formatted store keeps its own. */
        public Builder blockSize(int blockSize) { this.blockSize = blockSize; return this; }

        /** Ring of a fresh store, in order; the servers are dead until they heartbeat. Default empty. */
        public Builder initialRing(List<String> ring) { this.initialRing = List.copyOf(ring); return this; }

        /** A server is dead when its last heartbeat is older than this; default 3 s. */
        public Builder deadAfter(Duration deadAfter) { this.deadAfter = deadAfter; return this; }

        /** A writer session not renewed this long ends and its uncommitted generations become garbage; default 10 min. */
        public Builder sessionTimeout(Duration sessionTimeout) { this.sessionTimeout = sessionTimeout; return this; }

        public Builder clock(Clock clock) { this.clock = clock; return this; }

        /** The cluster secret every call must be signed with; default none (the server runs open). */
        public Builder secret(ClusterSecret secret) { this.secret = secret; return this; }

        /** Serve https with the key in this keystore; default none (plain http). */
        public Builder tls(TlsStores.StoreFile keystore) { this.tls = keystore; return this; }

        /**
         * Clear the older-store alarm at this start: the operator accepts that this store is older
         * than what the data servers hold. Default false.
         */
        public Builder acceptOlderStore(boolean accept) { this.acceptOlderStore = accept; return this; }

        public MetaServer start() throws RingFsException {
            if (dir == null) throw new IllegalStateException("a meta server needs a store directory");
            StoreOptions options = StoreOptions.defaults(dir).withBlockSize(blockSize).withInitialRing(initialRing);
            MetaStore store = MetaStore.open(options, clock);
            try {
                LocalMetaService service = new LocalMetaService(store, clock, deadAfter, sessionTimeout, acceptOlderStore);
                ServletContextHandler context = new ServletContextHandler("/");
                context.addServlet(new ServletHolder("xmlrpc", new MetaRpcServlet(service, store.clusterId(),
                        new RetriedCalls(replies(store)))), MetaMethods.PATH);
                ServerShell shell = ServerShell.builder("meta").host(host).port(port).tls(tls).secret(secret)
                        .maxBodyBytes(MetaMethods.MAX_REQUEST_BYTES).handler(context).start();
                MetaServer server = new MetaServer(store, service, shell, sessionReaper(service, store));
                log.info("meta serving {} on {} (cluster {}, block size {}, {})", dir, server.address(), store.clusterId(),
                        store.blockSize(), secret == null ? "OPEN: no cluster secret" : "calls signed with the cluster secret");
                return server;
            } catch (RingFsException | RuntimeException e) {
                store.close();
                throw e;
            }
        }
    }
}
