package org.ringfs.e2e.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.repair.FindingType;
import org.ringfs.repair.Fsck;
import org.ringfs.repair.FsckReport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * fsck on a cluster in use, on real data server processes and meta. Right after files are removed,
 * truncated or rewritten, before the data servers' freed sweep (every 2 s) has deleted the dead
 * copies, those copies are FREED and the cluster is clean (fsck called them ORPHANED until the next
 * sweep); a repair then deletes them and nothing a file held open or a committed file needs. While
 * fsck walks, files removed, truncated, rewritten and created are no fault either: fsck reads meta's
 * live generations and freed records, then meta's rows of the blocks, then each server's copies, and
 * the tests here make the changes between those reads (by a client of their own, from a hook on the
 * fsck client's calls to meta), so the race is the same every run. (fsck reported blocks changed
 * after it read their rows MISSING, the copies of later writes UNKNOWN and copies freed after it
 * began ORPHANED, so a cluster in use was never clean.)
 *
 * <p>Each test has a client of its own, closed after it: a client releases the files it closed with
 * its next session renewal (every 2 s), and a file it wrote and another unlinked before that lives on
 * as an orphan, freed at the release. Closing the client ends its session and frees them at once, so
 * no test's files change under the next test's fsck.
 */
class FsckOnAClusterInUseTest {
    static final int BLOCK = 64 * 1024;

    static MiniRingFsCluster cluster;
    RingFsClient fs;

    @BeforeAll
    static void start() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(3).blockSize(BLOCK).processes(true).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    @BeforeEach
    void openClient() {
        fs = cluster.client();
    }

    @AfterEach
    void closeClient() {
        fs.close();
    }

    @Test
    void aClusterIsCleanRightAfterRemovesTruncatesAndRewrites() throws Exception {
        long freed = 0;
        for (int round = 0; round < 3; round++) {
            write("/gone-" + round, 4 * BLOCK, round);
            write("/cut-" + round, 4 * BLOCK, round + 10);
            write("/rewritten-" + round, 2 * BLOCK, round + 20);

            fs.unlink("/gone-" + round);
            fs.truncate("/cut-" + round, BLOCK);
            write("/rewritten-" + round, 2 * BLOCK, round + 30); // new generations over both blocks
            FsckReport report = fs.fsck().check();

            assertThat(report.clean()).as(report + ": " + report.findings()).isTrue();
            assertThat(report.count(FindingType.ORPHANED)).isZero();
            freed += report.count(FindingType.FREED);
        }
        // The sweep runs every 2 s and fsck here takes milliseconds: it found dead copies not swept yet.
        assertThat(freed).isPositive();
    }

    @Test
    void aRepairRightAfterTheChangesLeavesAFileHeldOpenAndEveryCommittedByteAlone() throws Exception {
        byte[] kept = ClientFiles.random(3 * BLOCK, 40);
        ClientFiles.write(fs, "/kept", kept);
        byte[] cut = ClientFiles.random(4 * BLOCK, 41);
        ClientFiles.write(fs, "/cut", cut);
        ClientFiles.write(fs, "/gone", ClientFiles.random(2 * BLOCK, 43));
        byte[] held = ClientFiles.random(4 * BLOCK, 42);
        try (OpenFile writer = fs.create("/held", 0644, 0, 0, true)) {
            // Full blocks are stored behind the writer, uncommitted: copies of a live session.
            writer.write(0, held, 0, held.length);
            FsckReport before = fs.fsck().check();
            for (long until = System.nanoTime() + 10_000_000_000L;
                 before.count(FindingType.PENDING) == 0 && System.nanoTime() < until; before = fs.fsck().check()) {
                Thread.sleep(100);
            }
            assertThat(before.count(FindingType.PENDING)).as(before.toString()).isPositive();
            fs.truncate("/cut", BLOCK);
            fs.unlink("/gone");

            // Deletes the copies the freed records order deleted (unless a sweep got there first).
            FsckReport repaired = fs.fsck().repair();

            assertThat(repaired.count(FindingType.PENDING)).as(repaired.toString()).isPositive(); // kept
        }
        assertThat(ClientFiles.read(fs, "/held")).isEqualTo(held);
        assertThat(ClientFiles.read(fs, "/kept")).isEqualTo(kept);
        assertThat(ClientFiles.read(fs, "/cut")).isEqualTo(Arrays.copyOf(cut, BLOCK));
        FsckReport after = ClientFiles.awaitCleanFsck(fs, Duration.ofSeconds(30));
        assertThat(after.clean()).as(after + ": " + after.findings()).isTrue();
    }

    private void write(String path, int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        try (OpenFile f = fs.create(path, 0644, 0, 0, false)) {
            f.truncate(0);
            f.write(0, bytes, 0, size);
        }
    }

