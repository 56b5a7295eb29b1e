package org.ringfs.e2e.cluster;

import org.ringfs.security.ClusterSecret;
import org.ringfs.security.RequestSigner;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerInfo;
import org.ringfs.cli.local.ClusterDirectory;
import org.ringfs.cli.local.FreePorts;
import org.ringfs.cli.local.ClusterReadiness;
import org.ringfs.cli.local.LocalMetaGroup;
import org.ringfs.cli.local.LocalMetaMember;
import org.ringfs.cli.local.ServerStopper;
import org.ringfs.api.MetaMember;
import org.ringfs.cli.local.ServerLauncher;
import org.ringfs.client.ClientSettings;
import org.ringfs.client.RingFsClient;
import org.ringfs.data.server.MetaAuthority;
import org.ringfs.placement.Placement;
import org.ringfs.transport.BlockClient;
import org.ringfs.transport.BlockConnections;
import org.ringfs.transport.MetaClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A RingFS cluster for tests: one meta (or, with {@code metaMembers(M)}, a meta group of M member
 * processes meta-1..M) and N data servers on free loopback ports, under a root
 * directory laid out as `ringfs up` lays out ./var (root/meta or root/meta-K, root/data-K). Servers run as OS
 * processes (SIGKILL is a real crash) or in this JVM (fast). A crashed or stopped data server
 * restarts on the same directory and port. Closing stops everything and deletes a root it made;
 * a JVM shutdown hook kills child processes even when a test forgets to close.
 *
 * <pre>{@code
 * try (MiniRingFsCluster cluster = MiniRingFsCluster.builder().dataServers(4).build();
 *      RingFsClient fs = cluster.client()) { ... }
 * }</pre>
 */
public final class MiniRingFsCluster implements AutoCloseable {
    static final String HOST = ServerLauncher.HOST;
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final Builder options;
    private final ClusterDirectory layout;
    private final boolean ownsRoot;
    private final ClusterServer meta; // the single meta, or meta-1 of a group
    /** A meta group's members by name (meta-1 ... meta-M), empty for a single meta. */
    private final Map<String, ProcessServer> metaMembers = new LinkedHashMap<>();
    private final List<LocalMetaMember> metaGroup = new ArrayList<>();
    private String metaAddress;
    private final Map<String, ClusterServer> dataServers = new LinkedHashMap<>();
    private final List<RingFsClient> clients = new CopyOnWriteArrayList<>();
    private final BlockConnections connections = BlockClient.connections(CALL_TIMEOUT);
    private final ClusterSecret secret; // null: the cluster runs open
    private final Thread killOnExit = new Thread(this::crashAll, "mini-ringfs-kill-on-exit");

    private MiniRingFsCluster(Builder options) throws IOException {
        this.options = options;
        this.ownsRoot = options.root == null;
        this.layout = new ClusterDirectory(ownsRoot ? Files.createTempDirectory("mini-ringfs-") : options.root);
        int groupPorts = options.metaMembers > 1 ? 2 * options.metaMembers - 1 : 0;
        List<Integer> ports = FreePorts.pick(options.dataServers + 1 + groupPorts);
        List<String> names = new ArrayList<>();
        for (int k = 1; k <= options.dataServers; k++) names.add(ClusterDirectory.dataServerName(k));
        ServerLauncher launcher = new ServerLauncher(layout);
        String metaAddress = HOST + ":" + ports.get(0);
        this.secret = options.secret ? ClusterSecret.loadOrCreate(layout.defaultSecretFile()) : null;
        if (options.metaMembers > 1) {
            // meta-1 calls on ports[0]; the rest of the group's ports follow the data servers'.
            List<Integer> extra = ports.subList(options.dataServers + 1, ports.size());
            for (int k = 1; k <= options.metaMembers; k++) {
                int call = k == 1 ? ports.get(0) : extra.get(2 * (k - 2) + 1);
                int replication = extra.get(2 * (k - 1));
                metaGroup.add(new LocalMetaMember(LocalMetaGroup.memberName(k), HOST + ":" + call, HOST + ":" + replication));
            }
            metaAddress = LocalMetaGroup.callAddresses(metaGroup);
            String clusterId = LocalMetaGroup.newClusterId();
            for (LocalMetaMember m : metaGroup) {
                // Founding: meta-1 alone, the others join through it; restarts name the other members.
                List<String> helpers = List.of(metaGroup.get(0).replicationAddress());
                ProcessServer server = new ProcessServer(m.name(), m.callPort(), metaArgs(m, helpers, clusterId, names),
                        launcher, options.startTimeout);
                metaMembers.put(m.name(), server);
            }
            this.groupClusterId = clusterId;
            meta = metaMembers.get(metaGroup.get(0).name());
        } else if (options.processes) {
            List<String> metaArgs = new ArrayList<>(List.of(ClusterDirectory.META,
                    "--listen", metaAddress, "--dir", layout.serverDir(ClusterDirectory.META).toString(),
                    "--block-size", Integer.toString(options.blockSize), "--ring", String.join(",", names)));
            metaArgs.addAll(secretArgs());
            if (options.sessionTimeoutMillis != null) {
                metaArgs.addAll(List.of("--session-timeout-ms", Long.toString(options.sessionTimeoutMillis)));
            }
            meta = new ProcessServer(ClusterDirectory.META, ports.get(0), metaArgs, launcher, options.startTimeout);
        } else {
            meta = new InProcessMeta(ports.get(0), layout.serverDir(ClusterDirectory.META), options.blockSize, names,
                    secret, options.sessionTimeoutMillis == null ? null : Duration.ofMillis(options.sessionTimeoutMillis));
        }
        this.metaAddress = metaAddress;
        for (int k = 1; k <= options.dataServers; k++) {
            String name = names.get(k - 1);
            int port = ports.get(k);
            dataServers.put(name, options.processes
                    ? new ProcessServer(name, port, dataArgs(name, port, metaAddress), launcher, options.startTimeout)
                    : new InProcessData(name, port, layout.serverDir(name), metaAddress, options, secret));
        }
    }

