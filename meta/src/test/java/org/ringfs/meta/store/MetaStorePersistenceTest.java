package org.ringfs.meta.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockWrite;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.Heartbeat;
import org.ringfs.api.ServerVitals;
import org.ringfs.api.InodeAttributes;
import org.ringfs.meta.MetaFixture;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Closing and reopening the store, as a restart of meta does: everything committed is still there. */
class MetaStorePersistenceTest {
    @TempDir Path dir;

    @Test
    void namespaceBlocksXattrsAndRingSurviveAReopen() throws Exception {
        try (MetaFixture fx = new MetaFixture(dir, 8192)) {
            fx.meta.mkdir("/d", 0700, 1, 2);
            InodeAttributes f = fx.meta.create("/d/f", 0640, 3, 4, true);
            fx.meta.symlink("/s", "/d/f", 0, 0);
            fx.meta.link("/d/f", "/g");
            fx.meta.setXattr("/d/f", "user.x", new byte[] {9, 8}, 0);
            long gen = fx.meta.allocateGenerations(fx.session, 1);
            BlockWrite b = new BlockWrite(new BlockInfo(0, gen, 100, 0x1234), 0, List.of("data-1"));
            fx.meta.commit(fx.session, f.id(), 100, 5L, List.of(b));
            fx.meta.heartbeat(new Heartbeat("data-9", "10.0.0.9:7009", new ServerVitals(1, 1, 0, 0, false, 0, 0, 0), "", 0, 0));
            List<DirectoryEntry> root = fx.meta.list("/");
            List<DirectoryEntry> d = fx.meta.list("/d");
            ClusterMap map = fx.meta.clusterMap();

            fx.reopen();

            assertThat(fx.meta.list("/")).isEqualTo(root);
            assertThat(fx.meta.list("/d")).isEqualTo(d);
            assertThat(fx.meta.readlink("/s")).isEqualTo("/d/f");
            assertThat(fx.meta.stat("/g").nlink()).isEqualTo(2);
            assertThat(fx.meta.getXattr("/d/f", "user.x")).containsExactly(9, 8);
            assertThat(fx.meta.blocks(f.id(), 0, 10).blocks()).containsExactly(b.block());
            ClusterMap after = fx.meta.clusterMap();
            assertThat(after.names()).isEqualTo(map.names());
            assertThat(after.epoch()).isEqualTo(map.epoch());
            assertThat(after.blockSize()).isEqualTo(8192);
            assertThat(after.server("data-9").address()).isEqualTo("10.0.0.9:7009");
            assertThat(after.server("data-9").alive()).isFalse(); // liveness is not persisted
            assertThat(after.underReplicatedBlocks()).isEqualTo(1);
        }
    }

    @Test
    void countersNeverRepeatAfterAReopen() throws Exception {
        try (MetaFixture fx = new MetaFixture(dir)) {
            long id = fx.meta.create("/a", 0644, 0, 0, false).id();
            long gen = fx.meta.allocateGenerations(fx.session, 5);
            fx.meta.unlink("/a");
            fx.reopen();
            assertThat(fx.meta.create("/a", 0644, 0, 0, false).id()).isGreaterThan(id);
            assertThat(fx.meta.allocateGenerations(fx.session, 1)).isEqualTo(gen + 5);
        }
    }

    @Test
    void aFormattedStoreKeepsItsClusterIdAndEveryFormatMakesANewOne() throws Exception {
        String id;
        try (MetaStore first = MetaStore.open(StoreOptions.defaults(dir.resolve("a")), java.time.Clock.systemUTC())) {
            id = first.clusterId();
        }
        try (MetaStore again = MetaStore.open(StoreOptions.defaults(dir.resolve("a")), java.time.Clock.systemUTC());
             MetaStore other = MetaStore.open(StoreOptions.defaults(dir.resolve("b")), java.time.Clock.systemUTC())) {
            assertThat(again.clusterId()).isEqualTo(id).isNotEmpty();
            assertThat(other.clusterId()).isNotEmpty().isNotEqualTo(id);
        }
    }

    @Test
    void aStoreFormattedBeforeClusterIdsGetsOneOnOpen() throws Exception {
        try (MetaStore old = MetaStore.open(StoreOptions.defaults(dir), java.time.Clock.systemUTC())) {
            old.write(txn -> txn.cluster().deleteRaw(Codec.utf8(ClusterTable.CLUSTER_ID)));
        }
        String id;
        try (MetaStore opened = MetaStore.open(StoreOptions.defaults(dir), java.time.Clock.systemUTC())) {
            id = opened.clusterId();
            assertThat(id).isNotEmpty();
        }
        try (MetaStore again = MetaStore.open(StoreOptions.defaults(dir), java.time.Clock.systemUTC())) {
            assertThat(again.clusterId()).isEqualTo(id);
        }
    }

    @Test
    void aFormattedStoreKeepsItsBlockSizeAndRing() throws Exception {
        try (MetaStore first = MetaStore.open(StoreOptions.defaults(dir).withBlockSize(4096)
                .withInitialRing(List.of("a", "b", "c")), java.time.Clock.systemUTC())) {
            assertThat(first.blockSize()).isEqualTo(4096);
        }
        try (MetaStore second = MetaStore.open(StoreOptions.defaults(dir).withBlockSize(1 << 20)
                .withInitialRing(List.of("x")), java.time.Clock.systemUTC())) {
            assertThat(second.blockSize()).isEqualTo(4096);
            List<String> ring = second.read(txn -> txn.cluster().ring());
            assertThat(ring).containsExactly("a", "b", "c");
            assertThat(second.read(txn -> txn.inodes().get(InodeRecord.ROOT_ID)).isDirectory()).isTrue();
        }
    }
}
