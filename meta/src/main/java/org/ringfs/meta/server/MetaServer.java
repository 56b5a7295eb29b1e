package org.ringfs.meta.server;

import com.sleepycat.je.rep.ReplicatedEnvironment;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaCall;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.rpc.MetaBinaryServlet;
import org.ringfs.meta.rpc.MetaDispatcher;
import org.ringfs.meta.rpc.MetaRpcServlet;
import org.ringfs.meta.rpc.RetriedCalls;
import org.ringfs.meta.store.CallReplies;
import org.ringfs.meta.store.MetaStore;
import org.ringfs.meta.store.Replication;
import org.ringfs.meta.store.StoreOptions;
import org.ringfs.security.ClusterSecret;
import org.ringfs.security.TlsStores;
import org.ringfs.server.ServerShell;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running metadata server: the JE store, the service over it, and the server shell
 * ({@link ServerShell}) serving its calls as XML-RPC at {@link MetaMethods#PATH} and in binary at
 * {@link MetaMethods#BINARY_PATH}. Bodies over
 * {@link MetaMethods#MAX_REQUEST_BYTES} get 413. Closing stops Jetty first (no request is left
 * half-served), then closes the store.
 */
public final class MetaServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetaServer.class);

    private final MetaStore store;
    private final MasterGate gate;
    private final ServerShell shell;
    private final ScheduledExecutorService reaper;
    /** Follows a group member's role; null for a single meta. */
    private final ScheduledExecutorService roles;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** How long a writer session may go unrenewed by default: long enough for a client's restart or a network hiccup. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofMinutes(10);

    private MetaServer(MetaStore store, MasterGate gate, ServerShell shell, ScheduledExecutorService reaper,
                       ScheduledExecutorService roles) {
        this.store = store;
        this.gate = gate;
        this.shell = shell;
        this.reaper = reaper;
        this.roles = roles;
    }

    /** How long meta keeps a mutating call's reply for a retry. */
    static final Duration REPLY_KEPT = Duration.ofMinutes(10);

    /** The first replies of named calls, kept in the store with their mutations. */
    private static RetriedCalls.ReplyStore replies(MetaStore store, MasterGate gate) {
        return new RetriedCalls.ReplyStore() {
            @Override
            public Object firstReply(String id) throws RingFsException {
                gate.admit(); // a member that does not serve answers NOT_MASTER, kept reply or not
                Object r = store.replyOf(id);
                if (r != null) store.awaitMajority(); // the first attempt's commit may be on this member alone
                return r == CallReplies.VOID ? Boolean.TRUE : r; // a call that returned nothing answers true
            }

            @Override public void running(String id, MetaCall call) { CallReplies.begin(id, call); }

            @Override public void done() { CallReplies.end(); }
        };
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Ends idle writer sessions, forgets old replies and carried-out freed records, once a second;
     * only on a serving master.
     */
    private static ScheduledExecutorService sessionReaper(MasterGate gate, MetaStore store) {
        ScheduledExecutorService reaper = daemon("meta-session-reaper");
        reaper.scheduleWithFixedDelay(() -> {
            MasterGate.Serving serving = gate.serving();
            if (serving == null) return;
            LocalMetaService service = serving.service();
            try {
                service.sessions().expireIdle();
                store.purgeRepliesOlderThan(REPLY_KEPT);
                service.purgeAppliedFreedRecords();
                warningsOver("session reaper " + System.identityHashCode(gate));
            } catch (RingFsException | RuntimeException e) {
                warnOnce("session reaper " + System.identityHashCode(gate), e, "ending idle writer sessions failed");
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

    /** The store, for tests in this package. */
    MetaStore store() { return store; }

    /** The service in process, for tests and tools that share the JVM (behind the master gate). */
    public MetaService service() { return gate.service(); }

    /** Whether this meta serves calls now: a single meta always, a group member while it is the master that took over. */
    public boolean serving() { return gate.serving() != null; }

    /** The term this meta serves under (0 for a single meta), or -1 when it does not serve. */
    public long term() {
        MasterGate.Serving s = gate.serving();
        return s == null ? -1 : s.term();
    }

    /**
     * Keeps a group member's serving in line with its role, on one thread: a member JE made master
     * takes over (raises the term in a replicated transaction, then builds its state afresh); a
     * member that is not master stops serving; an environment JE invalidated is reopened.
     */
    private static void followRole(MetaStore store, MasterGate gate, MetaGroup group, Takeover takeover) {
        try {
            if (!store.isValid() && gate.stop()) log.warn("meta member {} stopped serving: its store is invalid and is reopened", group.nodeName());
            store.reopenIfInvalid();
            ReplicatedEnvironment rep = store.replicated();
            if (rep == null) return;
            boolean master = rep.getState().isMaster();
            if (master && gate.serving() == null) {
                long term = store.write(txn -> txn.cluster().raiseTerm());
                if (!rep.getState().isMaster()) return; // lost it meanwhile; the next pass sees to it
                gate.serve(new MasterGate.Serving(takeover.service(term), term));
                log.info("meta member {} is the master of term {} and serves", group.nodeName(), term);
            } else if (!master && gate.stop()) {
                log.info("meta member {} is no longer the master ({}); it answers NOT_MASTER", group.nodeName(), rep.getState());
            }
            warningsOver("meta member " + group.nodeName() + " following its role");
        } catch (RingFsException | RuntimeException e) {
            warnOnce("meta member " + group.nodeName() + " following its role", e, "meta member " + group.nodeName()
                    + ": following its role failed");
        }
    }

    /**
     * Warnings said once until their reason changes: a member without its majority would otherwise
     * say the same every second. Keyed by source (member and task), the reason is the error code.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> lastWarning =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static void warnOnce(String source, Exception e, String message) {
        String reason = e instanceof RingFsException f ? f.code().name() : e.getClass().getName();
        if (reason.equals(lastWarning.put(source, reason))) return;
        log.warn("{} (tried again and again; said again when the reason changes): {}", message, e.toString());
    }

    private static void warningsOver(String source) {
        if (lastWarning.remove(source) != null) log.info("{}: works again", source);
    }

    /** Builds a master's service for a term. */
    @FunctionalInterface
    private interface Takeover {
        LocalMetaService service(long term) throws RingFsException;
    }

    /** Idempotent: a shutdown hook and a test may both close. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        gate.stop();
        if (roles != null) stop(roles, "the role follower");
        stop(reaper, "the session reaper");
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
    private static void stop(ScheduledExecutorService thread, String what) {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("{} did not finish its pass within 10 s; closing the store under it", what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while waiting for {}; closing the store under it", what);
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
        private String nodeName = "meta-1";
        private String replication;
        private List<String> helpers = List.of();
        private String clusterId;
        private final Map<String, String> jeParameters = new HashMap<>();

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

        /** This meta's name in its group; default meta-1. */
        public Builder nodeName(String name) { this.nodeName = Objects.requireNonNull(name); return this; }

        /** Makes this meta a member of a group, replicating on this JE HOST:PORT; default none (a single meta). */
        public Builder replication(String hostPort) { this.replication = hostPort; return this; }

        /** The replication addresses of members to join through; a founder names itself or nobody. */
        public Builder helpers(List<String> helpers) { this.helpers = List.copyOf(helpers); return this; }

        /**
         * The cluster id: a fresh store is formatted with it, and a store of another cluster is refused.
         * Required for a group member (its group is "ringfs-" + id); default a random id for a single meta.
         */
        public Builder clusterId(String id) { this.clusterId = id; return this; }

        /** A JE parameter (tests: small log files, so a member's oldest log can be cleaned away). */
        Builder jeParameter(String name, String value) { jeParameters.put(name, value); return this; }

        public MetaServer start() throws RingFsException {
            if (dir == null) throw new IllegalStateException("a meta server needs a store directory");
            StoreOptions options = StoreOptions.defaults(dir).withBlockSize(blockSize).withInitialRing(initialRing)
                    .withClusterId(clusterId).withJeParameters(jeParameters);
            if (replication != null) {
                if (clusterId == null) throw new IllegalStateException("a meta group member needs the cluster id");
                options = options.withReplication(new Replication(Replication.groupOf(clusterId), nodeName, replication, helpers));
            }
            MetaGroup group = new MetaGroup(nodeName, replication == null ? "" : replication);
            MetaStore store = MetaStore.open(options, clock, group);
            group.attach(store);
            ScheduledExecutorService roles = null;
            try {
                MasterGate gate = new MasterGate(group);
                Takeover takeover = term -> new LocalMetaService(store, clock, deadAfter, sessionTimeout, acceptOlderStore,
                        term, group);
                if (replication == null) gate.serve(new MasterGate.Serving(takeover.service(0), 0));
                ServletContextHandler context = new ServletContextHandler("/");
                MetaDispatcher calls = new MetaDispatcher(gate.service(), new RetriedCalls(replies(store, gate)));
                context.addServlet(new ServletHolder("xmlrpc", new MetaRpcServlet(calls, store.clusterId())), MetaMethods.PATH);
                context.addServlet(new ServletHolder("binary", new MetaBinaryServlet(calls, store.clusterId())),
                        MetaMethods.BINARY_PATH);
                ServerShell shell = ServerShell.builder("meta").host(host).port(port).tls(tls).secret(secret)
                        .maxBodyBytes(MetaMethods.MAX_REQUEST_BYTES).handler(context)
                        .wire("xmlrpc").metrics(MetaMetrics.create(store, gate)).start();
                group.callAddress(shell.host() + ":" + shell.port());
                if (replication != null) {
                    ScheduledExecutorService follower = daemon("meta-role");
                    roles = follower;
                    Runnable follow = () -> followRole(store, gate, group, takeover);
                    group.onRoleChange(() -> {
                        try {
                            follower.execute(follow);
                        } catch (RejectedExecutionException e) {
                            // closing
                        }
                    });
                    follower.scheduleWithFixedDelay(follow, 0, 500, TimeUnit.MILLISECONDS);
                }
                MetaServer server = new MetaServer(store, gate, shell, sessionReaper(gate, store), roles);
                log.info("meta serving {} on {} (cluster {}, block size {}, {}{})", dir, server.address(), store.clusterId(),
                        store.blockSize(), secret == null ? "OPEN: no cluster secret" : "calls signed with the cluster secret",
                        replication == null ? "" : ", member " + nodeName + " of group " + Replication.groupOf(clusterId)
                                + " replicating on " + replication);
                return server;
            } catch (RingFsException | RuntimeException e) {
                if (roles != null) roles.shutdownNow();
                store.close();
                throw e;
            }
        }
    }
}
