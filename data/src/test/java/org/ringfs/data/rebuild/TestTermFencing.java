package org.ringfs.data.rebuild;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockScanPage;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FreedPage;
import org.ringfs.api.FreedRecord;
import org.ringfs.api.HeartbeatReply;
import org.ringfs.api.LiveGenerations;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.data.server.MetaAuthority;
import org.ringfs.data.store.BlockStore;
import org.ringfs.data.store.StaleTermException;
import org.ringfs.data.store.StoreOpener;
import org.ringfs.data.store.StoreSettings;
import org.ringfs.data.store.TestBlocks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 12's fencing where the deletes happen: a freed page or a live-generations verdict from a meta
 * master of an older term than the data server has seen deletes nothing, whatever it says.
 */
class TestTermFencing {
    static final String SELF = "s0";
    static final List<String> RING = List.of("s0", "s1", "s2"); // three servers: every block is on all of them

    @TempDir
    Path dir;
    BlockStore store;
    MetaAuthority authority;
    /** What the fake meta answers. */
    FreedPage freedPage = new FreedPage(List.of(), true, 0);
    LiveGenerations live = new LiveGenerations(1, List.of(), 0);
    /** The term on meta's pages of committed blocks; null: the live generations' (one master answers both). */
    Long scanTerm;

    @BeforeEach
    void open() throws Exception {
        store = StoreOpener.open(dir.resolve("store-dir"), StoreSettings.DEFAULTS, System::currentTimeMillis).store();
        authority = new MetaAuthority(dir, SELF, System::currentTimeMillis);
        authority.accept(new HeartbeatReply(TestReconcileDecider.EPOCH, false, "cluster-a", true, 5)); // master of term 5
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    /** A meta answering only what a sweep and a reconcile pass ask, from the fields above. */
    MetaService meta() {
        return (MetaService) Proxy.newProxyInstance(MetaService.class.getClassLoader(), new Class<?>[]{MetaService.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "freedBlocks" -> freedPage;
                    case "liveGenerations" -> live;
                    case "clusterMap" -> TestReconcileDecider.map(RING);
                    case "scanBlocks" -> new BlockScanPage(List.of(), true, 1, scanTerm == null ? live.term() : scanTerm);
                    case "replicasVerified" -> null;
                    default -> throw new RingFsException(ErrorCode.NOT_SUPPORTED, method.getName());
                });
    }

    void put(BlockKey key) throws RingFsException {
        TestBlocks b = TestBlocks.random(key.hashCode(), 1000, 65536);
        store.put(key, b.bytes(), b.length(), b.chunkSize(), b.crcs());
    }

    List<BlockKey> held() throws RingFsException {
        return store.list(null, 100).stream().map(s -> s.key()).toList();
    }

    FreedSweep sweep() {
        return new FreedSweep(SELF, store, meta(), authority, dir.resolve("freed-cursor"));
    }

    @Test
    void aFreedPageOfAnOlderTermDeletesNoCopyAndTheSweepDoesNotAdvance() throws Exception {
        put(new BlockKey(7, 0, 1));
        put(new BlockKey(7, 1, 1));
        freedPage = new FreedPage(List.of(FreedRecord.wholeInode(1, 7)), true, 4); // the deposed master of term 4

        assertThatThrownBy(() -> sweep().runOnce()).isInstanceOf(StaleTermException.class);
        assertThat(held()).hasSize(2);
        assertThat(dir.resolve("freed-cursor")).doesNotExist();

        freedPage = new FreedPage(List.of(FreedRecord.wholeInode(1, 7)), true, 5); // the current master re-asked
        assertThat(sweep().runOnce()).isEqualTo(2);
        assertThat(held()).isEmpty();
        assertThat(Files.readString(dir.resolve("freed-cursor")).trim()).isEqualTo("1");
    }

    @Test
    void aFreedPageOfANewerTermRaisesThePersistedTermAndWaitsForThatMastersGrant() throws Exception {
        put(new BlockKey(7, 0, 1));
        freedPage = new FreedPage(List.of(FreedRecord.wholeInode(1, 7)), true, 6);

        assertThatThrownBy(() -> sweep().runOnce()).isInstanceOf(RingFsException.class);
        assertThat(authority.term()).isEqualTo(6);
        assertThat(new MetaAuthority(dir, SELF, System::currentTimeMillis).term()).isEqualTo(6);
        assertThat(held()).hasSize(1);

        authority.accept(new HeartbeatReply(TestReconcileDecider.EPOCH, false, "cluster-a", true, 6));
        assertThat(sweep().runOnce()).isEqualTo(1);
        assertThat(held()).isEmpty();
    }

    @Test
    void aReconcilePassOnLiveGenerationsOfAnOlderTermDeletesNothing() throws Exception {
        // Uncommitted generations below meta's next one in no live session: dead, on meta's word.
        put(new BlockKey(9, 0, 3));
        put(new BlockKey(9, 1, 4));
        live = new LiveGenerations(10, List.of(), 4); // the deposed master of term 4

        try (Reconciler r = reconciler()) {
            ReconcileReport report = r.runOnce();
            assertThat(report.deleted()).isZero();
            assertThat(report.keptRefused()).isEqualTo(2);
        }
        assertThat(held()).hasSize(2);

        live = new LiveGenerations(10, List.of(), 5); // the current master says the same
        try (Reconciler r = reconciler()) {
            assertThat(r.runOnce().deleted()).isEqualTo(2);
        }
        assertThat(held()).isEmpty();
    }

    @Test
    void aPassWhoseCommittedBlocksCameFromAnOlderMasterThanItsLiveGenerationsDeletesNothing() throws Exception {
        // The current master (term 5) committed block 9/0 at generation 3 and its writer's session
        // ended; the deposed master (term 4) never saw the commit, so its page lacks the row.
        put(new BlockKey(9, 0, 3));
        live = new LiveGenerations(10, List.of(), 5);
        scanTerm = 4L;

        try (Reconciler r = reconciler()) {
            assertThatThrownBy(r::runOnce).isInstanceOfSatisfying(RingFsException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        }
        assertThat(held()).containsExactly(new BlockKey(9, 0, 3));
    }

    Reconciler reconciler() {
        return new Reconciler(SELF, store, meta(), new ClusterPeers(Duration.ofSeconds(1), null, null),
                new ReconcileProgress(false), 2, authority);
    }
}
