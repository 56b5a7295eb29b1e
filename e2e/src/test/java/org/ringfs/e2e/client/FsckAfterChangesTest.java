package org.ringfs.e2e.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.repair.FindingType;
import org.ringfs.repair.FsckReport;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * fsck run right after files are removed, truncated or rewritten, before the data servers' freed
 * sweep (every 2 s) has deleted the dead copies: those copies are FREED, awaiting the sweep that
 * meta's freed records order, and the cluster is clean. (fsck called them ORPHANED, and a healthy
 * cluster NOT clean, until its next sweep.) A repair then deletes those copies and nothing a file
 * held open or a committed file needs. Real data server processes and meta.
 */
class FsckAfterChangesTest {
    static final int BLOCK = 64 * 1024;

    static MiniRingFsCluster cluster;
    static RingFsClient fs;

    @BeforeAll
    static void start() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(3).blockSize(BLOCK).processes(true).build();
        fs = cluster.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) cluster.close();
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
        assertThat(ClientFiles.read(fs, "/cut")).isEqualTo(java.util.Arrays.copyOf(cut, BLOCK));
        FsckReport after = ClientFiles.awaitCleanFsck(fs, java.time.Duration.ofSeconds(30));
        assertThat(after.clean()).as(after + ": " + after.findings()).isTrue();
    }

    private static void write(String path, int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        try (OpenFile f = fs.create(path, 0644, 0, 0, false)) {
            f.truncate(0);
            f.write(0, bytes, 0, size);
        }
    }
}
