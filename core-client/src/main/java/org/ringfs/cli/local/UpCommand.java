package org.ringfs.cli.local;

import org.ringfs.security.ClusterSecret;
import org.ringfs.security.RequestSigner;
import org.ringfs.api.ClusterMap;
import org.ringfs.cli.VerboseOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ringfs up}: a meta group of three members (or one meta with {@code --meta-replicas 1}) and
 * N data servers as OS processes under DIR, in the foreground
 * until Ctrl-C or SIGTERM (then it stops them), or left running with {@code --detach}. It records
 * meta's cluster id in cluster.properties, and refuses to start a directory whose meta store is
 * gone while its cluster id or data stores remain (meta would format a new, empty cluster), unless
 * {@code --new-cluster} says to move the data servers' stores aside and start a new one. The meta
 * group's layout and starts are {@link LocalMetaGroup}'s; a DIR keeps the kind of meta it was made
 * with (a single meta in DIR/meta, or the members DIR/meta-K cluster.properties records), and the
 * base port it last ran on unless {@code --base-port} gives another.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start a local cluster: a meta group of three members (meta-1..3), N data servers under DIR,"
                + " and the WebDAV drive.",
                "On a fresh DIR the drive gets a user 'admin' whose password is printed once.",
                "A DIR that exists starts as it was made: its meta group's members, or its single meta, and on the"
                        + " base port it was last started with."})
