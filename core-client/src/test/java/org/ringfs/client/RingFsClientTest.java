package org.ringfs.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockKey;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.repair.FindingType;
import org.ringfs.repair.FsckReport;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class RingFsClientTest {
    static final int BLOCK = 1024;

    final FakeCluster cluster = new FakeCluster(5, BLOCK);
    final RingFsClient fs = cluster.client();

    @AfterEach
    void close() {
        cluster.close();
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    byte[] readAll(RingFsClient client, String path) throws RingFsException {
        try (OpenFile f = client.open(path, false)) {
            byte[] out = new byte[(int) f.size()];
            int at = 0;
            while (at < out.length) {
                int n = f.read(at, out, at, Math.min(700, out.length - at));
                assertThat(n).isPositive();
                at += n;
            }
            assertThat(f.read(out.length, new byte[1], 0, 1)).isEqualTo(-1);
            return out;
        }
    }

    void writeFile(String path, byte[] data) throws RingFsException {
        try (OpenFile f = fs.create(path, 0644, 0, 0, false)) {
            f.write(0, data, 0, data.length);
        }
    }

    BlockKey key(String path, long index) throws RingFsException {
        long inode = fs.stat(path).id();
        for (BlockInfo b : cluster.meta.blockTable(inode)) if (b.index() == index) return b.key(inode);
        throw new AssertionError("no block " + index + " of " + path);
    }

    @Test
    void aNewFileAsksMetaOnceToCreateAndHoldIt() throws Exception {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        MetaService counted = FakeMeta.counting(cluster.meta.service(), calls);
        try (RingFsClient client = new RingFsClient(FakeCluster.settings(), counted, new ClusterView(counted, cluster.servers::get))) {
            try (OpenFile f = client.create("/new", 0644, 0, 0, true)) {
                f.write(0, new byte[10], 0, 10);
            }
        }
        assertThat(calls.get("createHeld")).hasValue(1);
        assertThat(calls).doesNotContainKeys("create", "holdInode");
    }

    @Test
    void roundTripAcrossBlocksPutsThreeCopiesOnThePlacementTargets() throws Exception {
        byte[] data = random(10 * BLOCK + 300, 1);
        writeFile("/f", data);
        assertThat(readAll(fs, "/f")).isEqualTo(data);
        long inode = fs.stat("/f").id();
        assertThat(fs.stat("/f").size()).isEqualTo(data.length);
        assertThat(cluster.meta.blockTable(inode)).hasSize(11);
        for (BlockInfo b : cluster.meta.blockTable(inode)) {
            for (FakeDataServer s : cluster.targets(b.key(inode))) assertThat(s.holds(b.key(inode))).isTrue();
        }
        assertThat(fs.fsck().check().clean()).isTrue();
        // fsck's progress hook runs once per committed block, in a check and in a repair.
        java.util.concurrent.atomic.AtomicLong checked = new java.util.concurrent.atomic.AtomicLong();
        assertThat(fs.fsck().check(checked::incrementAndGet).blocks()).isEqualTo(11);
        assertThat(checked).hasValue(11);
        assertThat(fs.fsck().repair(checked::incrementAndGet).clean()).isTrue();
        assertThat(checked).hasValue(22);
    }

    @Test
    void holesReadAsZerosAndOverwritesKeepTheRest() throws Exception {
        try (OpenFile f = fs.create("/sparse", 0644, 0, 0, false)) {
            f.write(5L * BLOCK + 10, new byte[] {1, 2, 3}, 0, 3);
            f.flush();
            f.write(100, new byte[] {9}, 0, 1);
        }
        byte[] expected = new byte[5 * BLOCK + 13];
        expected[100] = 9;
        expected[5 * BLOCK + 10] = 1;
        expected[5 * BLOCK + 11] = 2;
        expected[5 * BLOCK + 12] = 3;
        assertThat(readAll(fs, "/sparse")).isEqualTo(expected);
        assertThat(cluster.meta.blockTable(fs.stat("/sparse").id())).hasSize(2);
    }

    @Test
    void appendTruncateAndReopen() throws Exception {
        try (OpenFile f = fs.create("/a", 0644, 0, 0, false)) {
            assertThat(f.append(random(1500, 2), 0, 1500)).isZero();
            assertThat(f.append(random(700, 3), 0, 700)).isEqualTo(1500);
            f.truncate(1100); // cuts block 1 at 76 bytes
            f.truncate(3000); // grows: the cut-off tail must read as zeros
        }
        byte[] expected = new byte[3000];
        System.arraycopy(random(1500, 2), 0, expected, 0, 1100);
        assertThat(readAll(fs, "/a")).isEqualTo(expected);
        fs.truncate("/a", 10);
        assertThat(readAll(fs, "/a")).isEqualTo(Arrays.copyOf(expected, 10));
        assertThat(cluster.meta.blockTable(fs.stat("/a").id())).extracting(BlockInfo::index).containsExactly(0L);
    }

    @Test
    void unlinkAndRemoveTreeLeaveTheCopiesToTheDataServers() throws Exception {
        fs.mkdir("/d", 0755, 0, 0);
        fs.mkdir("/d/e", 0755, 0, 0);
        writeFile("/d/e/x", random(4 * BLOCK, 4));
        writeFile("/d/y", random(BLOCK, 5));
        writeFile("/z", random(2 * BLOCK, 6));
        int copies = cluster.servers.values().stream().mapToInt(FakeDataServer::size).sum();
        fs.unlink("/z");
        fs.removeTree("/d");
        assertThatThrownBy(() -> fs.stat("/d")).extracting(e -> ((RingFsException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        // The client deletes nothing: the data servers delete on meta's freed records (TestReconcileWithMeta).
        Thread.sleep(300);
        assertThat(cluster.servers.values().stream().mapToInt(FakeDataServer::size).sum()).isEqualTo(copies);
    }

    @Test
    void aFileHeldOpenCommitsItsFullStoredBlocksEveryFewSeconds() throws Exception {
        try (OpenFile f = fs.create("/held", 0644, 0, 0, false)) {
            f.write(0, random(3 * BLOCK, 30), 0, 3 * BLOCK); // three full blocks, stored as they fill
            f.write(3 * BLOCK, new byte[10], 0, 10);          // and a partial tail
            long inode = f.inode();
            assertThat(cluster.meta.blockTable(inode)).isEmpty();
            Thread.sleep(OpenFileHandle.COMMIT_OPEN_EVERY_NANOS / 1_000_000 + 500);
            f.write(3 * BLOCK + 10, new byte[] {7}, 0, 1);  // the next write after the interval commits them
            assertThat(cluster.meta.blockTable(inode)).extracting(BlockInfo::index).containsExactly(0L, 1L, 2L);
            assertThat(fs.stat("/held").size()).isEqualTo(3 * BLOCK); // the tail waits for the flush
        }
        assertThat(fs.stat("/held").size()).isEqualTo(3 * BLOCK + 11);
    }

    @Test
    void openingADirectoryIsAnError() throws Exception {
        fs.mkdir("/dir", 0755, 0, 0);
        assertThatThrownBy(() -> fs.open("/dir/", false)).extracting(e -> ((RingFsException) e).code())
                .isEqualTo(ErrorCode.IS_DIRECTORY);
        assertThatThrownBy(() -> fs.stat("dir")).extracting(e -> ((RingFsException) e).code()).isEqualTo(ErrorCode.INVALID);
    }

    @Test
    void readsFallBackWhenOneOrTwoTargetsAreDown() throws Exception {
        byte[] data = random(6 * BLOCK, 7);
        writeFile("/f", data);
        List<FakeDataServer> targets = cluster.targets(key("/f", 0));
        targets.get(0).setDown(true);
        assertThat(readAll(cluster.client(), "/f")).isEqualTo(data);
        targets.get(1).setDown(true);
        assertThat(readAll(cluster.client(), "/f")).isEqualTo(data);
    }

    @Test
    void aReadWaitsWhileNoCopyIsReachable() throws Exception {
        byte[] data = random(BLOCK, 8);
        writeFile("/f", data);
        List<FakeDataServer> targets = cluster.targets(key("/f", 0));
        targets.forEach(s -> s.setDown(true));
        RingFsClient patient = cluster.client(FakeCluster.settings().withReadWait(Duration.ofSeconds(20)));
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return readAll(patient, "/f");
            } catch (RingFsException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(700);
        assertThat(read).isNotDone();
        targets.get(2).setDown(false);
        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(data);

        targets.get(2).setDown(true);
        RingFsClient impatient = cluster.client(FakeCluster.settings().withReadWait(Duration.ofMillis(300)));
        assertThatThrownBy(() -> readAll(impatient, "/f")).extracting(e -> ((RingFsException) e).code())
                .isEqualTo(ErrorCode.TIMED_OUT);
    }

    @Test
    void corruptCopiesAreReadAroundAndRewritten() throws Exception {
        byte[] data = random(3 * BLOCK, 9);
        writeFile("/f", data);
        BlockKey k0 = key("/f", 0);
        BlockKey k1 = key("/f", 1);
        cluster.targets(k0).get(0).corrupt(k0, 5);
        cluster.targets(k1).get(0).corrupt(k1, 0);
        cluster.targets(k1).get(1).corrupt(k1, BLOCK - 1);
        assertThat(fs.fsck().check().count(FindingType.CORRUPT)).isEqualTo(3);
        assertThat(readAll(cluster.client(), "/f")).isEqualTo(data);
        for (BlockKey k : List.of(k0, k1)) {
            for (FakeDataServer s : cluster.targets(k)) assertThat(s.verify(k).length()).isEqualTo(BLOCK);
        }
        assertThat(fs.fsck().check().clean()).isTrue();
    }

    @Test
    void everyCopyBadIsCorrupt() throws Exception {
        writeFile("/f", random(BLOCK, 10));
        BlockKey k = key("/f", 0);
        for (FakeDataServer s : cluster.targets(k)) s.corrupt(k, 1);
        assertThatThrownBy(() -> readAll(cluster.client(), "/f")).extracting(e -> ((RingFsException) e).code())
                .isEqualTo(ErrorCode.CORRUPT);
    }

    @Test
    void smallReadsOfBigBlocksFetchOnlyTheirChunksAndStillRepair() throws Exception {
        try (FakeCluster big = new FakeCluster(4, 256 * 1024)) {
            RingFsClient client = big.client();
            byte[] data = random(600 * 1024, 11);
            try (OpenFile f = client.create("/big", 0644, 0, 0, false)) {
                f.write(0, data, 0, data.length);
            }
            long inode = client.stat("/big").id();
            BlockKey k1 = big.meta.blockTable(inode).get(1).key(inode);
            FakeDataServer primary = big.targets(k1).get(0);
            primary.corrupt(k1, 70 * 1024); // in the second chunk of block 1
            try (OpenFile f = big.client().open("/big", false)) {
                byte[] piece = new byte[100];
                assertThat(f.read(256 * 1024 + 70 * 1024 - 50, piece, 0, 100)).isEqualTo(100);
                assertThat(piece).isEqualTo(Arrays.copyOfRange(data, 256 * 1024 + 70 * 1024 - 50, 256 * 1024 + 70 * 1024 + 50));
            }
            assertThat(primary.verify(k1).length()).isEqualTo(256 * 1024);
        }
    }

    @Test
    void quorumWritesCompleteWithATargetDownAndFsckRepairsTheMissingCopy() throws Exception {
        FakeDataServer down = cluster.server("data-2");
        down.setDown(true);
        byte[] data = random(8 * BLOCK, 12);
        writeFile("/q", data);
        assertThat(down.size()).isZero();
        FsckReport whileDown = fs.fsck().check();
        assertThat(whileDown.count(FindingType.UNREACHABLE)).isEqualTo(1);
        down.setDown(false);
        FsckReport found = fs.fsck().repair();
        assertThat(found.count(FindingType.MISSING)).isPositive();
        assertThat(fs.fsck().check().clean()).isTrue();
        assertThat(readAll(fs, "/q")).isEqualTo(data);
    }

    @Test
    void aSupersededUncommittedGenerationIsLeftToMetasRecordsNotDeletedByTheClient() throws Exception {
        fs.create("/slow", 0644, 0, 0, false).close();
        long inode = fs.stat("/slow").id();
        FakeDataServer slow = cluster.targets(new BlockKey(inode, 0, 1)).get(2);
        slow.setPutDelay(1500);
        try (OpenFile f = fs.open("/slow", false)) {
            f.write(0, random(BLOCK, 20), 0, BLOCK); // fills block 0: written behind, quorum without the slow copy
            Thread.sleep(700);
            f.write(5, new byte[] {1}, 0, 1);         // supersedes that uncommitted generation
        }
        slow.setPutDelay(0);
        long committed = cluster.meta.blockTable(inode).get(0).generation();
        Thread.sleep(2500); // both slow PUTs have landed
        Set<Long> held = new HashSet<>();
        for (FakeDataServer s : cluster.servers.values()) {
            for (BlockKey k : s.keys()) if (k.inode() == inode) held.add(k.generation());
        }
        assertThat(held).hasSize(2).contains(committed); // the superseded one is still there: no client deletes
        // Below the committed generation it can never be committed: fsck finds it orphaned, its repair deletes it.
        assertThat(fs.fsck().check().count(FindingType.ORPHANED)).isPositive();
        fs.fsck().repair();
        assertThat(fs.fsck().check().clean()).isTrue();
    }

    @Test
    void neitherAReaderNorAStatWaitsForWritesThatWaitForADownServer() throws Exception {
        byte[] other = random(10 * BLOCK, 40);
        writeFile("/read-me", other);
        RingFsClient patient = cluster.client(FakeCluster.settings().withWritePolicy(WritePolicy.ALL)
                .withWriteWait(Duration.ofSeconds(30)));
        cluster.server("data-2").setDown(true);
        OpenFile stuck = patient.create("/stuck", 0644, 0, 0, false);
        byte[] data = random(12 * BLOCK, 41); // fewer than a forced commit (16): the write itself does not wait
        stuck.write(0, data, 0, data.length); // every block with data-2 among its targets waits for it
        CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> {
            try {
                stuck.flush();
            } catch (RingFsException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(stuck.size()).isEqualTo(data.length);          // a stat during the flush
            assertThat(readAll(patient, "/read-me")).isEqualTo(other); // read-ahead beside the waiting writes
        });
        assertThat(flush).isNotDone();
        cluster.server("data-2").setDown(false);
        flush.get(30, TimeUnit.SECONDS);
        stuck.close();
        assertThat(readAll(fs, "/stuck")).isEqualTo(data);
    }

    @Test
    void allWritesWaitForEveryTargetAndTimeOut() throws Exception {
        RingFsClient all = cluster.client(FakeCluster.settings().withWritePolicy(WritePolicy.ALL)
                .withWriteWait(Duration.ofSeconds(20)));
        fs.create("/w", 0644, 0, 0, false).close();
        BlockKey probe = new BlockKey(fs.stat("/w").id(), 0, 1);
        FakeDataServer down = cluster.targets(probe).get(1);
        down.setDown(true);
        byte[] data = random(BLOCK / 2, 13);
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
            try (OpenFile f = all.open("/w", false)) {
                f.write(0, data, 0, data.length);
            } catch (RingFsException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(700);
        assertThat(write).isNotDone();
        down.setDown(false);
        write.get(10, TimeUnit.SECONDS);
        for (FakeDataServer s : cluster.targets(key("/w", 0))) assertThat(s.holds(key("/w", 0))).isTrue();

        down.setDown(true);
        RingFsClient impatient = cluster.client(FakeCluster.settings().withWritePolicy(WritePolicy.ALL)
                .withWriteWait(Duration.ofMillis(300)));
        OpenFile f = impatient.open("/w", false);
        f.write(0, data, 0, 10);
        assertThatThrownBy(f::close).extracting(e -> ((RingFsException) e).code()).isEqualTo(ErrorCode.TIMED_OUT);
    }

    @Test
    void aQuorumWriteWithTwoTargetsFullIsNoSpaceAndLeavesTheFileAsItWas() throws Exception {
        byte[] before = random(2 * BLOCK, 30);
        writeFile("/full", before);
        for (FakeDataServer s : cluster.targets(key("/full", 1))) s.setFull(true);
        cluster.targets(key("/full", 1)).get(0).setFull(false);

        OpenFile f = fs.open("/full", false);
        f.write(BLOCK, random(BLOCK, 31), 0, BLOCK);
        assertThatThrownBy(f::close).isInstanceOfSatisfying(RingFsException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NO_SPACE);
            assertThat(e.getMessage()).contains("no space left");
        });
        assertThat(readAll(fs, "/full")).isEqualTo(before);

        for (FakeDataServer s : cluster.servers.values()) s.setFull(false);
        byte[] after = random(3 * BLOCK, 32);
        writeFile("/full", after);
        assertThat(readAll(fs, "/full")).isEqualTo(after);
    }

    @Test
    void aQuorumWriteWithOneTargetFullSucceeds() throws Exception {
        fs.create("/one", 0644, 0, 0, false).close();
        cluster.targets(new BlockKey(fs.stat("/one").id(), 0, 1)).get(2).setFull(true);
        byte[] data = random(BLOCK / 2, 33);
        writeFile("/one", data);
        assertThat(readAll(fs, "/one")).isEqualTo(data);
    }

    /** A full target is not down: the seed's "all" policy does not wait for it, even with another target down. */
    @Test
    void anAllWriteWithATargetFullFailsAtOnceWithNoSpace() throws Exception {
        RingFsClient all = cluster.client(FakeCluster.settings().withWritePolicy(WritePolicy.ALL)
                .withWriteWait(Duration.ofSeconds(60)));
        fs.create("/a", 0644, 0, 0, false).close();
        List<FakeDataServer> targets = cluster.targets(new BlockKey(fs.stat("/a").id(), 0, 1));
        targets.get(0).setFull(true);
        targets.get(1).setDown(true);
        OpenFile f = all.open("/a", false);
        f.write(0, random(100, 34), 0, 100);
        long started = System.nanoTime();
        assertThatThrownBy(f::close).extracting(e -> ((RingFsException) e).code()).isEqualTo(ErrorCode.NO_SPACE);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(fs.stat("/a").size()).isZero();
    }

    @Test
    void concurrentWritersToOneBlockBothSurviveAConflict() throws Exception {
        byte[] base = random(BLOCK, 14);
        writeFile("/c", base);
        RingFsClient other = cluster.client();
        OpenFile mine = fs.open("/c", false);
        OpenFile theirs = other.open("/c", false);
        mine.write(10, new byte[] {1, 1, 1}, 0, 3);
        theirs.write(500, new byte[] {2, 2}, 0, 2);
        theirs.close();
        mine.close();
        byte[] expected = base.clone();
        expected[10] = expected[11] = expected[12] = 1;
        expected[500] = expected[501] = 2;
        assertThat(readAll(cluster.client(), "/c")).isEqualTo(expected);
        assertThat(cluster.meta.conflicts.get()).isEqualTo(1);
        // The generation both writers replaced is superseded: fsck's repair deletes it on meta's record.
        fs.fsck().repair();
        assertThat(fs.fsck().check().clean()).isTrue();
    }

    @Test
    void anOpenReaderFollowsANewerCommit() throws Exception {
        writeFile("/s", random(2 * BLOCK, 15));
        OpenFile reader = cluster.client().open("/s", false);
        byte[] fresh = random(2 * BLOCK, 16);
        long inode = fs.stat("/s").id();
        writeFile("/s", fresh); // commits new generations over the ones the reader's table names
        // The data servers delete the replaced generations on meta's freed records; here, by hand.
        List<BlockInfo> current = cluster.meta.blockTable(inode);
        for (FakeDataServer s : cluster.servers.values()) {
            for (BlockKey k : s.keys()) {
                if (k.inode() == inode && k.generation() < current.get((int) k.index()).generation()) s.delete(k);
            }
        }
        byte[] got = new byte[2 * BLOCK];
        assertThat(reader.read(0, got, 0, got.length)).isEqualTo(got.length);
        assertThat(got).isEqualTo(fresh);
        reader.close();
    }

    @Test
    void sequentialWritesAreWrittenBehindAndCommittedInBoundedBatches() throws Exception {
        RingFsClient small = cluster.client(new ClientSettings("fake:0", WritePolicy.QUORUM, Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(2), 2, 2));
        byte[] data = random(20 * BLOCK + 5, 17);
        try (OpenFile f = small.create("/seq", 0644, 0, 0, false)) {
            for (int at = 0; at < data.length; at += 300) f.write(at, data, at, Math.min(300, data.length - at));
            assertThat(cluster.meta.commits.get()).isGreaterThan(2); // committed along the way, not all at the end
            byte[] back = new byte[data.length];
            assertThat(f.read(0, back, 0, back.length)).isEqualTo(data.length); // read-your-writes, mixed
            assertThat(back).isEqualTo(data);
        }
        assertThat(readAll(fs, "/seq")).isEqualTo(data);
    }

    @Test
    void streamsWriteAndReadBlockByBlock() throws Exception {
        byte[] data = random(5 * BLOCK + 77, 18);
        try (OutputStream out = fs.openOutput("/stream", false, 0, 0)) {
            out.write(data, 0, 100);
            for (int i = 100; i < 2000; i++) out.write(data[i]);
            out.write(data, 2000, data.length - 2000);
        }
        try (OutputStream out = fs.openOutput("/stream", true, 0, 0)) {
            out.write(new byte[] {42});
        }
        byte[] expected = Arrays.copyOf(data, data.length + 1);
        expected[data.length] = 42;
        try (InputStream in = fs.openInput("/stream")) {
            assertThat(in.read()).isEqualTo(expected[0] & 0xff);
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(expected, 1, expected.length));
        }
        try (OutputStream out = fs.openOutput("/stream", false, 0, 0)) {
            out.write(new byte[] {7});
        }
        assertThat(readAll(fs, "/stream")).containsExactly(7);
    }

    @Test
    void openWithTruncateEmptiesTheFile() throws Exception {
        writeFile("/t", random(3 * BLOCK, 19));
        try (OpenFile f = fs.open("/t", true)) {
            assertThat(f.size()).isZero();
            f.write(0, new byte[] {5}, 0, 1);
            assertThat(f.attributes().size()).isEqualTo(1);
        }
        assertThat(readAll(fs, "/t")).containsExactly(5);
    }

    @Test
    void anOpenFileCountsTheChangesItBeganAtMeta() throws Exception {
        try (OpenFile f = fs.create("/counted", 0644, 0, 0, true)) {
            assertThat(f.changesBegun()).hasValue(0);
            f.write(0, new byte[10], 0, 10);
            assertThat(f.changesBegun()).as("a write of part of a block is only buffered").hasValue(0);
            f.flush();
            assertThat(f.changesBegun()).as("the flush committed it").hasValue(1);
            f.flush();
            assertThat(f.changesBegun()).as("nothing left to commit").hasValue(1);
            f.truncate(5);
            assertThat(f.changesBegun()).hasValue(2);
            f.append(new byte[3], 0, 3);
            f.flush();
            assertThat(f.changesBegun()).hasValue(3);
        }
    }

    @Test
    void anOpenFileKeepsMetasAnswerToItsLastCommitWhileNothingChangedSince() throws Exception {
        try (OpenFile f = fs.create("/answered", 0644, 0, 0, true)) {
            assertThat(f.committedAttributes()).as("nothing committed yet").isEmpty();
            f.write(0, new byte[10], 0, 10);
            f.flush();
            assertThat(f.committedAttributes()).as("what a stat says now").hasValue(fs.stat("/answered"));
            f.append(new byte[3], 0, 3);
            f.flush();
            assertThat(f.committedAttributes()).hasValue(fs.stat("/answered"));
            assertThat(f.committedAttributes().orElseThrow().size()).isEqualTo(13);
            f.truncate(5);
            assertThat(f.committedAttributes()).as("a truncate came after the commit").isEmpty();
        }
    }
}