    public static Builder builder() { return new Builder(); }

    private String groupClusterId;

    private List<String> metaArgs(LocalMetaMember m, List<String> helpers, String clusterId, List<String> ring) {
        List<String> extra = new ArrayList<>(List.of("--block-size", Integer.toString(options.blockSize),
                "--ring", String.join(",", ring)));
        if (options.sessionTimeoutMillis != null) {
            extra.addAll(List.of("--session-timeout-ms", Long.toString(options.sessionTimeoutMillis)));
        }
        return LocalMetaGroup.roleArgs(layout, m, helpers, clusterId,
                secret == null ? null : layout.defaultSecretFile(), extra);
    }

    private List<String> dataArgs(String name, int port, String metaAddress) {
        List<String> args = new ArrayList<>(List.of("data", "--name", name, "--listen", HOST + ":" + port,
                "--dir", layout.serverDir(name).toString(), "--meta", metaAddress));
        if (options.allowFaultInjection) args.add("--allow-fault-injection");
        if (options.reconcileIntervalMillis != null) {
            args.addAll(List.of("--reconcile-interval-ms", Long.toString(options.reconcileIntervalMillis)));
        }
        args.addAll(secretArgs());
        return args;
    }

    private List<String> secretArgs() {
        return secret == null ? List.of() : List.of("--secret-file", layout.defaultSecretFile().toString());
    }

    /** The cluster secret every server demands, or null when the cluster runs open. */
    public ClusterSecret secret() { return secret; }

    /** A signer over the cluster secret, or null when the cluster runs open. */
    public RequestSigner signer() { return secret == null ? null : new RequestSigner(secret); }

    private void startAll() throws IOException {
        Runtime.getRuntime().addShutdownHook(killOnExit);
        if (metaMembers.isEmpty()) {
            meta.start();
            new ClusterReadiness(new ServerLauncher(layout), signer()).awaitMeta(metaAddress(), ProcessHandle.current(),
                    options.startTimeout);
        } else {
            // The founder first, until it serves (its store formatted); then the others join through it.
            List<ProcessServer> members = new ArrayList<>(metaMembers.values());
            members.get(0).start();
            awaitMetaMaster();
            startTogether(new ArrayList<>(members.subList(1, members.size())));
            for (LocalMetaMember m : metaGroup) readiness().awaitMember(m, ProcessHandle.current(), options.startTimeout);
            // From now on a member that starts again rejoins through the others.
            List<String> ring = dataServerNames();
            for (LocalMetaMember m : metaGroup) {
                metaMembers.get(m.name()).roleArgs(metaArgs(m, LocalMetaGroup.helpers(m, metaGroup), groupClusterId, ring));
            }
        }
        startTogether(dataServers.values());
        awaitAlive(dataServers.values());
        awaitDeleteAuthority();
    }

    /**
     * Meta grants deletes once every server has reported, and a server hears it at its next
     * heartbeat; until then the servers refuse deletes. A server records the cluster id at its
     * first grant, so the id files say every server has it and a test may delete at once.
     */
    private void awaitDeleteAuthority() {
        waitUntil(() -> dataServers.keySet().stream().allMatch(n -> Files.exists(dataDir(n).resolve(MetaAuthority.FILE))),
                options.startTimeout);
    }

