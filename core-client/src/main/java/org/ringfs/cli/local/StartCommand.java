package org.ringfs.cli.local;

import org.ringfs.api.ServerInfo;
import org.ringfs.security.RequestSigner;
import org.ringfs.cli.VerboseOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ringfs start NAME}: reruns a stopped server's saved command and waits until it serves. A
 * data server whose directory was lost whole (a replaced disk) has no saved command: it is rebuilt
 * from cluster.properties, and the server refills from the other copies as after a lost store. A
 * meta group's member (meta-K) rejoins its group with the other members as helpers; one whose store
 * or directory was lost starts empty and copies a member's log (JE's network restore). Every command
 * is given the meta members cluster.properties records now (a member added or removed since).
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Start one stopped server of the local cluster again, on its store and port.",
                "A data server whose directory is gone starts empty from cluster.properties and is refilled.",
                "A meta group's member (meta-K) rejoins its group; one whose store is gone is refilled from a member's log."})
public final class StartCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "data-K, meta-K (a meta group's member), meta or webdav.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ClusterDirectory.DEFAULT,
            description = "Directory of the cluster (default: ./${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for it to come up (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    VerboseOption verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try {
            ClusterDirectory.checkServerName(name);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ClusterDirectory cluster = new ClusterDirectory(dir);
        String metaAddress = cluster.properties().metaAddress();
        var running = cluster.running(name);
        if (running.isPresent()) {
            throw new LocalClusterException(name + " is already running (pid " + running.get().pid() + ")");
        }
        ServerLauncher launcher = new ServerLauncher(cluster);
        ClusterReadiness readiness = new ClusterReadiness(launcher, cluster.secret().map(RequestSigner::new).orElse(null));
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        if (LocalMetaGroup.isMemberName(name)) return startMetaMember(cluster, launcher, readiness, timeout);
        boolean rebuilt = ClusterDirectory.isDataServer(name) && !cluster.hasCommand(name);
        List<String> command = rebuilt ? rebuildDataServer(cluster, readiness, name) : cluster.command(name);
        // The meta members of now: the group may have changed since the command was recorded.
        if (!ClusterDirectory.isMeta(name) && command.contains("--meta")) {
            command = ServerLauncher.withOption(command, "--meta", metaAddress);
        }
        ProcessHandle p = launcher.launch(name, command);
        int port;
        try {
            port = launcher.awaitPort(name, p, timeout);
            // A rebuilt command may have asked for any port: the next start keeps the one it got.
            if (rebuilt) cluster.writeCommand(name, ServerLauncher.withPort(command, port));
            if (ClusterDirectory.isDataServer(name)) {
                readiness.awaitDataServers(metaAddress, Map.of(name, port), Map.of(name, p), timeout);
            } else if (ClusterDirectory.META.equals(name)) {
                readiness.awaitMeta(metaAddress, p, timeout);
            }
        } catch (IOException | RuntimeException e) {
            // Half started is worse than stopped: `start` can be run again from a clean state.
            ServerStopper.kill(p);
            cluster.removePid(name);
            throw e;
        }
        if (rebuilt) {
            spec.commandLine().getOut().println(name + " had no directory: started empty from " + cluster.propertiesFile()
                    + "; it is refilled from the other copies (ringfs fsck is clean once it is)");
        }
        spec.commandLine().getOut().println("started " + name + " (pid " + p.pid() + ") at "
                + ServerLauncher.HOST + ":" + port);
        return 0;
    }

    /**
     * Starts meta group member {@code name} on its recorded command, or on one rebuilt from
     * cluster.properties when its directory is gone, with the other members as helpers; returns once
     * it is master or replica.
     */
    private int startMetaMember(ClusterDirectory cluster, ServerLauncher launcher, ClusterReadiness readiness,
                                Duration timeout) throws IOException {
        ClusterProperties props = cluster.properties();
        List<LocalMetaMember> group = props.metaGroup();
        LocalMetaMember member = group.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new LocalClusterException(name + " is not a member of the meta group in " + cluster.root()
                        + (group.isEmpty() ? " (it runs a single meta: `ringfs start meta`)"
                        : " (members: " + String.join(", ", group.stream().map(LocalMetaMember::name).toList()) + ")")));
        LocalMetaGroup meta = new LocalMetaGroup(cluster, launcher, readiness);
        boolean rebuilt = !cluster.hasCommand(name);
        boolean empty = !cluster.hasMetaStore(name);
        List<String> command;
        if (rebuilt) {
            if (props.clusterId() == null) {
                throw new LocalClusterException(cluster.propertiesFile() + " records no cluster id: " + name
                        + " cannot be rebuilt (start the cluster with `ringfs up --dir " + dir + "` first)");
            }
            Path secretFile = cluster.secretFileInUse().map(Path::toAbsolutePath).orElse(null);
            command = meta.command(member, group, props.clusterId(), secretFile, List.of());
        } else {
            command = ServerLauncher.withOption(cluster.command(name), "--helpers",
                    String.join(",", LocalMetaGroup.helpers(member, group)));
        }
        ProcessHandle p = meta.startMember(member, group, command, timeout);
        cluster.writeCommand(name, command);
        if (empty) {
            spec.commandLine().getOut().println(name + " had no store" + (rebuilt ? " and no directory" : "")
                    + ": it started empty and was filled from the other members (their log, or a copy of a member's"
                    + " store when the log no longer reaches back) before it rejoined the meta group");
        }
        spec.commandLine().getOut().println("started " + name + " (pid " + p.pid() + ") at " + member.callAddress()
                + ", replication " + member.replicationAddress());
        return 0;
    }

    /**
     * The command of data server {@code name} from what the cluster records: meta's address, the
     * secret `up` made, and the address meta's ring knows it at (any free port when meta has none).
     * Its cluster id is written first, so the new directory belongs to this cluster and the server
     * refuses a meta of another. Not carried over: --allow-fault-injection, which the file does not record.
     */
    private static List<String> rebuildDataServer(ClusterDirectory cluster, ClusterReadiness readiness, String name)
            throws IOException {
        ClusterProperties props = cluster.properties();
        int k = Integer.parseInt(name.substring(name.indexOf('-') + 1));
        if (k > props.dataServers()) {
            throw new LocalClusterException(cluster.root() + " holds a cluster of " + props.dataServers()
                    + " data servers: there is no " + name + " to start");
        }
        ServerInfo known = readiness.clusterMap(props.metaAddress()).server(name);
        int port = known == null ? 0 : Integer.parseInt(known.address().substring(known.address().lastIndexOf(':') + 1));
        if (props.clusterId() != null) {
            Files.createDirectories(cluster.serverDir(name));
            Files.writeString(cluster.dataClusterIdFile(name), props.clusterId() + "\n", StandardCharsets.UTF_8);
        }
        Path secretFile = cluster.secretFileInUse().map(Path::toAbsolutePath).orElse(null);
        return ServerLauncher.javaCommand(ServerLauncher.dataServerArgs(cluster, name, port, props.metaAddress(),
                secretFile, false));
    }
}
