package org.ringfs.e2e.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.DataServerStatus;
import org.ringfs.api.RingFsException;
import org.ringfs.cli.Main;
import org.ringfs.cli.local.ClusterDirectory;
import org.ringfs.cli.local.ClusterProperties;
import org.ringfs.client.RingFsClient;
import org.ringfs.data.server.MetaAuthority;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.repair.FindingType;
import org.ringfs.repair.FsckReport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ringfs.e2e.client.ClientFiles.random;
import static org.ringfs.e2e.client.ClientFiles.read;
import static org.ringfs.e2e.client.ClientFiles.write;

/**
 * Issue 9, case 1: meta restarted on an empty directory (a wrong --dir, a lost disk) formats a new
 * cluster. Its data servers, reconciling every second and polling for freed records every 2 s, must
 * refuse it and delete nothing; with the old store back every byte reads and fsck is clean. Servers
 * are OS processes.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BlankMetaTest {
    static final int BLOCK = 256 * 1024;
    static final int FILE_BYTES = 20 << 20;
    static final long RECONCILE_MILLIS = 1000;
    static final int SERVERS = 3;

    @Test
    void aBlankMetaIsRefusedAndNothingIsDeleted() throws Exception {
        try (MiniRingFsCluster cluster = MiniRingFsCluster.builder().dataServers(SERVERS).blockSize(BLOCK).processes(true)
                .reconcileIntervalMillis(RECONCILE_MILLIS).build()) {
            byte[] data = random(FILE_BYTES, 9);
            write(cluster.client(), "/big", data);
            String ours = cluster.clusterMap().clusterId();
            long copies = 3L * FILE_BYTES / BLOCK;
            // Every copy stored, and every server has taken meta's word (recorded its cluster id).
            MiniRingFsCluster.waitUntil(() -> heldCopies(cluster) == copies && cluster.dataServerNames().stream()
                    .allMatch(n -> Files.exists(cluster.dataDir(n).resolve(MetaAuthority.FILE))), Duration.ofSeconds(30));
            // `ringfs status --dir ROOT` reads the cluster file `up` would have written.
            new ClusterDirectory(cluster.root()).writeProperties(
                    new ClusterProperties(cluster.metaAddress(), SERVERS, BLOCK));

            cluster.stopMeta();
            Path moved = cluster.root().resolve("meta.moved");
            Files.move(cluster.metaDir(), moved);
            cluster.startMeta();
            String blank = cluster.clusterMap().clusterId();
            assertThat(blank).isNotEqualTo(ours);

            Thread.sleep(5 * RECONCILE_MILLIS + 2000); // five reconcile passes and a freed-record sweep or two
            for (String name : cluster.dataServerNames()) {
                DataServerStatus s = cluster.blockService(name).status();
                assertThat(s.clusterRefusal()).as(name).contains(ours, blank);
                assertThat(cluster.isAliveInMeta(name)).as(name + " is refused by the blank meta").isFalse();
            }
            assertThat(heldCopies(cluster)).isEqualTo(copies);
            // An admin's fsck --repair against the blank meta: its map gives no server an address, so
            // it reaches none, and deletes nothing.
            FsckReport blankRepair = cluster.client().fsck().repair();
            assertThat(blankRepair.repaired()).as(blankRepair.toString()).isZero();
            assertThat(blankRepair.count(FindingType.UNREACHABLE)).isEqualTo(SERVERS);
            assertThat(heldCopies(cluster)).isEqualTo(copies);
            Status refused = status(cluster);
            assertThat(refused.exit()).as(refused.out()).isEqualTo(1);
            assertThat(refused.out()).contains("cluster " + blank, "data-1 REFUSES META", "What to do");

            cluster.stopMeta();
            Files.move(cluster.metaDir(), cluster.root().resolve("meta.blank"));
            Files.move(moved, cluster.metaDir());
            cluster.startMeta();
            assertThat(cluster.clusterMap().clusterId()).isEqualTo(ours);
            MiniRingFsCluster.waitUntil(() -> cluster.dataServerNames().stream().allMatch(n -> aliveAndObeying(cluster, n)),
                    Duration.ofSeconds(30));

            RingFsClient fs = cluster.client();
            assertThat(sha256(read(fs, "/big"))).isEqualTo(sha256(data));
            FsckReport report = ClientFiles.awaitCleanFsck(fs, Duration.ofSeconds(30));
            assertThat(report.clean()).as(report.toString()).isTrue();
            assertThat(heldCopies(cluster)).isEqualTo(copies);
            Status fine = status(cluster);
            assertThat(fine.exit()).as(fine.out()).isZero();
            assertThat(fine.out()).contains("cluster " + ours).doesNotContain("REFUSES");
        }
    }

    private static long heldCopies(MiniRingFsCluster cluster) {
        long sum = 0;
        for (String name : cluster.dataServerNames()) {
            try {
                sum += cluster.blockService(name).status().vitals().blocks();
            } catch (RingFsException e) {
                return -1;
            }
        }
        return sum;
    }

    private static boolean aliveAndObeying(MiniRingFsCluster cluster, String name) {
        try {
            return cluster.isAliveInMeta(name) && cluster.blockService(name).status().clusterRefusal().isEmpty();
        } catch (RingFsException e) {
            return false;
        }
    }

    record Status(int exit, String out) {}

    /** `ringfs status --dir ROOT`, in this JVM. */
    private static Status status(MiniRingFsCluster cluster) {
        StringWriter out = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int exit = cli.execute("status", "--dir", cluster.root().toString());
        return new Status(exit, out.toString());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
