package org.ringfs.cli.local;

import org.ringfs.cli.VerboseOption;
import org.ringfs.cli.admin.MetaGroupProbe;
import org.ringfs.api.MetaMember;
import org.ringfs.security.RequestSigner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ringfs meta add}: starts one more member of a local cluster's meta group, meta-(K+1) after
 * the highest K this DIR has used, joining through the running members, and records it in
 * cluster.properties once it is a replica (JE's network restore gives it the group's store).
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Start one more member of the local cluster's meta group (meta-K after the highest K used in DIR).",
                "It joins through the running members, copies the group's store and is recorded in DIR/cluster.properties.",
                "Data servers and fronts already running reach it from their next start; they follow the master meanwhile."})
public final class MetaAddCommand implements Callable<Integer> {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ClusterDirectory.DEFAULT,
            description = "Directory of the cluster (default: ./${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long the new member may take to join and copy the store (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    VerboseOption verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ClusterDirectory cluster = new ClusterDirectory(dir);
        ClusterProperties props = cluster.properties();
        if (!props.metaIsGroup()) {
            throw new LocalClusterException(cluster.root() + " runs a single meta (" + cluster.serverDir(ClusterDirectory.META)
                    + "), not a meta group: members are added to a group, which `ringfs up --meta-replicas 3` starts"
                    + " in a new --dir");
        }
        if (props.clusterId() == null) {
            throw new LocalClusterException(cluster.propertiesFile() + " records no cluster id: start the cluster with"
                    + " `ringfs up --dir " + dir + "` first");
        }
        List<LocalMetaMember> group = props.metaGroup();
        RequestSigner signer = cluster.secret().map(RequestSigner::new).orElse(null);
        MetaGroupProbe probe = MetaGroupProbe.probe(group.stream().map(LocalMetaMember::callAddress).toList(),
                CALL_TIMEOUT, signer, null);
        MetaMember master = probe.master().orElseThrow(() -> new LocalClusterException("the meta group in " + cluster.root()
                + " has no master now (" + probe.silent().size() + " of " + group.size() + " members do not answer):"
                + " a member joins through the master; start the members that are down first (`ringfs status` shows them)"));
        LocalMetaMember added = LocalMetaGroup.next(group, cluster.highestMetaIndexUsed());
        List<LocalMetaMember> grown = new ArrayList<>(group);
        grown.add(added);
        Path secretFile = cluster.secretFileInUse().map(Path::toAbsolutePath).orElse(null);
        ServerLauncher launcher = new ServerLauncher(cluster);
        LocalMetaGroup meta = new LocalMetaGroup(cluster, launcher, new ClusterReadiness(launcher, signer));
        List<String> command = meta.command(added, grown, props.clusterId(), secretFile, List.of());
        // Recorded first, so `down` stops it even if this command is interrupted while it joins.
        cluster.writeProperties(props.withMetaGroup(grown));
        ProcessHandle p;
        try {
            p = meta.startMember(added, grown, command, Duration.ofSeconds(timeoutSeconds));
        } catch (IOException | RuntimeException e) {
            cluster.writeProperties(props);
            // The group may have taken the name before it failed: it is not used again.
            LocalMetaRemoval.moveAside(cluster, added.name(), spec.commandLine().getOut());
            throw e;
        }
        meta.recordHelpers(grown);
        PrintWriter out = spec.commandLine().getOut();
        out.println("added " + added.name() + " (pid " + p.pid() + ") at " + added.callAddress() + ", replication "
                + added.replicationAddress() + ", joined through master " + master.name());
        out.println("the meta group has " + grown.size() + " members: " + String.join(", ", grown.stream()
                .map(LocalMetaMember::name).toList()) + "; it serves while " + (grown.size() / 2 + 1) + " of them are up");
        out.println("data servers and fronts running now learn of " + added.name() + " at their next start"
                + " (DIR/cluster.properties names it)");
        out.flush();
        return 0;
    }
}
