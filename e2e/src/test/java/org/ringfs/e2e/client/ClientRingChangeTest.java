package org.ringfs.e2e.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockKey;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.RingEpoch;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.cli.Main;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.placement.Placement;
import org.ringfs.repair.FsckReport;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ringfs.e2e.client.ClientFiles.awaitCleanFsck;
import static org.ringfs.e2e.client.ClientFiles.random;
import static org.ringfs.e2e.client.ClientFiles.read;
import static org.ringfs.e2e.client.ClientFiles.write;

/**
 * Ring changes with real processes: a server that joins takes only its share, every file reads
 * back at once and all through the move; meta's ring history survives a restart; once meta has
 * recorded the blocks moved, the copies on servers that are no longer targets are deleted and every
 * block is on exactly its three current targets. A retired server leaves the ring only once its
 * copies are on their targets, and then nothing needs it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ClientRingChangeTest {
    static final int BLOCK = 64 * 1024;
    static final int FILES = 24;

    MiniRingFsCluster cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    private List<byte[]> writeFiles(RingFsClient fs) throws RingFsException {
        List<byte[]> contents = new ArrayList<>();
        for (int f = 0; f < FILES; f++) {
            byte[] data = random(1 + (f % 6) * BLOCK + f * 1013, 100 + f);
            write(fs, "/f" + f, data);
            contents.add(data);
        }
        return contents;
    }

    private static void readEverything(RingFsClient fs, List<byte[]> contents) throws RingFsException {
        for (int f = 0; f < FILES; f++) assertThat(read(fs, "/f" + f)).as("/f" + f).isEqualTo(contents.get(f));
    }

    /** The (inode, index) of every committed block of the files. */
    private List<long[]> blocks(RingFsClient fs) throws RingFsException {
        List<long[]> out = new ArrayList<>();
        for (int f = 0; f < FILES; f++) {
            long inode = fs.stat("/f" + f).id();
            for (BlockInfo b : cluster.metaService().blocks(inode, 0, 1000).blocks()) out.add(new long[] {inode, b.index()});
        }
        return out;
    }

    /** Copies whose server changed from {@code before} to {@code after}, of all copies. */
    private static double movedShare(List<long[]> blocks, Placement before, Placement after) {
        long moved = 0;
        for (long[] b : blocks) {
            Set<String> kept = new HashSet<>(before.targets(b[0], b[1]));
            kept.retainAll(after.targets(b[0], b[1]));
            moved += Placement.COPIES - kept.size();
        }
        return (double) moved / (blocks.size() * (double) Placement.COPIES);
    }

    /** Which servers hold each copy (inode, index, generation), from the listing of every member running. */
    private Map<BlockKey, Set<String>> holders() throws RingFsException {
        Map<BlockKey, Set<String>> out = new HashMap<>();
        for (String server : cluster.clusterMap().names()) {
            if (!cluster.isRunning(server)) continue;
            BlockKey after = null;
            while (true) {
                List<StoredBlock> page = cluster.blockService(server).list(after, 1000);
                if (page.isEmpty()) break;
                for (StoredBlock b : page) out.computeIfAbsent(b.key(), k -> new HashSet<>()).add(server);
                after = page.get(page.size() - 1).key();
            }
        }
        return out;
    }

    /** Blocks of the files whose copies are not exactly on their current targets ({@code offTargetsOnly}: on a non-target). */
    private List<String> notExactlyOnTargets(RingFsClient fs, Placement placement, boolean offTargetsOnly)
            throws RingFsException {
        Map<BlockKey, Set<String>> holders = holders();
        List<String> wrong = new ArrayList<>();
        for (int f = 0; f < FILES; f++) {
            long inode = fs.stat("/f" + f).id();
            for (BlockInfo b : cluster.metaService().blocks(inode, 0, 1000).blocks()) {
                Set<String> held = holders.getOrDefault(b.key(inode), Set.of());
                Set<String> targets = new HashSet<>(placement.targets(inode, b.index()));
                boolean off = !targets.containsAll(held);
                if (offTargetsOnly ? off : !held.equals(targets)) {
                    wrong.add(b.key(inode) + " on " + held + ", targets " + targets);
                }
            }
        }
        return wrong;
    }

    @Test
    void aJoinUnderReadsMovesItsShareAndEveryFileReadsAtOnce() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(4).blockSize(BLOCK).processes(true)
                .reconcileIntervalMillis(2000).build();
        RingFsClient writer = cluster.client();
        List<byte[]> contents = writeFiles(writer);
        List<long[]> blocks = blocks(writer);
        Placement before = cluster.placement();
        // A server of the ring that is down cannot verify its share: meta records no block moved meanwhile.
        String late = "data-4";
        cluster.crash(late);

        String joined = cluster.addDataServer();
        Placement after = cluster.placement();
        assertThat(after.ring()).contains(joined).hasSize(5);
        double moved = movedShare(blocks, before, after);
        System.out.printf("join of %s: %.1f%% of %d copies moved (one new server in five: about 20%%)%n", joined,
                100 * moved, blocks.size() * Placement.COPIES);
        assertThat(moved).isLessThan(0.35);

        readEverything(cluster.client(), contents); // at once: no wait for reconciliation

        // Every file reads, again and again, while the copies move.
        AtomicBoolean moving = new AtomicBoolean(true);
        AtomicInteger rounds = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                RingFsClient fs = cluster.client();
                do {
                    readEverything(fs, contents);
                    rounds.incrementAndGet();
                    Thread.sleep(100); // leave the two cores to the move
                } while (moving.get());
            } catch (Throwable t) {
                failures.add(t);
            }
        }, "reader-during-the-move");
        reader.start();
        try {
            // The blocks still record the old ring's epoch, so the map carries both rings; a restart keeps them.
            List<RingEpoch> history = cluster.clusterMap().rings();
            assertThat(history).hasSize(2);
            assertThat(history.get(0).members()).containsExactlyInAnyOrderElementsOf(before.ring());
            assertThat(history.get(1).members()).containsExactlyInAnyOrderElementsOf(after.ring());
            cluster.stopMeta();
            cluster.startMeta();
            assertThat(cluster.clusterMap().rings()).as("the ring history after a restart").isEqualTo(history);

            Thread.sleep(3000); // passes run meanwhile; the old holders keep their copies: no block is recorded moved
            assertThat(notExactlyOnTargets(writer, after, true)).as("copies kept off the new targets").isNotEmpty();

            long start = System.nanoTime();
            cluster.start(late);
            List<String> wrong = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (System.nanoTime() < deadline) {
                wrong = notExactlyOnTargets(writer, after, false);
                if (wrong.isEmpty()) break;
                Thread.sleep(300);
            }
            assertThat(wrong).as("blocks not exactly on their current targets").isEmpty();
            System.out.printf("moved %d ms after %s came back; %d read rounds meanwhile%n",
                    (System.nanoTime() - start) / 1_000_000, late, rounds.get());
        } finally {
            moving.set(false);
            reader.join();
        }
        assertThat(failures).as("reads during the move").isEmpty();
        assertThat(cluster.clusterMap().rings()).as("every block is placed by the current ring").hasSize(1);
        FsckReport report = awaitCleanFsck(cluster.client(), Duration.ofSeconds(20));
        assertThat(report.clean()).as(report.toString()).isTrue();
        readEverything(cluster.client(), contents);
    }

    @Test
    void aRetiredServerLeavesOnlyOnceItsCopiesAreOnTheirTargets() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(5).blockSize(BLOCK).processes(true)
                .reconcileIntervalMillis(2000).build();
        RingFsClient writer = cluster.client();
        List<byte[]> contents = writeFiles(writer);
        String leaving = "data-5";
        assertThat(cluster.clusterMap().server(leaving).vitals().blocks()).isPositive();

        // `data retire --wait` follows the drain until meta takes the server out of the ring.
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        long start = System.nanoTime();
        CompletableFuture<Integer> retire = CompletableFuture.supplyAsync(
                () -> cli.execute("data", "retire", leaving, "--wait", "--meta", cluster.metaAddress()));
        MiniRingFsCluster.waitUntil(() -> {
            try {
                return cluster.clusterMap().server(leaving).retiring();
            } catch (RingFsException e) {
                return false;
            }
        }, Duration.ofSeconds(10));
        readEverything(cluster.client(), contents); // while it drains

        assertThat(retire.get(45, TimeUnit.SECONDS)).as(out.toString()).isZero();
        System.out.printf("%s drained and left the ring in %d ms%n", leaving, (System.nanoTime() - start) / 1_000_000);
        assertThat(out.toString()).contains(leaving + " is retiring").contains(leaving + " left the ring: every copy");
        assertThat(cluster.clusterMap().names()).hasSize(4).doesNotContain(leaving);

        cluster.crash(leaving);
        readEverything(cluster.client(), contents);
        FsckReport report = awaitCleanFsck(cluster.client(), Duration.ofSeconds(30));
        assertThat(report.clean()).as(report.toString()).isTrue();
    }
}
