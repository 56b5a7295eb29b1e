package org.ringfs.e2e.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.BlockKey;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.repair.FindingType;
import org.ringfs.repair.FsckReport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ringfs.e2e.client.ClientFiles.random;
import static org.ringfs.e2e.client.ClientFiles.read;
import static org.ringfs.e2e.client.ClientFiles.write;

/**
 * Stored copies corrupted through the data servers' fault hook: reads return the right bytes and
 * rewrite the bad copies on the way; fsck finds what no read touched and repairs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ClientCorruptionTest {
    static final int BLOCK = 64 * 1024;

    MiniRingFsCluster cluster;
    RingFsClient fs;

    @BeforeAll
    void start() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(5).blockSize(BLOCK).allowFaultInjection(true).build();
        fs = cluster.client();
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    /** Flips a byte of the copy of block {@code index} on its {@code copy}-th target (0 primary). */
    BlockKey corrupt(String path, long index, int copy, int offset) throws RingFsException {
        BlockKey key = ClientFiles.key(cluster, fs, path, index);
        String server = ClientFiles.targets(cluster, fs, path, index).get(copy);
        cluster.blockService(server).corrupt(key, offset);
        return key;
    }

    /** CORRUPT findings on copies of the files whose paths start with {@code prefix}. */
    long corruptCopies(FsckReport report, String prefix) throws RingFsException {
        Set<Long> inodes = new HashSet<>();
        for (DirectoryEntry e : fs.list("/")) if (("/" + e.name()).startsWith(prefix)) inodes.add(e.attributes().id());
        return report.findings().stream()
                .filter(f -> f.type() == FindingType.CORRUPT && inodes.contains(f.key().inode())).count();
    }

    void assertEveryCopyVerifies(String path, long index) throws RingFsException {
        BlockKey key = ClientFiles.key(cluster, fs, path, index);
        for (String server : ClientFiles.targets(cluster, fs, path, index)) {
            assertThat(cluster.blockService(server).verify(key).key()).isEqualTo(key);
        }
    }

    @Test
    void oneAndTwoBadCopiesAreReadAroundAndRewritten() throws Exception {
        byte[] data = random(4 * BLOCK, 1);
        write(fs, "/one-two", data);
        corrupt("/one-two", 1, 0, 100);           // the primary of block 1
        corrupt("/one-two", 2, 0, 0);             // two copies of block 2
        corrupt("/one-two", 2, 1, BLOCK - 1);
        assertThat(corruptCopies(fs.fsck().check(), "/one-two")).isEqualTo(3);

        assertThat(read(cluster.client(), "/one-two")).isEqualTo(data);
        assertEveryCopyVerifies("/one-two", 1);
        assertEveryCopyVerifies("/one-two", 2);
        assertThat(corruptCopies(fs.fsck().check(), "/one-two")).isZero();
    }

    @Test
    void oneReadHealsBadCopiesOnNonAdjacentServersEvenThoseItDidNotNeed() throws Exception {
        byte[] data = random(3 * BLOCK, 4);
        write(fs, "/apart", data);
        corrupt("/apart", 2, 0, 10);              // the primary and replica 2: the read stops at replica 1
        corrupt("/apart", 2, 2, 20);
        assertThat(read(cluster.client(), "/apart")).isEqualTo(data);
        assertEveryCopyVerifies("/apart", 2);
        assertThat(corruptCopies(fs.fsck().check(), "/apart")).isZero();
    }

    @Test
    void smallReadsRepairTheChunkTheyFoundBad() throws Exception {
        byte[] data = random(2 * BLOCK, 2);
        write(fs, "/small-read", data);
        corrupt("/small-read", 1, 0, 3000);
        byte[] piece = new byte[64];
        try (var f = cluster.client().open("/small-read", false)) {
            assertThat(f.read(BLOCK + 2990, piece, 0, piece.length)).isEqualTo(piece.length);
        }
        assertThat(piece).isEqualTo(java.util.Arrays.copyOfRange(data, BLOCK + 2990, BLOCK + 2990 + 64));
        assertEveryCopyVerifies("/small-read", 1);
    }

    @Test
    void everyCopyBadIsAnIoError() throws Exception {
        write(fs, "/all-bad", random(BLOCK / 2, 3));
        for (int copy = 0; copy < 3; copy++) corrupt("/all-bad", 0, copy, 7);
        assertThatThrownBy(() -> read(cluster.client(), "/all-bad")).extracting(e -> ((RingFsException) e).code())
                .isEqualTo(ErrorCode.CORRUPT);
        fs.unlink("/all-bad");
    }

    @Test
    void manyFilesAcrossServersReadRightAndFsckRepairsWhatNoReadTouched() throws Exception {
        List<byte[]> contents = new ArrayList<>();
        for (int f = 0; f < 8; f++) {
            byte[] data = random(3 * BLOCK + 1000 + f * 1000, 10 + f);
            contents.add(data);
            write(fs, "/many-" + f, data);
        }
        int corrupted = 0;
        int passedByReads = 0; // a read meets a bad copy only on its way to a good one: here, bad primaries
        for (int f = 0; f < 8; f++) {
            for (int b = 0; b < 4; b++) {
                int copy = (f + b) % 3; // a different copy each time, so every server is hit
                corrupt("/many-" + f, b, copy, 11 * b + f);
                corrupted++;
                if (f < 4 && copy == 0) passedByReads++;
            }
        }
        assertThat(corruptCopies(fs.fsck().check(), "/many-")).isEqualTo(corrupted);
        for (int f = 0; f < 4; f++) assertThat(read(cluster.client(), "/many-" + f)).isEqualTo(contents.get(f));
        assertThat(corruptCopies(fs.fsck().check(), "/many-")).isEqualTo(corrupted - passedByReads);

        FsckReport repaired = fs.fsck().repair();
        assertThat(repaired.repaired()).isGreaterThanOrEqualTo(corrupted - passedByReads);
        FsckReport clean = ClientFiles.awaitCleanFsck(fs, Duration.ofSeconds(5));
        assertThat(clean.clean()).as(clean + " " + clean.findings()).isTrue();
        for (int f = 0; f < 8; f++) assertThat(read(cluster.client(), "/many-" + f)).isEqualTo(contents.get(f));
    }
}
