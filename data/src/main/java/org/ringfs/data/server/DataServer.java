package org.ringfs.data.server;

import org.ringfs.api.BlockProtocol;
import org.ringfs.api.BlockService;
import org.ringfs.api.DataServerStatus;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.Heartbeat;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerVitals;
import org.ringfs.data.http.BlockHandlers;
import org.ringfs.data.rebuild.ClusterPeers;
import org.ringfs.data.rebuild.FreedSweep;
import org.ringfs.data.rebuild.ReconcileProgress;
import org.ringfs.data.rebuild.ReconcileReport;
import org.ringfs.data.rebuild.Reconciler;
import org.ringfs.data.scrub.ScrubReport;
import org.ringfs.data.scrub.Scrubber;
import org.ringfs.data.service.LocalBlockService;
import org.ringfs.data.store.BlockStore;
import org.ringfs.data.store.DeleteGate;
import org.ringfs.data.store.FreeSpace;
import org.ringfs.data.store.OpenedStore;
import org.ringfs.data.store.StoreCondition;
import org.ringfs.data.store.StoreOpener;
import org.ringfs.data.store.StoreSettings;
import org.ringfs.security.ClusterSecret;
import org.ringfs.security.RequestSigner;
import org.ringfs.security.TlsStores;
import org.ringfs.server.ServerShell;
import org.ringfs.transport.MetaClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A data server: its store in {@code DIR/store}, its name in {@code DIR/name}, the block service
 * ({@link LocalBlockService}) served over the block protocol in the server shell, and, when it
 * knows meta, its cluster id in {@code DIR/cluster-id} ({@link MetaAuthority}), heartbeats and
 * reconciliation; plus the scrubber. With meta, every delete (reconciler or DELETE
 * request) needs meta's authority. Start with {@link #builder()}; {@link #close()} stops everything
 * and closes the store.
 */
