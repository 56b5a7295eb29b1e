package org.ringfs.cli.admin;

import org.ringfs.api.ClusterMap;
import org.ringfs.api.DataServerStatus;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerInfo;
import org.ringfs.api.ServerVitals;
import org.ringfs.cli.ClusterOptions;
import org.ringfs.cli.FailureReporter;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ringfs status}: for a meta group, one row per member (role, lag, term, who is down) from
 * what the members answer ({@link MetaGroupProbe}); then one row per ring server from meta's cluster map, refreshed from each alive
 * server's own /status (meta's copy is as old as the last heartbeat), then the cluster's counts,
 * then whether meta grants deletes and whether a data server refuses meta (another cluster). Exit
 * 1 when meta refuses deletes for good (older-store alarm) or a server refuses meta; waiting for
 * the servers' reports after meta's start is not an error. A meta group without a master (too few
 * members up) fails the command after its meta section, like an unreachable meta; a member down
 * while the group serves is shown, not an error.
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
        PrintWriter out = spec.commandLine().getOut();
        List<String> members = MetaGroupProbe.split(metaAddress);
        MetaGroupProbe group = MetaGroupProbe.probe(members, CALL_TIMEOUT, signer, tls).naming(cluster.localMetaMemberNames());
        String mapAddress = metaAddress;
        if (!group.singleMeta() && (members.size() > 1 || group.view().size() > 1)) {
            boolean serving = group.print(out);
            out.flush();
            if (!serving) {
                throw new RingFsException(ErrorCode.UNAVAILABLE, "the meta group has no master (" + group.silent().size()
                        + " of " + members.size() + " members do not answer): no cluster map");
            }
            // The master the members named answers at once: no failover window to wait through.
            mapAddress = group.master().orElseThrow().callAddress();
        }
        MetaClient meta = MetaClient.connect(mapAddress, CALL_TIMEOUT, signer, tls);
        ClusterMap map = meta.clusterMap();
        BlockConnections connections = BlockClient.connections(CALL_TIMEOUT, tls);
        // Only a group's master answers: the member that did is it.
        String metaLine = members.size() == 1 ? metaAddress : meta.address() + " (master of " + String.join(",", members) + ")";
        out.println("meta " + metaLine + ", cluster " + map.clusterId() + ", ring epoch " + map.epoch()
                + ", block size " + map.blockSize());
        out.printf(ROW, "NAME", "ADDRESS", "ALIVE", "BLOCKS", "BYTES", "REBUILD", "CORRUPT");
        long corrupt = 0;
        int alive = 0;
        Map<String, String> refusals = new LinkedHashMap<>();
        for (ServerInfo s : map.ring()) {
            // A server meta refuses is never alive in meta's map: ask it anyway, it may be refusing meta.
            String address = s.address().isEmpty() ? cluster.localDataServerAddress(s.name()).orElse("") : s.address();
            DataServerStatus own = address.isEmpty() ? null : ownStatus(address, connections, signer, tls != null);
            if (own != null && !own.clusterRefusal().isEmpty()) refusals.put(s.name(), own.clusterRefusal());
            ServerRow row = ServerRow.of(s.alive() && own != null ? own.vitals() : s.vitals());
            if (s.alive()) alive++;
            corrupt += row.corrupt();
            out.printf(ROW, s.name(), s.address(), s.alive() ? "yes" : "NO", row.blocks(), row.bytes(),
                    row.rebuild(), row.corrupt());
        }
        for (ServerInfo s : map.ring()) {
            if (!s.retiring()) continue;
            out.println(s.name() + " retiring: " + (s.drainLeft() == ServerInfo.DRAIN_UNKNOWN ? "no drain pass reported yet"
                    : s.drainLeft() + " copies not yet verified on their targets") + " (it leaves the ring at 0)");
        }
        out.println(alive + " of " + map.ring().size() + " data servers alive; under-replicated blocks: "
                + map.underReplicatedBlocks() + "; corrupt copies: " + corrupt);
        cluster.localWebDav().ifPresent(out::println);
        boolean refused = report(out, map, refusals);
        out.flush();
        return refused ? FailureReporter.FAILED : 0;
    }

    /** Says whether deletes are allowed and who refuses whom; true when that needs the operator. */
    private static boolean report(PrintWriter out, ClusterMap map, Map<String, String> refusals) {
        if (map.deletesAllowed()) {
            out.println("deletes: allowed");
        } else if (map.waitingForReports()) {
            out.println("deletes: held back, " + map.deleteRefusal() + " (normal for a few seconds after meta starts)");
        } else {
            out.println("DELETES REFUSED by meta: " + map.deleteRefusal());
        }
        refusals.forEach((name, why) -> out.println(name + " REFUSES META: " + why));
        if (!refusals.isEmpty()) {
            out.println("What to do: start meta on the store these data servers belong to (a moved or restored"
                    + " meta directory); nothing is deleted meanwhile. To start a new cluster on purpose, move the"
                    + " data servers' stores and cluster-id files aside (a local cluster: `ringfs up --new-cluster`).");
        }
        return !refusals.isEmpty() || (!map.deletesAllowed() && !map.waitingForReports());
    }

    /** The server's own status; null when it does not answer (it may have died since its last heartbeat). */
    private static DataServerStatus ownStatus(String address, BlockConnections connections, RequestSigner signer,
                                              boolean tls) {
        try {
            return new BlockClient(connections, address, CALL_TIMEOUT, signer, tls).status();
        } catch (RingFsException e) {
            return null;
        }
    }

    /** What one row shows of a server. */
    record ServerRow(long blocks, long bytes, String rebuild, long corrupt) {
        static ServerRow of(ServerVitals v) {
            return new ServerRow(v.blocks(), v.bytes(), rebuild(v.rebuilding(), v.rebuildDone(), v.rebuildTotal()),
                    v.corruptBlocks());
        }

        private static String rebuild(boolean rebuilding, long done, long total) {
            return rebuilding ? done + "/" + total : "-";
        }
    }
}