public final class UpCommand implements Callable<Integer> {
    public static final int MIN_DATA_SERVERS = 3;
    private static final int DEFAULT_DATA_SERVERS = 5;
    private static final int DEFAULT_BASE_PORT = 7000;
    /** Meta's default block size, recorded until the meta group first answers with its own. */
    private static final int DEFAULT_BLOCK_SIZE = 1 << 20;
    private static final String ACCEPT_OLDER_STORE = "--accept-older-store";

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ClusterDirectory.DEFAULT,
            description = "Directory of the cluster's stores, pids and logs (default: ./${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--data-servers", paramLabel = "N",
            description = "Data servers, at least 3 (default: 5, or as many as DIR already has).")
    Integer dataServers;

    @Option(names = "--base-port", paramLabel = "P",
            description = {"Meta (meta-1) listens on P, data-K on P+K, the WebDAV front on P+80, meta-K (K > 1) on"
                    + " P+90+K, and meta-K replicates on P+100+K; 0 picks free ports (default: " + DEFAULT_BASE_PORT
                    + ", or the one DIR was last started with).",
                    "The meta members of a DIR that exists keep the ports they were first given."})
    Integer givenBasePort;

    /** The base port this start runs on: {@link #givenBasePort}, else DIR's recorded one, else the default. */
    private int basePort;
    /** How errors name {@link #basePort}: the option, or the file that recorded it. */
    private String basePortNamed;

    @Option(names = "--meta-replicas", paramLabel = "N",
            description = {"Members of the meta group of a new DIR (default: " + LocalMetaGroup.DEFAULT_MEMBERS + "):"
                    + " one of three down keeps serving. 1 runs a single meta in DIR/meta, as before groups.",
                    "A DIR that exists keeps its own: `ringfs meta add` and `ringfs meta remove` change a group."})
    Integer metaReplicas;

    @Option(names = "--block-size", paramLabel = "BYTES",
            description = "Block size meta is formatted with at first start (default: meta's).")
    Integer blockSize;

    @Option(names = "--allow-fault-injection", description = "Let `ringfs inject` damage stored copies (tests only).")
    boolean allowFaultInjection;

    @Option(names = "--detach", description = "Return once the cluster is up and leave it running.")
    boolean detach;

    @Option(names = "--no-webdav", description = "Do not serve the WebDAV drive.")
    boolean noWebdav;

    @Option(names = "--mount", paramLabel = "DIR",
            description = "Also mount the cluster there with FUSE (unmounted by `ringfs down` or Ctrl-C).")
    Path mountpoint;

    @Option(names = "--new-cluster",
            description = {"Start a new, empty cluster in a DIR whose meta store is gone: every data-K/store and"
                    + " data-K/cluster-id is renamed to *.foreign-TIMESTAMP (never deleted) first."})
    boolean newCluster;

    @Option(names = "--accept-older-store",
            description = {"Start meta with --accept-older-store this once: clear its older-store alarm and accept its"
                    + " store although a data server holds more than it knows (see README)."})
    boolean acceptOlderStore;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "90",
            description = "How long to wait for the servers to come up (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    VerboseOption verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ClusterDirectory cluster = new ClusterDirectory(dir);
        refuseIfRunning(cluster);
        chooseBasePort(cluster);
        int n = dataServerCount(cluster);
        List<LocalMetaMember> group = metaGroup(cluster);
        String recordedClusterId = checkMetaStore(cluster, group);
        checkPorts(n, group);
        // A local cluster always runs closed: its secret is made at first start and kept in DIR.
        Path secretFile = secretFile(cluster);
        ServerLauncher launcher = new ServerLauncher(cluster);
        ClusterReadiness readiness = new ClusterReadiness(launcher, new RequestSigner(ClusterSecret.loadOrCreate(secretFile)));
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        Map<String, ProcessHandle> launched = new ConcurrentHashMap<>(); // read by the shutdown hook
        // Stops what was started when startup fails, is interrupted, or (in the foreground) ends.
        Thread stopAll = new Thread(() -> stop(cluster, launched), "ringfs-up-stop");
        Runtime.getRuntime().addShutdownHook(stopAll);
        try {
            String metaAddress = group.isEmpty()
                    ? startMeta(cluster, launcher, readiness, n, secretFile, launched, timeout, recordedClusterId)
                    : startMetaGroup(cluster, launcher, readiness, group, n, secretFile, launched, timeout, recordedClusterId);
            Map<String, Integer> ports = startDataServers(cluster, launcher, metaAddress, n, secretFile, launched, timeout);
            ClusterMap map = readiness.awaitDataServers(metaAddress, ports, launched, timeout);
            report(spec.commandLine().getOut(), cluster, map, group, metaAddress, n);
            if (!noWebdav) serveDrive(cluster, launcher, metaAddress, secretFile, launched, timeout);
            if (mountpoint != null) {
                new MountLauncher(cluster, launcher).start(mountpoint, launched, timeout);
                spec.commandLine().getOut().println("mounted at " + mountpoint.toAbsolutePath().normalize());
                spec.commandLine().getOut().flush();
            }
            spec.commandLine().getOut().println("Prometheus metrics: GET /metrics on every server's and the drive's port"
                    + " (bearer token: ringfs metrics-token --dir " + dir + ")");
            spec.commandLine().getOut().flush();
        } catch (IOException | RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(stopAll);
            stop(cluster, launched);
            throw e;
        }
        if (detach) {
            Runtime.getRuntime().removeShutdownHook(stopAll);
            return 0;
        }
        spec.commandLine().getOut().println("Press Ctrl-C to stop it.");
        spec.commandLine().getOut().flush();
        new CountDownLatch(1).await(); // until SIGINT/SIGTERM runs the shutdown hook
        return 0;
    }

    /** Starts the WebDAV front (and on a fresh DIR its first user) and says where to map the drive. */
    private void serveDrive(ClusterDirectory cluster, ServerLauncher launcher, String metaAddress, Path secretFile,
                            Map<String, ProcessHandle> launched, Duration timeout) throws IOException {
        WebDavLauncher webdav = new WebDavLauncher(cluster, launcher);
        Optional<String> password;
        try {
            password = webdav.createFirstUser(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalClusterException("interrupted while creating the first WebDAV user");
        }
        int port = webdav.start(metaAddress, WebDavLauncher.port(basePort), secretFile, launched, timeout);
        PrintWriter out = spec.commandLine().getOut();
        String addUser = "ringfs user add NAME --dir " + dir;
        if (password.isPresent()) {
            out.println("WebDAV drive: " + WebDavLauncher.url(port) + "  user " + WebDavLauncher.FIRST_USER + "  password "
                    + password.get() + " (shown once; add users with " + addUser + ")");
        } else {
            out.println("WebDAV drive: " + WebDavLauncher.url(port) + "  (users in " + cluster.webdavUsersFile()
                    + "; add one with " + addUser + ")");
        }
        out.flush();
    }

    private void refuseIfRunning(ClusterDirectory cluster) throws IOException {
        for (String name : cluster.serverNames()) {
            var running = cluster.running(name);
            if (running.isPresent()) {
                throw new LocalClusterException("a cluster is already running in " + cluster.root() + " (" + name
                        + " has pid " + running.get().pid() + "); stop it with `ringfs down --dir " + dir + "`");
            }
        }
    }

    /**
     * --base-port, else the one DIR recorded at its last start (so a restart finds its servers where
     * clients knew them), else 7000: what a DIR from before base.port was recorded starts on.
     */
    private void chooseBasePort(ClusterDirectory cluster) throws IOException {
        Integer recorded = cluster.hasProperties() ? cluster.properties().basePort() : null;
        if (givenBasePort == null && recorded != null) {
            basePort = recorded;
            basePortNamed = "the base port " + basePort + " (recorded in " + cluster.propertiesFile()
                    + "; --base-port chooses another)";
            return;
        }
        basePort = givenBasePort != null ? givenBasePort : DEFAULT_BASE_PORT;
        basePortNamed = "--base-port " + basePort;
        if (!ClusterProperties.isPort(basePort)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--base-port must be in [0, 65535], not " + basePort);
        }
    }

    /** N from the option, else from the cluster DIR already holds, else 5; a change of N is refused. */
    private int dataServerCount(ClusterDirectory cluster) throws IOException {
        Integer recorded = cluster.hasProperties() ? cluster.properties().dataServers() : null;
        int n = dataServers != null ? dataServers : recorded != null ? recorded : DEFAULT_DATA_SERVERS;
        if (n < MIN_DATA_SERVERS) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--data-servers must be at least " + MIN_DATA_SERVERS + " (every block has three copies)");
        }
        if (recorded != null && recorded != n) {
            throw new LocalClusterException(cluster.root() + " holds a cluster of " + recorded
                    + " data servers; a ring does not change size at startup");
        }
        if (recorded != null && blockSize != null && cluster.properties().blockSize() != blockSize) {
            throw new LocalClusterException(cluster.root() + " was formatted with block size "
                    + cluster.properties().blockSize());
        }
        return n;
    }

    /**
     * The meta group this start runs: the members cluster.properties records, or a new group of
     * --meta-replicas (default 3) on a fresh DIR; empty for a single meta (--meta-replicas 1, or a DIR
     * made with one). A DIR is never turned from one kind into the other here.
     */
    private List<LocalMetaMember> metaGroup(ClusterDirectory cluster) throws IOException {
        ClusterProperties recorded = cluster.hasProperties() ? cluster.properties() : null;
        if (metaReplicas != null && metaReplicas < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--meta-replicas must be at least 1");
        }
        if (recorded != null && recorded.metaIsGroup()) {
            List<LocalMetaMember> group = recorded.metaGroup();
            if (metaReplicas != null && metaReplicas != group.size()) {
                throw new LocalClusterException(cluster.root() + " runs a meta group of " + group.size() + " members ("
                        + String.join(", ", group.stream().map(LocalMetaMember::name).toList()) + "): --meta-replicas "
                        + metaReplicas + " does not change it; use `ringfs meta add` or `ringfs meta remove NAME`");
            }
            return group;
        }
        boolean singleMetaHere = recorded != null || Files.isDirectory(cluster.serverDir(ClusterDirectory.META));
        if (singleMetaHere) {
            if (metaReplicas != null && metaReplicas != 1) {
                throw new LocalClusterException(cluster.root() + " runs a single meta (" + cluster.serverDir(ClusterDirectory.META)
                        + "): it does not become a group of " + metaReplicas + " here. Start it without --meta-replicas,"
                        + " or start a new cluster with a meta group in another --dir.");
            }
            return List.of();
        }
        int members = metaReplicas != null ? metaReplicas : LocalMetaGroup.DEFAULT_MEMBERS;
        if (members == 1) return List.of();
        if (basePort != 0 && members > LocalMetaGroup.MAX_FIXED_INDEX) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--meta-replicas " + members + " with --base-port "
                    + basePort + ": at most " + LocalMetaGroup.MAX_FIXED_INDEX + " members on fixed ports (--base-port 0 picks free ones)");
        }
        if (basePort > 0) refusePortsPastTheLast(members);
        return LocalMetaGroup.plan(members, basePort);
    }

    /** A group's fixed ports must exist before its members are made (a member's addresses are checked HOST:PORT). */
    private void refusePortsPastTheLast(int members) {
        List<String> past = new ArrayList<>();
        for (int k = 1; k <= members; k++) {
            int call = LocalMetaGroup.callPort(basePort, k);
            int replication = LocalMetaGroup.replicationPort(basePort, k);
            if (call > 65535) past.add(LocalMetaGroup.memberName(k) + " would need port " + call);
            if (replication > 65535) past.add(LocalMetaGroup.memberName(k) + "'s replication would need port " + replication);
        }
        if (!past.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--base-port " + basePort
                    + " leaves no room for the meta group's ports: " + String.join("; ", past));
        }
    }

    /**
     * Every fixed port this start takes, each once and none past 65535: meta's (or the group's call and
     * replication ports), data-K's P+K, and the WebDAV front's P+80. With --base-port 0 the servers take
     * free ports (a group's were picked free when it was planned).
     */
    private void checkPorts(int n, List<LocalMetaMember> group) {
        if (basePort == 0) return;
        Map<Integer, String> taken = new LinkedHashMap<>();
        List<String> clashes = new ArrayList<>();
        if (group.isEmpty()) {
            take(taken, clashes, basePort, "meta");
        } else {
            for (LocalMetaMember m : group) {
                take(taken, clashes, m.callPort(), m.name());
                take(taken, clashes, m.replicationPort(), m.name() + "'s replication");
            }
        }
        for (int k = 1; k <= n; k++) take(taken, clashes, basePort + k, ClusterDirectory.dataServerName(k));
        if (!noWebdav) take(taken, clashes, WebDavLauncher.port(basePort), "the WebDAV front");
        if (!clashes.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), basePortNamed + " leaves no room for "
                    + n + " data servers" + (noWebdav ? "" : " and the WebDAV front on P+" + WebDavLauncher.PORT_OFFSET)
                    + (group.isEmpty() ? "" : " and the meta group's ports") + ": " + String.join("; ", clashes));
        }
    }

    private static void take(Map<Integer, String> taken, List<String> clashes, int port, String who) {
        if (port > 65535) {
            clashes.add(who + " would need port " + port);
            return;
        }
        String before = taken.putIfAbsent(port, who);
        if (before != null) clashes.add(who + " and " + before + " would both take port " + port);
    }

    /**
     * Refuses, before anything starts, a DIR whose meta store is gone (no member of its group holds
     * one) while its cluster lives on in cluster.properties or the data servers' directories; with
     * --new-cluster moves those aside. Returns the cluster id meta must have (null: any, a fresh or
     * pre-id DIR or a new cluster).
     */
    private String checkMetaStore(ClusterDirectory cluster, List<LocalMetaMember> group) throws IOException {
        String recorded = cluster.hasProperties() ? cluster.properties().clusterId() : null;
        String metaDirs = group.isEmpty() ? cluster.serverDir(ClusterDirectory.META).toString()
                : String.join(", ", group.stream().map(m -> cluster.serverDir(m.name()).toString()).toList());
        String restoreInto = group.isEmpty() ? cluster.serverDir(ClusterDirectory.META).toString()
                : "one of " + metaDirs + " (the others are refilled from it)";
        if (cluster.hasMetaStore()) {
            if (newCluster) {
                throw new LocalClusterException(metaDirs + " holds a meta store:"
                        + " --new-cluster only starts a new cluster where meta's store is gone (move it aside first)");
            }
            return recorded;
        }
        List<Path> holdings = cluster.dataServerHoldings();
        if (recorded == null && holdings.isEmpty()) return null;
        if (!newCluster) {
            throw new LocalClusterException("the meta store is gone: " + metaDirs
                    + " holds none, but " + cluster.root() + " holds cluster "
                    + (recorded != null ? recorded : "data") + (holdings.isEmpty() ? "" : " (" + holdings.size()
                    + " data server stores and ids)") + ". Starting meta now would make a new, empty cluster."
                    + " Restore the meta store into " + restoreInto + ", or run `ringfs up"
                    + " --new-cluster --dir " + dir + "` to start a new cluster (the data stores are moved aside, not"
                    + " deleted).");
        }
        String suffix = ".foreign-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        PrintWriter out = spec.commandLine().getOut();
        for (Path held : holdings) {
            Path aside = held.resolveSibling(held.getFileName() + suffix);
            Files.move(held, aside, StandardCopyOption.ATOMIC_MOVE);
            out.println("moved " + held + " aside to " + aside);
        }
        out.flush();
        if (cluster.hasProperties()) cluster.writeProperties(cluster.properties().withClusterId(null));
        return null;
    }

    /** The file cluster.properties names, else DIR/secret. */
    private static Path secretFile(ClusterDirectory cluster) throws IOException {
        return cluster.secretFileInUse().orElse(cluster.defaultSecretFile()).toAbsolutePath();
    }

    private String startMeta(ClusterDirectory cluster, ServerLauncher launcher, ClusterReadiness readiness, int n,
                             Path secretFile, Map<String, ProcessHandle> launched, Duration timeout,
                             String recordedClusterId) throws IOException {
        List<String> args = new ArrayList<>(List.of(ClusterDirectory.META,
                "--listen", ServerLauncher.HOST + ":" + basePort,
                "--secret-file", secretFile.toString(),
                "--dir", cluster.serverDir(ClusterDirectory.META).toString()));
        if (blockSize != null) args.addAll(List.of("--block-size", blockSize.toString()));
        if (acceptOlderStore) args.add(ACCEPT_OLDER_STORE);
        // The ring order is fixed at first start: data-1 ... data-N, whatever order they register in.
        args.addAll(List.of("--ring", String.join(",", dataServerNames(n))));
        String name = ClusterDirectory.META;
        int port = launch(cluster, launcher, name, args, launched, timeout);
        // Accepting is for this start only: `ringfs start meta` reruns the command file without it.
        cluster.writeCommand(name, cluster.command(name).stream().filter(a -> !a.equals(ACCEPT_OLDER_STORE)).toList());
        String address = ServerLauncher.HOST + ":" + port;
        ClusterMap map = readiness.awaitMeta(address, launched.get(name), timeout);
        if (recordedClusterId != null && !recordedClusterId.equals(map.clusterId())) {
            throw new LocalClusterException("meta's store in " + cluster.serverDir(name) + " belongs to cluster "
                    + map.clusterId() + ", but " + cluster.root() + " to cluster " + recordedClusterId + " (see"
                    + " cluster.properties): its data servers would refuse it. Restore the meta store of cluster "
                    + recordedClusterId + " into " + cluster.serverDir(name) + ".");
        }
        // Recorded as soon as meta answers: a later `up` then notices a meta store that is gone, and
        // starts on the same base port.
        cluster.writeProperties(new ClusterProperties(address, n, map.blockSize(),
                cluster.root().relativize(secretFile).toString(), map.clusterId()).withBasePort(basePort));
        return address;
    }

    /**
     * Starts the meta group (founds it on a fresh DIR, restarts its members otherwise) and returns the
     * members' call addresses, the list every client is given. The layout is recorded before any member
     * starts, so `down`, `start` and a later `up` find every member even if this start fails half way.
     */
    private String startMetaGroup(ClusterDirectory cluster, ServerLauncher launcher, ClusterReadiness readiness,
                                  List<LocalMetaMember> group, int n, Path secretFile, Map<String, ProcessHandle> launched,
                                  Duration timeout, String recordedClusterId) throws IOException {
        boolean found = !cluster.hasMetaStore();
        // A group's id is chosen here; a member's command keeps it should cluster.properties not have it yet.
        String clusterId = recordedClusterId;
        if (clusterId == null && !found) clusterId = recordedClusterIdOfMembers(cluster, group);
        if (clusterId == null) clusterId = LocalMetaGroup.newClusterId();
        String secret = cluster.root().relativize(secretFile).toString();
        ClusterProperties before = cluster.hasProperties() ? cluster.properties() : null;
        int recordedBlockSize = before != null ? before.blockSize() : blockSize != null ? blockSize : DEFAULT_BLOCK_SIZE;
        cluster.writeProperties(new ClusterProperties(LocalMetaGroup.callAddresses(group), n, recordedBlockSize, secret,
                before != null ? before.clusterId() : null, group, basePort));
        List<String> extra = new ArrayList<>();
        if (blockSize != null) extra.addAll(List.of("--block-size", blockSize.toString()));
        // The ring order is fixed at first start: data-1 ... data-N, whatever order they register in.
        extra.addAll(List.of("--ring", String.join(",", dataServerNames(n))));
        List<String> once = acceptOlderStore ? List.of(ACCEPT_OLDER_STORE) : List.of();
        ClusterMap map = new LocalMetaGroup(cluster, launcher, readiness)
                .startAll(group, found, clusterId, secretFile, extra, once, launched, timeout);
        if (recordedClusterId != null && !recordedClusterId.equals(map.clusterId())) {
            throw new LocalClusterException("the meta group's stores in " + cluster.root() + " belong to cluster "
                    + map.clusterId() + ", but " + cluster.root() + " to cluster " + recordedClusterId + " (see"
                    + " cluster.properties): its data servers would refuse it. Restore the meta stores of cluster "
                    + recordedClusterId + ".");
        }
        // Recorded as soon as the group answers: a later `up` then notices a meta store that is gone.
        cluster.writeProperties(cluster.properties().withBlockSize(map.blockSize()).withClusterId(map.clusterId()));
        return LocalMetaGroup.callAddresses(group);
    }

    /** The cluster id a member's recorded command names (a start that stopped before recording it). */
    private static String recordedClusterIdOfMembers(ClusterDirectory cluster, List<LocalMetaMember> group) throws IOException {
        for (LocalMetaMember m : group) {
            if (!cluster.hasCommand(m.name())) continue;
            String id = LocalMetaGroup.recordedClusterId(cluster.command(m.name()));
            if (id != null) return id;
        }
        return null;
    }

    private Map<String, Integer> startDataServers(ClusterDirectory cluster, ServerLauncher launcher, String metaAddress,
                                                  int n, Path secretFile, Map<String, ProcessHandle> launched,
                                                  Duration timeout)
            throws IOException {
        List<List<String>> argLists = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            String name = ClusterDirectory.dataServerName(k);
            argLists.add(ServerLauncher.dataServerArgs(cluster, name, basePort == 0 ? 0 : basePort + k, metaAddress,
                    secretFile, allowFaultInjection));
        }
        // Start all first, then wait: the JVMs boot in parallel.
        for (int k = 1; k <= n; k++) {
            String name = ClusterDirectory.dataServerName(k);
            launched.put(name, launcher.launch(name, ServerLauncher.javaCommand(argLists.get(k - 1))));
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int k = 1; k <= n; k++) {
            String name = ClusterDirectory.dataServerName(k);
            int port = launcher.awaitPort(name, launched.get(name), timeout);
            cluster.writeCommand(name, ServerLauncher.withPort(cluster.command(name), port));
            ports.put(name, port);
        }
        return ports;
    }

    private static int launch(ClusterDirectory cluster, ServerLauncher launcher, String name, List<String> args,
                              Map<String, ProcessHandle> launched, Duration timeout) throws IOException {
        ProcessHandle p = launcher.launch(name, ServerLauncher.javaCommand(args));
        launched.put(name, p);
        int port = launcher.awaitPort(name, p, timeout);
        cluster.writeCommand(name, ServerLauncher.withPort(cluster.command(name), port));
        return port;
    }

    static List<String> dataServerNames(int n) {
        List<String> names = new ArrayList<>();
        for (int k = 1; k <= n; k++) names.add(ClusterDirectory.dataServerName(k));
        return names;
    }

    private static void report(PrintWriter out, ClusterDirectory cluster, ClusterMap map, List<LocalMetaMember> group,
                               String metaAddress, int n) {
        if (group.isEmpty()) {
            out.println("meta    " + metaAddress + "  (" + cluster.serverDir(ClusterDirectory.META) + ")");
        } else {
            for (LocalMetaMember m : group) {
                out.println(String.format("%-7s %s  (replication %s, %s)", m.name(), m.callAddress(), m.replicationAddress(),
                        cluster.serverDir(m.name())));
            }
        }
        for (var s : map.ring()) {
            out.println(String.format("%-7s %s", s.name(), s.address()));
        }
        out.println("RingFS is up: " + n + " data servers, " + (group.isEmpty() ? "meta at " + metaAddress
                : "a meta group of " + group.size() + " members at " + metaAddress));
        out.flush();
    }

    /**
     * Stops the cluster: the mount, the WebDAV front, then the data servers, so none heartbeats into a stopped meta. A server
     * `ringfs start` brought back since is found by its pid file, so it stops too.
     */
    private static void stop(ClusterDirectory cluster, Map<String, ProcessHandle> launched) {
        List<ProcessHandle> mounts = new ArrayList<>();
        List<ProcessHandle> fronts = new ArrayList<>();
        List<ProcessHandle> data = new ArrayList<>();
        List<ProcessHandle> meta = new ArrayList<>();
        for (Map.Entry<String, ProcessHandle> e : launched.entrySet()) {
            List<ProcessHandle> group = ClusterDirectory.MOUNT.equals(e.getKey()) ? mounts
                    : ClusterDirectory.WEBDAV.equals(e.getKey()) ? fronts
                    : ClusterDirectory.isDataServer(e.getKey()) ? data : meta; // meta, or a meta group's member
            group.add(e.getValue());
            try {
                cluster.running(e.getKey()).filter(p -> !p.equals(e.getValue())).ifPresent(group::add);
                cluster.removePid(e.getKey());
            } catch (IOException ex) {
                System.err.println("ringfs: up: cannot read or remove the pid file of " + e.getKey() + ": " + ex.getMessage());
            }
        }
        ServerStopper.stop(mounts, ServerStopper.GRACE); // SIGTERM unmounts cleanly
        ServerStopper.stop(fronts, ServerStopper.GRACE);
        ServerStopper.stop(data, ServerStopper.GRACE);
        ServerStopper.stop(meta, ServerStopper.GRACE);
    }
}
