package org.ringfs.meta.registry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockWrite;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.Heartbeat;
import org.ringfs.api.ServerVitals;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingEpoch;
import org.ringfs.meta.MetaFixture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ring history by epoch and meta's half of the mover: a block records the epoch it was written
 * under; once every server of the current placement reported a complete pass under the current
 * epoch, the blocks written before those passes' scans record the current epoch, and the map
 * stops carrying rings no block needs.
 */
class RingMovesTest {
    @TempDir Path dir;
    MetaFixture fx;
    MetaService meta;

    @BeforeEach
    void open() throws Exception {
        fx = new MetaFixture(dir);
        meta = fx.meta;
    }

    @AfterEach
    void close() { fx.close(); }

    private static Heartbeat hb(String name) {
        return new Heartbeat(name, "127.0.0.1:1", new ServerVitals(3000, 300, 1, 1, false, 0, 0, 0), "", 0, 0);
    }

    /** Commits one block of a new file as a writer whose map had {@code epoch}; returns the inode. */
    private long write(String path, long epoch) throws Exception {
        long inode = meta.create(path, 0644, 0, 0, false).id();
        BlockInfo block = new BlockInfo(0, meta.allocateGenerations(fx.session, 1), 10, 7, epoch);
        meta.commit(fx.session, inode, 10, 1, List.of(new BlockWrite(block, 0, List.of())));
        return inode;
    }

    private long epochOf(long inode) throws Exception {
        return meta.blocks(inode, 0, 1).blocks().get(0).epoch();
    }

    private void allVerify(List<String> servers, long epoch, long asOf) throws Exception {
        for (String s : servers) meta.replicasVerified(s, epoch, asOf);
    }

    @Test
    void theHistoryRecordsEachPlacementWithItsEpochAndSurvivesARestart() throws Exception {
        ClusterMap start = meta.clusterMap();
        assertThat(start.rings()).containsExactly(new RingEpoch(start.epoch(), MetaFixture.RING));
        meta.heartbeat(hb("data-6")); // joins: a new placement
        long joined = meta.clusterMap().epoch();
        meta.retire("data-6"); // a new placement, without it again
        long retiring = meta.clusterMap().epoch();
        List<String> six = new ArrayList<>(MetaFixture.RING);
        six.add("data-6");
        List<RingEpoch> all = List.of(new RingEpoch(start.epoch(), MetaFixture.RING), new RingEpoch(joined, six),
                new RingEpoch(retiring, MetaFixture.RING));
        assertThat(meta.clusterMap().rings()).isEqualTo(all);
        // Once the placement's servers have verified their shares, no block needs the old rings (there is none).
        for (String s : MetaFixture.RING) meta.replicasVerified(s, retiring, fx.clock.millis());
        assertThat(meta.clusterMap().rings()).containsExactly(new RingEpoch(retiring, MetaFixture.RING));

        long old = write("/old", start.epoch()); // a writer whose map was never refreshed
        ClusterMap map = meta.clusterMap();
        assertThat(epochOf(old)).isEqualTo(start.epoch());
        assertThat(map.rings()).as("a block placed by the first ring: the map carries it again").isEqualTo(all);

        fx.reopen();
        meta = fx.meta;
        assertThat(meta.clusterMap().rings()).isEqualTo(map.rings());
        assertThat(meta.clusterMap().epoch()).isEqualTo(map.epoch());
        assertThat(epochOf(old)).isEqualTo(start.epoch());
    }

    @Test
    void anEpochMetaCannotPlaceIsRecordedAsNone() throws Exception {
        long now = meta.clusterMap().epoch();
        assertThat(epochOf(write("/future", now + 5))).isEqualTo(BlockInfo.UNKNOWN_EPOCH);
        assertThat(epochOf(write("/unsaid", BlockInfo.UNKNOWN_EPOCH))).isEqualTo(BlockInfo.UNKNOWN_EPOCH);
        assertThat(epochOf(write("/now", now))).isEqualTo(now);
    }

    @Test
    void blocksMoveToTheNewEpochOnlyOnceEveryPlacementServerVerifiedAfterTheyWereWritten() throws Exception {
        for (String s : MetaFixture.RING) meta.heartbeat(hb(s)); // their addresses: epochs, not placements
        long before = meta.clusterMap().epoch();
        long inode = write("/f", before);
        fx.clock.advance(Duration.ofSeconds(1));
        meta.heartbeat(hb("data-6"));
        ClusterMap joined = meta.clusterMap();
        long epoch = joined.epoch();
        assertThat(joined.placedByCurrentRing(meta.blocks(inode, 0, 1).blocks().get(0))).isFalse();
        fx.clock.advance(Duration.ofSeconds(1));
        long scan = fx.clock.millis();

        // Under an older epoch, or with one placement server missing: nothing is recorded.
        allVerify(joined.placementNames(), before, scan);
        allVerify(joined.placementNames().subList(0, 5), epoch, scan);
        assertThat(epochOf(inode)).isEqualTo(before);

        // A block written after the passes' scans began is not covered by them.
        fx.clock.advance(Duration.ofSeconds(1));
        long late = write("/late", before);
        meta.replicasVerified("data-6", epoch, scan);
        assertThat(epochOf(inode)).isEqualTo(epoch);
        assertThat(meta.clusterMap().placedByCurrentRing(meta.blocks(inode, 0, 1).blocks().get(0))).isTrue();
        assertThat(epochOf(late)).isEqualTo(before);
        assertThat(meta.clusterMap().rings()).as("the late block still needs the old ring").hasSize(2);
        assertThat(meta.heartbeat(hb("data-1")).reconcile()).as("asked for a pass: misplaced copies may go").isTrue();

        fx.clock.advance(Duration.ofSeconds(1));
        allVerify(joined.placementNames(), epoch, fx.clock.millis());
        assertThat(epochOf(late)).isEqualTo(epoch);
        assertThat(meta.clusterMap().rings()).as("every block is placed by the current ring").hasSize(1);
    }
}
