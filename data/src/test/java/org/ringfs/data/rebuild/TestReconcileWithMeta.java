package org.ringfs.data.rebuild;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockWrite;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaService;
import org.ringfs.api.StoredBlock;
import org.ringfs.checksum.BlockChecksum;
import org.ringfs.data.server.DataServer;
import org.ringfs.data.store.TestBlocks;
import org.ringfs.meta.server.MetaServer;
import org.ringfs.placement.Placement;
import org.ringfs.transport.BlockClient;
import org.ringfs.transport.BlockConnections;
import org.ringfs.transport.MetaClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reconciliation of real data servers against a real meta server: rebuild, cleanup, scrub-then-refetch. */
class TestReconcileWithMeta {
    static final List<String> RING = List.of("d0", "d1", "d2", "d3");
    /** Meta ends a writer session after this long without a renewal. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    MetaServer metaServer;
    MetaService meta;
    final Map<String, DataServer> servers = new LinkedHashMap<>();
    final BlockConnections connections = BlockClient.connections(Duration.ofSeconds(5));

    @BeforeEach
    void startCluster() throws Exception {
        metaServer = MetaServer.builder().dir(dir.resolve("meta")).initialRing(RING).blockSize(256 * 1024)
                .sessionTimeout(SESSION_TIMEOUT).start();
        meta = MetaClient.connect(metaServer.address(), Duration.ofSeconds(10), null, null);
        for (String name : RING) servers.put(name, startData(name));
        waitUntilAllAlive();
        for (DataServer s : servers.values()) s.reconcileNow(); // let the start-up passes settle
    }

    @AfterEach
    void stopCluster() throws Exception {
        for (DataServer s : servers.values()) s.close();
        metaServer.close();
    }

    DataServer startData(String name) throws Exception {
        return DataServer.builder().name(name).dir(dir.resolve(name)).meta(metaServer.address())
                .heartbeatInterval(Duration.ofMillis(200)).reconcileInterval(Duration.ofHours(1))
                .sweepInterval(Duration.ofMillis(200)).scrubInterval(Duration.ZERO).allowFaultInjection(true).start();
    }

    void waitUntilAllAlive() throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            ClusterMap map = meta.clusterMap();
            boolean current = map.ring().stream().allMatch(s -> s.alive()
                    && s.address().equals(servers.get(s.name()).address()));
            if (current) return;
            if (System.currentTimeMillis() > deadline) throw new AssertionError("servers not alive: " + map.ring());
            Thread.sleep(50);
        }
    }

    BlockClient client(String name) {
        return new BlockClient(connections, servers.get(name).address(), Duration.ofSeconds(10));
    }

    /** Writes a file of {@code blocks} blocks to their three targets and commits it; returns the committed keys. */
    List<BlockInfo> writeFile(long inode, int blocks) throws Exception {
        return writeFile(inode, blocks, BlockInfo.UNKNOWN_EPOCH);
    }