public final class DataServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DataServer.class);

    private final Builder options;
    private final BlockStore store;
    private final StoreCondition storeCondition;
    private final ReconcileProgress progress;
    private final Scrubber scrubber;
    private final MetaAuthority authority; // null without meta
    private final LocalBlockService service;
    private final ServerShell shell;
    private final int port; // still known after close
    private Reconciler reconciler;
    private PeriodicTask reconcileTask;
    private PeriodicTask heartbeatTask;
    private PeriodicTask scrubTask;
    private PeriodicTask sweepTask;
    /** How far this server has applied meta's freed records (DIR/freed-cursor). */
    static final String FREED_CURSOR = "freed-cursor";

    private DataServer(Builder options) throws RingFsException {
        this.options = options;
        boolean knownBefore = claimDirectory(options.dir, options.name);
        OpenedStore opened = StoreOpener.open(options.dir, options.storeSettings, System::currentTimeMillis,
                options.freeSpace);
        this.store = opened.store();
        this.storeCondition = opened.condition();
        // A server that held copies and lost them must be rebuilt; a brand-new one just reconciles.
        boolean needsRebuild = opened.condition() == StoreCondition.DAMAGED
                || (opened.condition() == StoreCondition.MISSING && knownBefore);
        this.progress = new ReconcileProgress(needsRebuild);
        this.scrubber = new Scrubber(store, options.scrubBytesPerSecond);
        MetaAuthority authority = null;
        try {
            if (options.metaAddress != null) authority = new MetaAuthority(options.dir, options.name, System::currentTimeMillis);
        } catch (RingFsException e) {
            closeQuietlyAfterFailedStart(e);
            throw e;
        }
        this.authority = authority;
        this.service = new LocalBlockService(store, this::status, options.name, options.allowFaultInjection,
                authority == null ? DeleteGate.OPEN : authority);
        try {
            this.shell = serve(service);
        } catch (RingFsException e) {
            closeQuietlyAfterFailedStart(e);
            throw e;
        }
        this.port = shell.port();
        log.info("data server {} listening on {} (store {}, {} copies)", options.name, address(), storeCondition, store.blockCount());
        if (options.metaAddress != null) {
            startClusterWork(MetaClient.connect(options.metaAddress, Duration.ofSeconds(30), signer(), options.trust));
        }
        if (options.scrubInterval.toMillis() > 0) {
            scrubTask = new PeriodicTask("scrub-" + options.name, options.scrubInterval, options.scrubInterval, scrubber::scrubOnce);
        }
    }

    public static Builder builder() { return new Builder(); }

    /** Writes DIR/name on first start; refuses a directory that belongs to another server. True when it was there. */
    private static boolean claimDirectory(Path dir, String name) throws RingFsException {
        Path nameFile = dir.resolve("name");
        String owner;
        try {
            Files.createDirectories(dir);
            if (!Files.exists(nameFile)) {
                Files.writeString(nameFile, name + "\n", StandardCharsets.UTF_8);
                return false;
            }
            owner = Files.readString(nameFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new RingFsException(ErrorCode.IO_ERROR, "cannot use directory " + dir + ": " + e, e);
        }
        if (!owner.equals(name)) {
            throw new RingFsException(ErrorCode.INVALID, dir + " belongs to data server '" + owner + "', not '" + name + "'");
        }
        return true;
    }

    /** The block protocol in the server shell, with this server's own keys. */
    private ServerShell serve(LocalBlockService service) throws RingFsException {
        return ServerShell.builder("data-" + options.name)
                .host(options.host).port(options.port).tls(options.keystore).secret(options.secret)
                .maxBodyBytes(BlockProtocol.MAX_BLOCK_SIZE)
                .maxHeaderBytes(64 * 1024) // CHUNK_CRCS of a large block with small chunks
                .maxThreads(options.maxThreads)
                .idleTimeout(options.idleTimeout) // a stalled client frees its thread
                // No graceful wait: a PUT cut off by shutdown stores nothing, and its writer retries elsewhere.
                .stopTimeout(Duration.ZERO)
                .handler(BlockHandlers.create(service))
                .wire("block")
                .metrics(DataMetrics.create(store, progress, scrubber, authority))
                .start();
    }

    private void startClusterWork(MetaService meta) {
        reconciler = new Reconciler(options.name, store, meta, new ClusterPeers(Duration.ofSeconds(30), signer(), options.trust), progress,
                options.fetchConcurrency, authority);
        FreedSweep sweep = new FreedSweep(options.name, store, meta, authority,
                options.dir.resolve(FREED_CURSOR));
        sweepTask = new PeriodicTask("freed-" + options.name, Duration.ZERO, options.sweepInterval, sweep::runOnce);
        // A meta of another cluster gets no reconcile: its map and blocks are not this server's.
        reconcileTask = new PeriodicTask("reconcile-" + options.name, Duration.ZERO, options.reconcileInterval, () -> {
            if (authority.refusal().isEmpty()) reconciler.runOnce();
        });
        HeartbeatSender sender = new HeartbeatSender(meta, authority, this::heartbeat, reconcileTask::runSoon,
                System::currentTimeMillis);
        heartbeatTask = new PeriodicTask("heartbeat-" + options.name, Duration.ZERO, options.heartbeatInterval, sender);
    }

    /** Signs this server's own calls to meta and peers; null in an open cluster. */
    private RequestSigner signer() {
        return options.secret == null ? null : new RequestSigner(options.secret);
    }

    private void closeQuietlyAfterFailedStart(Exception cause) {
        try {
            store.close();
        } catch (RingFsException e) {
            cause.addSuppressed(e);
        }
    }

    public String name() { return options.name; }

    public int port() { return port; }

    /** host:port as peers and meta reach this server: the advertised host, else the listen host. */
    public String address() { return options.advertisedHost() + ":" + port; }

    /** The block service in process, as the block protocol serves it: for tests and tools that share the JVM. */
    public BlockService service() { return service; }

    public Path directory() { return options.dir; }

    /** What the store looked like at start (a damaged store was moved aside). */
    public StoreCondition storeCondition() { return storeCondition; }

    public ReconcileProgress reconcileProgress() { return progress; }

    /** The server's figures; its free bytes are what it still accepts blocks into, its reserve not counted. */
    public DataServerStatus status() throws RingFsException {
        ServerVitals vitals = new ServerVitals(store.capacityBytes(), store.availableBytes(), store.blockCount(),
                store.byteCount(), progress.rebuilding(), progress.done(), progress.total(), scrubber.corruptFound());
        return new DataServerStatus(options.name, vitals, options.allowFaultInjection,
                authority == null ? "" : authority.refusal());
    }

    /** Whose word this server takes; null for a server without meta. */
    public MetaAuthority authority() { return authority; }

    private Heartbeat heartbeat() throws RingFsException {
        return new Heartbeat(options.name, address(), status().vitals(), authority.clusterId(), store.maxGeneration(),
                store.maxInode());
    }

    /** Runs one scrub pass now, on the caller's thread. */
    public ScrubReport scrubNow() throws RingFsException {
        return scrubber.scrubOnce();
    }

    /** Runs one reconciliation pass now, on the caller's thread; INVALID for a server without meta. */
    public ReconcileReport reconcileNow() throws RingFsException {
        if (reconciler == null) throw new RingFsException(ErrorCode.INVALID, "data server " + options.name + " runs without meta");
        return reconciler.runOnce();
    }

    @Override
    public void close() throws RingFsException {
        try {
            // Long passes are asked to end; no thread that may be inside JE is interrupted (that invalidates the store).
            scrubber.stop();
            if (reconciler != null) reconciler.stop();
            for (PeriodicTask t : new PeriodicTask[] {heartbeatTask, sweepTask, reconcileTask, scrubTask}) if (t != null) t.close();
            if (reconciler != null) reconciler.close();
            shell.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RingFsException(ErrorCode.INTERNAL, "interrupted while stopping data server " + options.name, e);
        } catch (Exception e) {
            throw new RingFsException(ErrorCode.INTERNAL, "cannot stop data server " + options.name + ": " + e, e);
        } finally {
            store.close();
            log.info("data server {} stopped", options.name);
        }
    }

    /** Options of a data server; the defaults suit production, tests shorten the periods. */
    public static final class Builder {
        private String name;
        private Path dir;
        private String host = "127.0.0.1";
        private String advertise;
        private int port;
        private String metaAddress;
        private boolean allowFaultInjection;
        private Duration heartbeatInterval = Duration.ofSeconds(1);
        private Duration reconcileInterval = Duration.ofMinutes(5);
        private Duration sweepInterval = Duration.ofSeconds(2);
        private Duration scrubInterval = Duration.ofMinutes(10);
        private long scrubBytesPerSecond = 64L << 20;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private int maxThreads = 64;
        private int fetchConcurrency = 4;
        private StoreSettings storeSettings = StoreSettings.DEFAULTS;
        private FreeSpace freeSpace;
        private ClusterSecret secret;
        private TlsStores.StoreFile keystore;
        private SSLContext trust;

        private Builder() {}

        /** Required: the server's name in the ring. */
        public Builder name(String name) { this.name = name; return this; }

        /** Required: holds DIR/store and DIR/name. */
        public Builder dir(Path dir) { this.dir = dir; return this; }

        /** Listen address; default 127.0.0.1. It is also the address the server advertises, unless {@link #advertise}. */
        public Builder host(String host) { this.host = host; return this; }

        /**
         * The host meta, clients and peers reach this server at, when it is not the listen host:
         * required when listening on every interface (0.0.0.0 or ::), which no one can connect to.
         */
        public Builder advertise(String host) { this.advertise = host; return this; }

        String advertisedHost() { return advertise != null ? advertise : host; }

        private static boolean isWildcard(String host) {
            return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        }

        /** Default 0: an ephemeral port, see {@link DataServer#port()}. */
        public Builder port(int port) { this.port = port; return this; }

        /**
         * host:port of meta, or its group's members as a comma-separated list (calls follow the master);
         * without it the server only serves blocks (no heartbeats, no reconciliation).
         */
        public Builder meta(String address) { this.metaAddress = address; return this; }

        /** Serve POST /fault/corrupt; default off. */
        public Builder allowFaultInjection(boolean allow) { this.allowFaultInjection = allow; return this; }

        /** Default 1 s. */
        public Builder heartbeatInterval(Duration d) { this.heartbeatInterval = d; return this; }

        /** Default 5 min; a pass also runs at start and when meta asks. */
        public Builder reconcileInterval(Duration d) { this.reconcileInterval = d; return this; }

        /** How long an unreferenced copy is kept (its writer may not have committed yet); default 10 min. */
        /** How often meta is asked for freed records to carry out; default 2 s. */
        public Builder sweepInterval(Duration d) { this.sweepInterval = d; return this; }

        /** Default 10 min; zero turns periodic scrubbing off ({@link DataServer#scrubNow()} still works). */
        public Builder scrubInterval(Duration d) { this.scrubInterval = d; return this; }

        /** Default 64 MiB/s. */
        public Builder scrubBytesPerSecond(long rate) { this.scrubBytesPerSecond = rate; return this; }

        /** Connection idle timeout against stalled clients; default 30 s. */
        public Builder idleTimeout(Duration d) { this.idleTimeout = d; return this; }

        /** Jetty threads; each request in flight may hold one block in memory. Default 64. */
        public Builder maxThreads(int n) { this.maxThreads = n; return this; }

        /** Fetches in flight during reconciliation; default 4. */
        public Builder fetchConcurrency(int n) { this.fetchConcurrency = n; return this; }

        public Builder storeSettings(StoreSettings s) { this.storeSettings = s; return this; }

        /** Free disk a block write must leave, kept for deletes; default {@link StoreSettings#DEFAULT_RESERVE_BYTES}. */
        public Builder reserveBytes(long bytes) { this.storeSettings = storeSettings.withReserveBytes(bytes); return this; }

        /** Where the reserve check reads free space; default the store's file system. For tests of a full disk. */
        public Builder freeSpace(FreeSpace source) { this.freeSpace = source; return this; }

        /** The cluster secret: requests must be signed with it, and this server signs its own. Default none (open). */
        public Builder secret(ClusterSecret secret) { this.secret = secret; return this; }

        /** Serve https with the key in this keystore; default none (plain http). */
        public Builder tls(TlsStores.StoreFile keystore) { this.keystore = keystore; return this; }

        /** Call meta and peers over https, trusting what this context trusts; default none (plain http). */
        public Builder trust(SSLContext context) { this.trust = context; return this; }

        public DataServer start() throws RingFsException {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(dir, "dir");
            if (name.isBlank() || name.contains("/") || name.contains("\n")) {
                throw new RingFsException(ErrorCode.INVALID, "bad data server name '" + name + "'");
            }
            if (isWildcard(advertisedHost())) {
                throw new RingFsException(ErrorCode.INVALID, "data server " + name + " listens on every interface ("
                        + host + "): say with --advertise HOST which address meta, clients and peers should use");
            }
            return new DataServer(this);
        }
    }
}