    /** Starts servers in parallel: each JVM or Jetty takes seconds to boot, and they need not wait for each other. */
    private static void startTogether(Collection<ClusterServer> servers) throws IOException {
        ExecutorService starters = Executors.newFixedThreadPool(servers.size());
        try {
            List<Future<Void>> started = new ArrayList<>();
            for (ClusterServer s : servers) {
                started.add(starters.submit(() -> {
                    s.start();
                    return null;
                }));
            }
            for (Future<Void> f : started) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) throw io;
                    if (e.getCause() instanceof RuntimeException r) throw r;
                    throw new IOException("a server failed to start", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while starting the data servers", e);
                }
            }
        } finally {
            starters.shutdownNow();
        }
    }

    private void awaitAlive(Iterable<ClusterServer> servers) throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (ClusterServer s : servers) ports.put(s.name(), s.port());
        // A server that died is seen by its port file never being rewritten; no process handles here.
        new ClusterReadiness(new ServerLauncher(layout), signer()).awaitDataServers(metaAddress(), ports, Map.of(),
                options.startTimeout);
    }

    /** meta's address; for a meta group every member's, comma-separated (what clients and data servers are given). */
    public String metaAddress() { return metaAddress; }

    /** data-1 ... data-N, in ring order. */
    public List<String> dataServerNames() { return List.copyOf(dataServers.keySet()); }

    public Path root() { return layout.root(); }

    /** The directory a data server runs in (its --dir); its store is the {@code store} directory inside. */
    public Path dataDir(String name) { return layout.serverDir(server(name).name()); }

    /** The log of a server run as a process (in-process servers log to this JVM's output). */
    public Path logFile(String name) { return layout.logFile(name); }

    /** A client with short waits (30 s), closed with the cluster. */
    public RingFsClient client() {
        return client(s -> s);
    }

    /** A client with the test's settings on top of the short-wait defaults, closed with the cluster. */
    public RingFsClient client(UnaryOperator<ClientSettings> settings) {
        ClientSettings defaults = ClientSettings.defaults(metaAddress())
                .withReadWait(Duration.ofSeconds(30)).withWriteWait(Duration.ofSeconds(30)).withSecret(secret);
        RingFsClient c = new RingFsClient(settings.apply(defaults));
        clients.add(c);
        return c;
    }

    /** A client whose calls to meta go through {@code wrap} (a test's fault hook on the wire), closed with the cluster. */
    public RingFsClient clientThrough(UnaryOperator<MetaService> wrap) {
        ClientSettings settings = ClientSettings.defaults(metaAddress())
                .withReadWait(Duration.ofSeconds(30)).withWriteWait(Duration.ofSeconds(30)).withSecret(secret);
        RingFsClient c = new RingFsClient(settings, wrap.apply(MetaClient.connect(metaAddress(), settings.callTimeout(),
                settings.signer(), settings.tls()).pinnedToFirstCluster().retryingFor(RingFsClient.META_RETRY)));
        clients.add(c);
        return c;
    }

    public MetaClient metaService() {
        return MetaClient.connect(metaAddress(), CALL_TIMEOUT, signer(), null); // the mini cluster serves plain http
    }

    // ---- a meta group ----

    /** meta-1 ... meta-M; empty for a single meta. */
    public List<String> metaMemberNames() { return List.copyOf(metaMembers.keySet()); }

    /** The call address of meta member meta-K. */
    public String metaMemberAddress(int k) { return member(k).callAddress(); }

    private LocalMetaMember member(int k) {
        if (k < 1 || k > metaGroup.size()) throw new IllegalArgumentException("no meta member meta-" + k + " of " + metaGroup.size());
        return metaGroup.get(k - 1);
    }

    private ClusterReadiness readiness() {
        return new ClusterReadiness(new ServerLauncher(layout), signer());
    }

    /** SIGKILLs meta member meta-K. */
    public void crashMetaMember(int k) {
        metaMembers.get(member(k).name()).crash();
    }

    /** Stops meta member meta-K cleanly. */
    public void stopMetaMember(int k) {
        metaMembers.get(member(k).name()).stop();
    }

    public boolean isMetaMemberRunning(int k) {
        return metaMembers.get(member(k).name()).isRunning();
    }

    /** Starts meta member meta-K again (the others as helpers); returns once it is master or replica. */
    public void startMetaMember(int k) throws IOException {
        LocalMetaMember m = member(k);
        ProcessServer s = metaMembers.get(m.name());
        s.start();
        readiness().awaitMember(m, ProcessHandle.current(), options.startTimeout);
    }

    /** Deletes meta member meta-K's store (its JE files), as a lost disk would; only while it is down. Its log stays. */
    public void deleteMetaStore(int k) throws IOException {
        LocalMetaMember m = member(k);
        if (metaMembers.get(m.name()).isRunning()) throw new IllegalStateException(m.name() + " is running; crash or stop it first");
        Path dir = layout.serverDir(m.name());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".jdb") || n.startsWith("je.")) deleteTree(f);
            }
        }
    }

    /** Waits until one member serves as master and returns its index K. */
    public int awaitMetaMaster() throws IOException {
        if (metaGroup.isEmpty()) return 1;
        return readiness().awaitMaster(metaGroup, Map.of(), options.startTimeout).member().index();
    }

    /** Waits up to {@code timeout} for a master; returns its index K. */
    public int awaitMetaMaster(Duration timeout) throws IOException {
        return readiness().awaitMaster(metaGroup, Map.of(), timeout).member().index();
    }

    /** Every running member's store digest, by member name (each member answers from its own copy). */
    public Map<String, String> metaDigests() throws RingFsException {
        Map<String, String> digests = new LinkedHashMap<>();
        for (LocalMetaMember m : metaGroup) {
            if (!metaMembers.get(m.name()).isRunning()) continue;
            digests.put(m.name(), MetaClient.connect(m.callAddress(), CALL_TIMEOUT, signer(), null).storeDigest());
        }
        return digests;
    }

    /** What each running member says of the group, by member name. */
    public Map<String, List<MetaMember>> metaViews() throws RingFsException {
        Map<String, List<MetaMember>> views = new LinkedHashMap<>();
        for (LocalMetaMember m : metaGroup) {
            if (!metaMembers.get(m.name()).isRunning()) continue;
            views.put(m.name(), MetaClient.connect(m.callAddress(), CALL_TIMEOUT, signer(), null).metaMembers());
        }
        return views;
    }

    /** The block service of one data server (calls fail while it is down). */
    public BlockClient blockService(String name) {
        return new BlockClient(connections, HOST + ":" + server(name).port(), CALL_TIMEOUT, signer());
    }

    /** Placement over the ring meta holds now. */
    public Placement placement() {
        try {
            return new Placement(metaService().clusterMap().placementNames());
        } catch (RingFsException e) {
            throw new UncheckedIOException("meta did not give its cluster map", e);
        }
    }

    public boolean isRunning(String name) { return server(name).isRunning(); }

    /** Meta's directory (its --dir): its store, and for a process its port file and log. */
    public Path metaDir() { return layout.serverDir(ClusterDirectory.META); }

    /** Stops meta cleanly; the data servers keep running (their heartbeats fail until it is back). */
    public void stopMeta() {
        meta.stop();
    }

    /** Kills meta (SIGKILL for a process; every member of a group): every change it answered is on disk, the rest never happened. */
    public void crashMeta() {
        if (metaMembers.isEmpty()) meta.crash();
        else metaMembers.values().forEach(ClusterServer::crash);
    }

    /** Starts meta again (every member of a group) on its directory and port, with the ring it was first given; returns once it answers. */
    public void startMeta() throws IOException {
        if (!metaMembers.isEmpty()) {
            startTogether(metaMembers.values().stream().filter(s -> !s.isRunning()).map(s -> (ClusterServer) s).toList());
            awaitMetaMaster();
            return;
        }
        meta.start();
        new ClusterReadiness(new ServerLauncher(layout), signer()).awaitMeta(metaAddress(), ProcessHandle.current(),
                options.startTimeout);
    }

    /** Kills a data server (SIGKILL for a process; in this JVM, stopped with no clean shutdown). */
    public void crash(String name) {
        server(name).crash();
    }

    /** Stops a data server cleanly. */
    public void stop(String name) {
        server(name).stop();
    }

    /** Restarts a stopped data server on its directory and port; returns when meta sees it alive. */
    public void start(String name) throws IOException {
        ClusterServer s = server(name);
        s.start();
        awaitAlive(List.of(s));
    }

    /**
     * Starts one more data server, data-(N+1), on a free port: meta adds it to the ring at its first
     * heartbeat. Returns its name once meta sees it alive.
     */
    public String addDataServer() throws IOException {
        String name = ClusterDirectory.dataServerName(dataServers.size() + 1);
        int port = FreePorts.pick(1).get(0);
        ClusterServer s = options.processes
                ? new ProcessServer(name, port, dataArgs(name, port, metaAddress()), new ServerLauncher(layout), options.startTimeout)
                : new InProcessData(name, port, layout.serverDir(name), metaAddress(), options, secret);
        dataServers.put(name, s);
        s.start();
        awaitAlive(List.of(s));
        return name;
    }

    /** Deletes a data server's store, as a lost disk would; only while it is down. */
    public void deleteStore(String name) throws IOException {
        if (server(name).isRunning()) throw new IllegalStateException(name + " is running; crash or stop it first");
        deleteTree(dataDir(name).resolve("store"));
    }

    /** True when meta's cluster map says the server is alive. */
    public boolean isAliveInMeta(String name) throws RingFsException {
        ServerInfo s = metaService().clusterMap().server(name);
        return s != null && s.alive();
    }

    public ClusterMap clusterMap() throws RingFsException {
        return metaService().clusterMap();
    }

    /** Polls {@code condition} until it holds; IllegalStateException after {@code timeout}. */
    public static void waitUntil(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not met within " + timeout);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting", e);
            }
        }
    }

    private ClusterServer server(String name) {
        ClusterServer s = dataServers.get(name);
        if (s == null) throw new IllegalArgumentException("no data server " + name + "; the ring is " + dataServerNames());
        return s;
    }

    /** Closes the clients, stops every server (data servers first), and deletes a root it created. */
    @Override
    public void close() throws IOException {
        for (RingFsClient c : clients) c.close();
        dataServers.values().forEach(ClusterServer::stop);
        if (metaMembers.isEmpty()) meta.stop();
        else ServerStopper.stop(metaMembers.values().stream().filter(ProcessServer::isRunning).map(ProcessServer::handle).toList(),
                ServerStopper.GRACE);
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs anyway, and crashing stopped servers is harmless.
        }
        if (ownsRoot) deleteTree(layout.root());
    }

    private void crashAll() {
        dataServers.values().forEach(ClusterServer::crash);
        crashMeta();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** How to build a cluster; every default suits a fast test. */
    public static final class Builder {
        int dataServers = 5;
        int metaMembers = 1;
        int blockSize = 64 * 1024;
        boolean processes;
        boolean allowFaultInjection;
        Long reconcileIntervalMillis;
        Long sessionTimeoutMillis;
        Path root;
        Duration startTimeout = Duration.ofSeconds(60);
        boolean secret;

        /** Data servers in the ring, at least 3 (default 5). */
        public Builder dataServers(int n) {
            if (n < Placement.COPIES) throw new IllegalArgumentException("a ring needs at least " + Placement.COPIES + " data servers");
            this.dataServers = n;
            return this;
        }

        /**
         * Meta as a group of {@code n} member processes meta-1..n (JE HA; implies {@code processes(true)}
         * for meta); 1 (default) is a single meta.
         */
        public Builder metaMembers(int n) {
            if (n < 1) throw new IllegalArgumentException("a meta group has at least one member");
            this.metaMembers = n;
            return this;
        }

        /** Block size meta is formatted with (default 64 KiB: many blocks from small test files). */
        public Builder blockSize(int bytes) { this.blockSize = bytes; return this; }

        /** True: each server is an OS process (SIGKILL crashes); false (default): all in this JVM. */
        public Builder processes(boolean processes) { this.processes = processes; return this; }

        /** Lets tests corrupt stored copies through the block service (default off, as in production). */
        public Builder allowFaultInjection(boolean allow) { this.allowFaultInjection = allow; return this; }

        /** Time between a data server's reconciliation passes (default: the server's, 5 min). */
        public Builder reconcileIntervalMillis(long millis) { this.reconcileIntervalMillis = millis; return this; }

        /** How long meta keeps a silent writer session (default: meta's, 10 min). */
        public Builder sessionTimeoutMillis(long millis) { this.sessionTimeoutMillis = millis; return this; }

        /** Root directory to use and keep (default: a temporary directory deleted on close). */
        public Builder root(Path root) { this.root = root; return this; }

        /**
         * True: the cluster runs closed, as {@code ringfs up} does: a secret in ROOT/secret that
         * every server demands and every client this cluster hands out signs with. Default false (open).
         */
        public Builder secret(boolean on) { this.secret = on; return this; }

        /** How long a server may take to come up (default 60 s). */
        public Builder startTimeout(Duration timeout) { this.startTimeout = timeout; return this; }

        /** Starts the cluster; returns when every data server is alive in meta's cluster map and may delete. */
        public MiniRingFsCluster build() throws IOException {
            MiniRingFsCluster cluster = new MiniRingFsCluster(this);
            try {
                cluster.startAll();
            } catch (IOException | RuntimeException e) {
                try {
                    cluster.close();
                } catch (IOException | RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            return cluster;
        }
    }
}
