package org.ringfs.cli.local;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaMember;
import org.ringfs.api.RingFsException;
import org.ringfs.cli.VerboseOption;
import org.ringfs.cli.admin.MetaGroupProbe;
import org.ringfs.security.RequestSigner;
import org.ringfs.transport.MetaClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ringfs meta remove meta-K}: stops a member of the local cluster's meta group and has the
 * master take it out of the group, so the majority is counted without it. The master itself is
 * refused: stop it first and let the others elect a new one. The member's store is moved aside to
 * DIR/meta-K.removed-TIMESTAMP (never deleted), and its name is not used again.
 */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Stop a member of the local cluster's meta group and take it out of the group.",
                "The master is refused: `ringfs crash meta-K` first, the others elect a new master, then remove it.",
                "Its store is kept in DIR/meta-K.removed-TIMESTAMP."})
public final class MetaRemoveCommand implements Callable<Integer> {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    @Parameters(index = "0", paramLabel = "NAME", description = "the member to remove, meta-K")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ClusterDirectory.DEFAULT,
            description = "Directory of the cluster (default: ./${DEFAULT-VALUE}).")
    Path dir;

    @Mixin
    VerboseOption verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!LocalMetaGroup.isMemberName(name)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + name + "' is not a meta member name (meta-1, meta-2, ...)");
        }
        ClusterDirectory cluster = new ClusterDirectory(dir);
        ClusterProperties props = cluster.properties();
        List<LocalMetaMember> group = props.metaGroup();
        if (!props.metaIsGroup()) {
            throw new LocalClusterException(cluster.root() + " runs a single meta, not a meta group: there is no member to remove");
        }
        LocalMetaMember member = group.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new LocalClusterException(name + " is not a member of the meta group in " + cluster.root()
                        + " (members: " + String.join(", ", group.stream().map(LocalMetaMember::name).toList()) + ")"));
        if (group.size() == 1) {
            throw new LocalClusterException(name + " is the meta group's only member: it is not removed");
        }
        RequestSigner signer = cluster.secret().map(RequestSigner::new).orElse(null);
        MetaGroupProbe probe = MetaGroupProbe.probe(group.stream().map(LocalMetaMember::callAddress).toList(),
                CALL_TIMEOUT, signer, null);
        MetaMember master = probe.master().orElseThrow(() -> new LocalClusterException("the meta group in " + cluster.root()
                + " has no master now (" + probe.silent().size() + " of " + group.size() + " members do not answer):"
                + " only the master takes a member out; start the members that are down first (`ringfs status` shows them)"));
        if (master.name().equals(name)) {
            throw new LocalClusterException(name + " is the meta group's master: it is not removed. Let another member take"
                    + " over first: `ringfs crash " + name + " --dir " + dir + "` (the others elect a new master within"
                    + " seconds), then `ringfs meta remove " + name + " --dir " + dir + "` again");
        }
        PrintWriter out = spec.commandLine().getOut();
        var running = cluster.running(name);
        if (running.isPresent()) {
            ServerStopper.stop(List.of(running.get()), ServerStopper.GRACE);
            cluster.removePid(name);
            out.println("stopped " + name + " (pid " + running.get().pid() + ")");
        }
        try {
            MetaClient.connect(master.callAddress(), CALL_TIMEOUT, signer, null).removeMetaMember(name);
        } catch (RingFsException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw new LocalClusterException("the master " + master.name() + " did not take " + name + " out of the group: "
                        + e.getMessage() + " (" + e.code() + "). " + name + " is stopped and still a member: run this"
                        + " command again, or `ringfs start " + name + "` to keep it");
            }
            out.println(name + " was not in the group the master knows (it never joined)");
        }
        List<LocalMetaMember> rest = group.stream().filter(m -> !m.name().equals(name)).toList();
        cluster.writeProperties(props.withMetaGroup(rest));
        new LocalMetaGroup(cluster, new ServerLauncher(cluster), null).recordHelpers(rest);
        LocalMetaRemoval.moveAside(cluster, name, out);
        out.println("removed " + name + " from the meta group; " + rest.size() + " members remain: " + String.join(", ",
                rest.stream().map(LocalMetaMember::name).toList()) + "; it serves while " + (rest.size() / 2 + 1)
                + " of them are up" + (rest.size() == 2 ? " (both: add a member with `ringfs meta add`)" : ""));
        out.flush();
        return 0;
    }
}
