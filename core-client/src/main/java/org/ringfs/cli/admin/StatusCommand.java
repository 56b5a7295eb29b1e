package org.ringfs.cli.admin;

import org.ringfs.api.ClusterMap;
import org.ringfs.api.DataServerStatus;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerInfo;
import org.ringfs.cli.ClusterOptions;
import org.ringfs.cli.VerboseOption;
import org.ringfs.security.RequestSigner;
import org.ringfs.transport.BlockClient;
import org.ringfs.transport.BlockConnections;
import org.ringfs.transport.MetaClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code ringfs status}: one row per ring server from meta's cluster map, refreshed from each alive
 * server's own /status (meta's copy is as old as the last heartbeat), then the cluster's counts.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the ring's servers and the cluster's health.")
public final class StatusCommand implements Callable<Integer> {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final String ROW = "%-10s %-22s %-6s %10s %14s %-14s %8s%n";

    @Mixin
    ClusterOptions cluster;

    @Mixin
    VerboseOption verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String metaAddress = cluster.metaAddress();
        RequestSigner signer = cluster.signer();
        SSLContext tls = cluster.tls();
        ClusterMap map = new MetaClient(metaAddress, CALL_TIMEOUT, signer, tls).clusterMap();
        BlockConnections connections = BlockClient.connections(CALL_TIMEOUT, tls);
        PrintWriter out = spec.commandLine().getOut();
        out.println("meta " + metaAddress + ", ring epoch " + map.epoch() + ", block size " + map.blockSize());
        out.printf(ROW, "NAME", "ADDRESS", "ALIVE", "BLOCKS", "BYTES", "REBUILD", "CORRUPT");
        long corrupt = 0;
        int alive = 0;
        for (ServerInfo s : map.ring()) {
            ServerRow row = s.alive() ? fresh(s, connections, signer, tls != null) : ServerRow.of(s);
            if (s.alive()) alive++;
            corrupt += row.corrupt();
            out.printf(ROW, s.name(), s.address(), s.alive() ? "yes" : "NO", row.blocks(), row.bytes(),
                    row.rebuild(), row.corrupt());
        }
        out.println(alive + " of " + map.ring().size() + " data servers alive; under-replicated blocks: "
                + map.underReplicatedBlocks() + "; corrupt copies: " + corrupt);
        cluster.localWebDav().ifPresent(out::println);
        out.flush();
        return 0;
    }

    /** The server's own figures; meta's when it does not answer (it may have died since its last heartbeat). */
    private static ServerRow fresh(ServerInfo s, BlockConnections connections, RequestSigner signer, boolean tls) {
        try {
            return ServerRow.of(new BlockClient(connections, s.address(), CALL_TIMEOUT, signer, tls).status());
        } catch (RingFsException e) {
            return ServerRow.of(s);
        }
    }

    /** What one row shows of a server. */
    record ServerRow(long blocks, long bytes, String rebuild, long corrupt) {
        static ServerRow of(ServerInfo s) {
            return new ServerRow(s.blocks(), s.bytes(), rebuild(s.rebuilding(), s.rebuildDone(), s.rebuildTotal()),
                    s.corruptBlocks());
        }

        static ServerRow of(DataServerStatus s) {
            return new ServerRow(s.blocks(), s.bytes(), rebuild(s.rebuilding(), s.rebuildDone(), s.rebuildTotal()),
                    s.corruptBlocks());
        }

        private static String rebuild(boolean rebuilding, long done, long total) {
            return rebuilding ? done + "/" + total : "-";
        }
    }
}