    @ParameterizedTest(name = "repair: {0}")
    @ValueSource(booleans = {false, true})
    void blocksThatChangeAfterFsckReadTheirRowsAreCountedAsChangedAndLeftAlone(boolean repair) throws Exception {
        String dir = "/after-rows-" + repair;
        fs.mkdir(dir, 0755, 0, 0);
        byte[] kept = ClientFiles.random(BLOCK, 1);
        ClientFiles.write(fs, dir + "/kept", kept);
        ClientFiles.write(fs, dir + "/removed", ClientFiles.random(4 * BLOCK, 2));
        byte[] truncated = ClientFiles.random(4 * BLOCK, 3);
        ClientFiles.write(fs, dir + "/truncated", truncated);
        ClientFiles.write(fs, dir + "/rewritten", ClientFiles.random(2 * BLOCK, 4));
        long removed = fs.stat(dir + "/removed").id();
        long cut = fs.stat(dir + "/truncated").id();
        long rewritten = fs.stat(dir + "/rewritten").id();
        long oldGeneration = ClientFiles.key(cluster, fs, dir + "/rewritten", 1).generation();
        byte[] rewrite = ClientFiles.random(2 * BLOCK, 5);
        byte[] created = ClientFiles.random(2 * BLOCK, 6);

        AtomicBoolean changed = new AtomicBoolean();
        Fsck fsck = cluster.clientThrough(meta -> afterFirstScanPage(meta, () -> {
            changed.set(true);
            // A client that starts now: meta hands it generations fsck has never heard of.
            try (RingFsClient late = cluster.client()) {
                late.unlink(dir + "/removed");
                late.truncate(dir + "/truncated", BLOCK);
                ClientFiles.write(late, dir + "/rewritten", rewrite);
                ClientFiles.write(late, dir + "/created", created);
            }
            // The sweeps carry out the freed records before fsck lists a server's copies.
            awaitNoServerHolds(c -> c.key().inode() == removed
                    || (c.key().inode() == cut && c.key().index() >= 1)
                    || (c.key().inode() == rewritten && c.key().generation() <= oldGeneration));
        })).fsck();
        FsckReport report = repair ? fsck.repair() : fsck.check();

        assertThat(changed).isTrue();
        assertThat(report.clean()).as(report + ": " + report.findings()).isTrue();
        assertThat(report.changed()).as(report.toString()).isEqualTo(4 + 3 + 2); // removed, cut off, rewritten
        assertThat(report.count(FindingType.PENDING)).as("the copies written after fsck began").isEqualTo(4 * 3);
        assertThat(report.count(FindingType.UNKNOWN)).isZero();
        assertThat(report.repaired()).isZero();
        assertThat(ClientFiles.read(fs, dir + "/kept")).isEqualTo(kept);
        assertThat(ClientFiles.read(fs, dir + "/truncated")).isEqualTo(Arrays.copyOf(truncated, BLOCK));
        assertThat(ClientFiles.read(fs, dir + "/rewritten")).isEqualTo(rewrite);
        assertThat(ClientFiles.read(fs, dir + "/created")).isEqualTo(created);
        FsckReport after = fs.fsck().check();
        assertThat(after.clean()).as(after + ": " + after.findings()).isTrue();
        assertThat(after.changed()).isZero();
    }

    @Test
    void copiesFreedAfterFsckReadTheFreedRecordsAreFreedNotOrphaned() throws Exception {
        long freed = 0;
        // A sweep (every 2 s) may delete the dead copies before fsck lists them: then there is
        // nothing to see, so up to three rounds, until one has seen them.
        for (int round = 0; round < 3 && freed == 0; round++) {
            String dir = "/before-rows-" + round;
            fs.mkdir(dir, 0755, 0, 0);
            ClientFiles.write(fs, dir + "/removed", ClientFiles.random(3 * BLOCK, 7));
            ClientFiles.write(fs, dir + "/rewritten", ClientFiles.random(2 * BLOCK, 8));
            byte[] rewrite = ClientFiles.random(2 * BLOCK, 9);

            FsckReport report = cluster.clientThrough(meta -> beforeFirstScanPage(meta, () -> {
                fs.unlink(dir + "/removed");
                ClientFiles.write(fs, dir + "/rewritten", rewrite);
            })).fsck().check();

            assertThat(report.clean()).as(report + ": " + report.findings()).isTrue();
            assertThat(report.count(FindingType.ORPHANED)).isZero();
            assertThat(ClientFiles.read(fs, dir + "/rewritten")).isEqualTo(rewrite);
            freed += report.count(FindingType.FREED);
        }
        assertThat(freed).isPositive();
    }

    /** A change to the cluster made from inside a call to meta. */
    @FunctionalInterface
    interface Change {
        void run() throws Exception;
    }

    /** {@code meta}, but the first scanBlocks call runs {@code change} once meta has answered it. */
    static MetaService afterFirstScanPage(MetaService meta, Change change) {
        return aroundFirstScanPage(meta, change, false);
    }

    /** {@code meta}, but the first scanBlocks call runs {@code change} before it asks meta. */
    static MetaService beforeFirstScanPage(MetaService meta, Change change) {
        return aroundFirstScanPage(meta, change, true);
    }

    private static MetaService aroundFirstScanPage(MetaService meta, Change change, boolean before) {
        AtomicBoolean done = new AtomicBoolean();
        InvocationHandler h = (proxy, method, args) -> {
            boolean first = method.getName().equals("scanBlocks") && done.compareAndSet(false, true);
            try {
                if (first && before) change.run();
                Object answer = method.invoke(meta, args);
                if (first && !before) change.run();
                return answer;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (MetaService) Proxy.newProxyInstance(MetaService.class.getClassLoader(), new Class<?>[] {MetaService.class}, h);
    }

    private static void awaitNoServerHolds(Predicate<StoredBlock> dead) {
        MiniRingFsCluster.waitUntil(() -> {
            try {
                for (String server : cluster.dataServerNames()) {
                    if (cluster.blockService(server).list(null, 10_000).stream().anyMatch(dead)) return false;
                }
                return true;
            } catch (RingFsException e) {
                throw new AssertionError(e);
            }
        }, Duration.ofSeconds(30));
    }
}
