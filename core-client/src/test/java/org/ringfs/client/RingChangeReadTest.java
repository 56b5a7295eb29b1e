package org.ringfs.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockKey;
import org.ringfs.api.RingFsException;
import org.ringfs.placement.Placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads across a ring change: a block is read where the ring epoch it records placed it, before its
 * new targets are asked; a block with no recorded epoch (a row from before epochs) whose current
 * targets do not hold it yet is still found on the other members, and written to its targets.
 */
@Timeout(30)
class RingChangeReadTest {
    static final int BLOCK = 1024;
    static final int FILES = 12;
    static final int BLOCKS_PER_FILE = 5;

    FakeCluster cluster;

    @AfterEach
    void close() {
        if (cluster != null) cluster.close();
    }

    private List<byte[]> writeFiles(RingFsClient fs) throws RingFsException {
        List<byte[]> contents = new ArrayList<>();
        for (int f = 0; f < FILES; f++) {
            byte[] data = new byte[BLOCKS_PER_FILE * BLOCK - 100];
            new Random(f).nextBytes(data);
            try (OpenFile file = fs.create("/f" + f, 0644, 0, 0, false)) {
                file.write(0, data, 0, data.length);
            }
            contents.add(data);
        }
        return contents;
    }

    private List<BlockKey> keys(RingFsClient fs) throws RingFsException {
        List<BlockKey> keys = new ArrayList<>();
        for (int f = 0; f < FILES; f++) {
            long inode = fs.stat("/f" + f).id();
            for (BlockInfo b : cluster.meta.blockTable(inode)) keys.add(b.key(inode));
        }
        return keys;
    }

    private void readEverything(RingFsClient client, List<byte[]> contents) throws RingFsException {
        for (int f = 0; f < FILES; f++) {
            try (OpenFile file = client.open("/f" + f, false)) {
                byte[] out = new byte[contents.get(f).length];
                int at = 0;
                while (at < out.length) {
                    int n = file.read(at, out, at, Math.min(700, out.length - at)); // ranged reads across blocks
                    assertThat(n).isPositive();
                    at += n;
                }
                assertThat(out).isEqualTo(contents.get(f));
            }
        }
    }

    private void assertEveryTargetHoldsIt(List<BlockKey> keys) throws RingFsException {
        Placement now = cluster.placement();
        for (BlockKey k : keys) {
            for (String t : now.targets(k.inode(), k.index())) {
                assertThat(cluster.server(t).holds(k)).as("%s on %s", k, t).isTrue();
            }
        }
    }

    @Test
    void aBlockIsReadWhereItsEpochPlacedItAndItsNewTargetsAreNotAsked() throws Exception {
        cluster = new FakeCluster(4, BLOCK);
        List<byte[]> contents = writeFiles(cluster.client());
        List<BlockKey> keys = keys(cluster.client());
        FakeDataServer joined = cluster.addServer("data-5");
        Placement now = cluster.placement();
        assertThat(keys).anyMatch(k -> now.holds("data-5", k.inode(), k.index()));

        readEverything(cluster.client(), contents);
        assertThat(joined.gets.get()).as("reads of blocks the old ring placed never ask the server that joined").isZero();
    }

    @Test
    void fsckRepairDeletesACopyOffItsTargetsOnlyOnceMetaRecordedItsBlockMoved() throws Exception {
        cluster = new FakeCluster(4, BLOCK);
        RingFsClient fs = cluster.client();
        writeFiles(fs);
        List<BlockKey> keys = keys(fs);
        Placement before = cluster.placement();
        cluster.addServer("data-5");
        Placement now = cluster.placement();
        List<BlockKey> moving = keys.stream().filter(k -> now.holds("data-5", k.inode(), k.index())).toList();
        assertThat(moving).isNotEmpty();

        cluster.client().fsck().repair(); // fills data-5; the blocks still record the old ring's epoch
        assertEveryTargetHoldsIt(keys);
        for (BlockKey k : moving) {
            String holder = before.targets(k.inode(), k.index()).stream().filter(s -> !now.holds(s, k.inode(), k.index()))
                    .findFirst().orElseThrow();
            assertThat(cluster.server(holder).holds(k)).as("%s kept on %s: not recorded moved", k, holder).isTrue();
        }

        cluster.meta.recordEveryBlockMoved();
        cluster.client().fsck().repair();
        assertEveryTargetHoldsIt(keys);
        for (BlockKey k : keys) {
            for (FakeDataServer s : cluster.servers.values()) {
                assertThat(s.holds(k)).as("%s on %s", k, s.name()).isEqualTo(now.holds(s.name(), k.inode(), k.index()));
            }
        }
    }

    @Test
    void blocksWithoutAnEpochNoneOfWhoseNewTargetsHoldThemReadAndMove() throws Exception {
        cluster = new FakeCluster(4, BLOCK);
        cluster.meta.forgetEpochs();
        RingFsClient writer = cluster.client();
        List<byte[]> contents = writeFiles(writer);
        List<BlockKey> keys = keys(writer);
        for (String joining : List.of("data-5", "data-6", "data-7")) cluster.addServer(joining);

        // Three joins at once: some blocks now have no copy on any of their targets.
        Placement now = cluster.placement();
        List<BlockKey> orphaned = keys.stream().filter(k -> now.targets(k.inode(), k.index()).stream()
                .noneMatch(t -> cluster.server(t).holds(k))).toList();
        assertThat(orphaned).isNotEmpty();

        readEverything(cluster.client(), contents);
        // Found off its targets, so written to every one of them (a block read from a target repairs
        // only the copies the read passed; reconciliation moves the rest).
        assertEveryTargetHoldsIt(orphaned);
    }

    @Test
    void aRetiringServersCopiesWithoutAnEpochAreReadBeforeTheyMove() throws Exception {
        cluster = new FakeCluster(5, BLOCK);
        cluster.meta.forgetEpochs();
        RingFsClient writer = cluster.client();
        List<byte[]> contents = writeFiles(writer);
        List<BlockKey> keys = keys(writer);
        Placement before = cluster.placement();
        cluster.meta.retire("data-1");
        Placement now = cluster.placement();
        assertThat(now.ring()).doesNotContain("data-1");

        // The blocks data-1 held: take every copy off their current targets, as if none had moved there yet.
        List<BlockKey> onlyOnRetiring = new ArrayList<>();
        for (BlockKey k : keys) {
            if (!before.holds("data-1", k.inode(), k.index())) continue;
            for (String t : now.targets(k.inode(), k.index())) cluster.server(t).drop(k);
            onlyOnRetiring.add(k);
        }
        assertThat(onlyOnRetiring).isNotEmpty();

        readEverything(cluster.client(), contents);
        assertEveryTargetHoldsIt(onlyOnRetiring);
        assertThat(cluster.server("data-1").size()).as("the retiring server keeps its copies").isPositive();
    }
}