    /** The same, as a writer whose cluster map had {@code epoch}. */
    List<BlockInfo> writeFile(long inode, int blocks, long epoch) throws Exception {
        long session = meta.openSession("test writer"); // opened here: meta ends idle ones after SESSION_TIMEOUT
        long gen = meta.allocateGenerations(session, blocks);
        Placement placement = new Placement(meta.clusterMap().names());
        List<BlockWrite> writes = new ArrayList<>();
        List<BlockInfo> infos = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            TestBlocks b = TestBlocks.random(inode * 100 + i, 200_000, 65536);
            BlockInfo info = new BlockInfo(i, gen + i, b.length(), BlockChecksum.DEFAULT.of(b.bytes(), 0, b.length()), epoch);
            List<String> targets = placement.targets(inode, i);
            for (String t : targets) client(t).put(info.key(inode), b.bytes(), b.length(), b.chunkSize(), b.crcs());
            writes.add(new BlockWrite(info, 0, targets));
            infos.add(info);
            meta.renewSession(session); // as a live writer does: the session outlasts a slow write
        }
        meta.commit(session, inode, (long) blocks * 200_000, System.currentTimeMillis() * 1_000_000, writes);
        meta.closeSession(session);
        return infos;
    }

    @Test
    void aServerThatLostItsStoreIsRebuiltFromItsPeers() throws Exception {
        long inode = meta.create("/f", 0644, 0, 0, true).id();
        List<BlockInfo> blocks = writeFile(inode, 8);
        Placement placement = new Placement(RING);
        List<BlockKey> onD1 = blocks.stream().filter(b -> placement.holds("d1", inode, b.index())).map(b -> b.key(inode)).toList();
        assertThat(onD1).isNotEmpty();

        servers.remove("d1").close();
        try (Stream<Path> files = Files.walk(dir.resolve("d1").resolve("store"))) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
        DataServer d1 = startData("d1");
        servers.put("d1", d1);
        d1.reconcileNow(); // waits for the start-up pass, then checks nothing is missing

        assertThat(d1.reconcileProgress().rebuilding()).isFalse();
        for (BlockKey k : onD1) {
            BlockInfo info = blocks.get((int) k.index());
            assertThat(client("d1").verify(k).crc32c()).isEqualTo(info.crc32c());
        }
        assertThat(client("d1").status().vitals().blocks()).isEqualTo(onD1.size());
    }

    @Test
    void aCopyOffItsTargetsStaysWhileMetaHasNotRecordedItsBlockMovedThenGoes() throws Exception {
        long inode = meta.create("/moving", 0644, 0, 0, true).id();
        List<BlockInfo> blocks = writeFile(inode, 8, meta.clusterMap().epoch());
        List<String> grown = new ArrayList<>(RING);
        grown.add("d4");
        Placement before = new Placement(RING);
        Placement after = new Placement(grown);
        // A block d4 will own: one of its old targets (the holder) loses it to d4.
        BlockInfo moving = blocks.stream().filter(b -> after.holds("d4", inode, b.index())).findFirst().orElseThrow();
        BlockKey key = moving.key(inode);
        List<String> targets = after.targets(inode, moving.index());
        String holder = before.targets(inode, moving.index()).stream().filter(s -> !targets.contains(s)).findFirst()
                .orElseThrow();
        String bystander = RING.stream().filter(s -> !targets.contains(s) && !s.equals(holder)).findFirst().orElseThrow();
        servers.remove(bystander).close(); // a placement server that will not verify its share for now

        servers.put("d4", startData("d4"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (meta.clusterMap().server("d4") == null || !meta.clusterMap().server("d4").alive()) {
            assertThat(System.currentTimeMillis()).as("d4 joins").isLessThan(deadline);
            Thread.sleep(50);
        }
        for (String t : targets) servers.get(t).reconcileNow(); // every current target holds it, verified
        for (String t : targets) assertThat(client(t).verify(key).crc32c()).isEqualTo(moving.crc32c());

        ReconcileReport kept = servers.get(holder).reconcileNow();
        assertThat(kept.keptMisplaced()).isPositive();
        assertThat(client(holder).verify(key).crc32c()).as("the block still records the old epoch: its copy stays")
                .isEqualTo(moving.crc32c());

        servers.put(bystander, startData(bystander)); // back (a new address: a new epoch); every pass verifies under it
        waitUntilAllAlive();
        // A pass tells meta only when it is complete, and one round of passes may leave one that is
        // not: pass again, bounded. Meta records the block as placed by the current ring: its epoch at
        // or after the epoch since which placement is what it is (the bystander's return changed only
        // an address, so when the move was recorded before it, the block keeps that earlier epoch; the
        // test asked for the map's own epoch and failed so in CI runs at 2ed4764 and 37a0257).
        long recorded = System.currentTimeMillis() + 10_000;
        do {
            for (DataServer s : servers.values()) s.reconcileNow();
        } while (!meta.clusterMap().placedByCurrentRing(meta.blocks(inode, moving.index(), 1).blocks().get(0))
                && System.currentTimeMillis() < recorded);
        assertThat(meta.clusterMap().placedByCurrentRing(meta.blocks(inode, moving.index(), 1).blocks().get(0)))
                .as("meta recorded the block as moved to the current ring").isTrue();
        servers.get(holder).reconcileNow();
        assertThatThrownBy(() -> client(holder).verify(key)).hasFieldOrPropertyWithValue("code", ErrorCode.BLOCK_NOT_FOUND);
        for (String t : targets) assertThat(client(t).verify(key).crc32c()).isEqualTo(moving.crc32c());
    }

    @Test
    void anUncommittedCopyIsKeptWhileItsSessionLivesAndGoesWhenItEnds() throws Exception {
        long inode = meta.create("/g", 0644, 0, 0, true).id();
        List<BlockInfo> blocks = writeFile(inode, 1);
        BlockKey committed = blocks.get(0).key(inode);
        String outsider = RING.stream().filter(n -> !new Placement(RING).holds(n, inode, 0)).findFirst().orElseThrow();
        long writer = meta.openSession("a writer that has not committed yet");
        // A block the writer stored past the file's end and has not committed (an inode meta gave out: one it
        // never gave out would make meta's store look older; a removed one's copies go on its freed record).
        BlockKey pending = new BlockKey(inode, 5, meta.allocateGenerations(writer, 1));
        TestBlocks bytes = TestBlocks.random(5, 1000, 512);
        client(outsider).put(pending, bytes.bytes(), bytes.length(), bytes.chunkSize(), bytes.crcs());
        TestBlocks copy = TestBlocks.random(inode * 100, 200_000, 65536); // the committed block's bytes
        client(outsider).put(committed, copy.bytes(), copy.length(), copy.chunkSize(), copy.crcs());

        // Longer than the session timeout and than any grace: the writer keeps renewing, the copy stays.
        long until = System.currentTimeMillis() + 2 * SESSION_TIMEOUT.toMillis();
        while (System.currentTimeMillis() < until) {
            meta.renewSession(writer);
            Thread.sleep(300);
        }
        // Every server's pass verifies its share; then meta records the block as moved to this ring.
        for (DataServer s : servers.values()) s.reconcileNow();
        // (A pass the server starts itself may run first: what counts is what it holds after ours.)
        ReconcileReport report = servers.get(outsider).reconcileNow();
        assertThat(report.keptPending()).isEqualTo(1);
        // The pending copy stays; the misplaced one went: meta recorded the move, every target holds it verified.
        assertThat(client(outsider).list(null, 10)).extracting(StoredBlock::key).containsExactly(pending);

        meta.closeSession(writer);
        servers.get(outsider).reconcileNow();
        assertThat(client(outsider).list(null, 10)).isEmpty();
        for (String t : new Placement(RING).targets(inode, 0)) client(t).verify(committed);
    }

    @Test
    void aSessionMetaEndsForSilenceLosesItsUncommittedCopies() throws Exception {
        long inode = meta.create("/s", 0644, 0, 0, true).id();
        String holder = new Placement(RING).targets(inode, 0).get(0);
        long writer = meta.openSession("a writer that dies");
        BlockKey pending = new BlockKey(inode, 0, meta.allocateGenerations(writer, 1));
        TestBlocks bytes = TestBlocks.random(6, 1000, 512);
        client(holder).put(pending, bytes.bytes(), bytes.length(), bytes.chunkSize(), bytes.crcs());
        assertThat(servers.get(holder).reconcileNow().keptPending()).isEqualTo(1);

        Thread.sleep(SESSION_TIMEOUT.toMillis() + 1500); // no renewals: meta ends the session
        servers.get(holder).reconcileNow();
        assertThat(client(holder).list(null, 10)).isEmpty();
        BlockWrite late = new BlockWrite(new BlockInfo(0, pending.generation(), bytes.length(), 0), 0, List.of(holder));
        assertThatThrownBy(() -> meta.commit(writer, inode, 1000, 1, List.of(late)))
                .hasFieldOrPropertyWithValue("code", ErrorCode.SESSION_EXPIRED);
    }

    @Test
    void aRemovedFilesCopiesGoOnMetasFreedRecord() throws Exception {
        long inode = meta.create("/r", 0644, 0, 0, true).id();
        List<BlockInfo> blocks = writeFile(inode, 3);
        meta.unlink("/r");
        long deadline = System.currentTimeMillis() + 10_000;
        for (BlockInfo b : blocks) {
            for (String t : new Placement(RING).targets(inode, b.index())) {
                while (client(t).list(null, 100).stream().anyMatch(c -> c.key().inode() == inode)) {
                    assertThat(System.currentTimeMillis()).as("%s still holds a copy of removed inode %d", t, inode)
                            .isLessThan(deadline);
                    Thread.sleep(100);
                }
            }
        }
    }

    @Test
    void aScrubbedCopyIsFetchedAgain() throws Exception {
        long inode = meta.create("/h", 0644, 0, 0, true).id();
        BlockKey k = writeFile(inode, 1).get(0).key(inode);
        String holder = new Placement(RING).targets(inode, 0).get(0);
        client(holder).corrupt(k, 1234);
        assertThat(servers.get(holder).scrubNow().findings()).hasSize(1);
        assertThatThrownBy(() -> client(holder).get(k)).hasFieldOrPropertyWithValue("code", ErrorCode.BLOCK_NOT_FOUND);

        // Fetched again by this pass, or by one the server started itself (a new ring epoch, meta's ask).
        servers.get(holder).reconcileNow();
        client(holder).verify(k);
        assertThat(client(holder).status().vitals().corruptBlocks()).isEqualTo(1);
    }

}
