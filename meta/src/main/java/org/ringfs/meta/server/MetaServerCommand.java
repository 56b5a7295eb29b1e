package org.ringfs.meta.server;

import org.ringfs.cli.RoleCommand;
import org.ringfs.cli.local.ClusterDirectory;
import org.ringfs.meta.store.Replication;
import org.ringfs.meta.store.StoreOptions;
import org.ringfs.server.ServerOptions;
import org.ringfs.server.ServerProcess;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ringfs meta}: runs the metadata server until SIGTERM or SIGINT. Prints one line
 * "meta listening on HOST:PORT" and writes the port to DIR/port, so a launcher that asked for
 * port 0 can find the real one.
 */
@Command(name = "meta", description = "Run the metadata server", mixinStandardHelpOptions = true)
public final class MetaServerCommand implements RoleCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server = new ServerOptions("127.0.0.1:7000");

    // Checked in call(), not by picocli: `ringfs meta add` and `ringfs meta remove` are subcommands and need no --dir of meta's.
    @Option(names = "--dir", paramLabel = "DIR", description = "Store directory (created and formatted when empty; required).")
    Path dir;

    @Option(names = "--block-size", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Block size of a fresh store (default: ${DEFAULT-VALUE}); a formatted store keeps its own.")
    int blockSize;

    @Option(names = "--ring", paramLabel = "NAME", split = ",",
            description = "Initial ring of a fresh store, in order, e.g. data-1,data-2,data-3.")
    List<String> ring = new ArrayList<>();

    @Option(names = "--dead-after-ms", paramLabel = "MS", defaultValue = "3000",
            description = "A data server is dead after this long without a heartbeat (default: ${DEFAULT-VALUE}).")
    long deadAfterMs;

    @Option(names = "--session-timeout-ms", paramLabel = "MS", defaultValue = "600000",
            description = "A client's writer session ends after this long without a renewal; only then do its "
                    + "uncommitted writes become garbage (default: ${DEFAULT-VALUE}).")
    long sessionTimeoutMs;
    @Option(names = "--accept-older-store",
            description = {"Clear the older-store alarm: accept this store although a data server held a generation or"
                    + " inode it had not allocated (a store restored from an old copy). Meta raises its counters above"
                    + " what the servers hold and grants deletes again once they have reported."})
    boolean acceptOlderStore;

    @Option(names = "--node-name", paramLabel = "NAME", defaultValue = "meta-1",
            description = "This meta's name in its group (default: ${DEFAULT-VALUE}).")
    String nodeName;

    @Option(names = "--replication", paramLabel = "HOST:PORT",
            description = "Run as a member of a meta group, replicating on this address (JE's node host:port). "
                    + "Without it this meta runs alone.")
    String replication;

    @Option(names = "--helpers", paramLabel = "HOST:PORT", split = ",",
            description = "Replication addresses of group members to join through; a founder names only itself, or nobody.")
    List<String> helpers = new ArrayList<>();

    @Option(names = "--cluster-id", paramLabel = "ID",
            description = "The cluster's id (required with --replication): the group is ringfs-ID, and a fresh store is "
                    + "formatted with this id.")
    String clusterId;

    @Override
    public Integer call() throws Exception {
        if (dir == null) throw usage("Missing required option: '--dir=DIR'");
        if (blockSize < 1 || blockSize > StoreOptions.MAX_BLOCK_SIZE) {
            throw usage("--block-size must be in [1, " + StoreOptions.MAX_BLOCK_SIZE + "], got " + blockSize);
        }
        if (sessionTimeoutMs < 1000) throw usage("--session-timeout-ms must be at least 1000, got " + sessionTimeoutMs);
        if (nodeName.isBlank()) throw usage("--node-name must not be empty");
        if (replication != null) {
            address(replication, "--replication");
            for (String h : helpers) address(h, "--helpers");
            if (clusterId == null || clusterId.isBlank()) throw usage("--cluster-id is required with --replication");
            try {
                new Replication(Replication.groupOf(clusterId), nodeName, replication, helpers);
            } catch (IllegalArgumentException e) {
                throw usage("--cluster-id or --node-name: " + e.getMessage());
            }
        } else if (!helpers.isEmpty()) {
            throw usage("--helpers needs --replication");
        }
        MetaServer meta = MetaServer.builder().host(server.host()).port(server.port()).dir(dir).blockSize(blockSize).initialRing(ring)
                .deadAfter(Duration.ofMillis(deadAfterMs)).sessionTimeout(Duration.ofMillis(sessionTimeoutMs))
                .acceptOlderStore(acceptOlderStore)
                .nodeName(nodeName).replication(replication).helpers(helpers).clusterId(clusterId)
                .secret(server.secret()).tls(server.keystore()).start();
        ServerProcess.serveUntilStopped("meta", meta, meta.port(), dir.resolve("port"), "meta listening on " + meta.address());
        return 0;
    }

    private void address(String address, String option) {
        try {
            ClusterDirectory.checkAddress(address, option);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec == null ? new CommandLine(this) : spec.commandLine(), message);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new MetaServerCommand()).execute(args));
    }
}
