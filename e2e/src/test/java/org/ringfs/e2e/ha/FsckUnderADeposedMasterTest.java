package org.ringfs.e2e.ha;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.BlockScanPage;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FreedPage;
import org.ringfs.api.LiveGenerations;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.ringfs.checksum.ChunkChecksums;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.repair.FindingType;
import org.ringfs.repair.FsckReport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * fsck --repair deletes on the order of the meta master whose records it read, and a data server
 * that has seen a newer master refuses it, as it refuses its own sweeps and passes then: a deposed
 * master still answering (cut off from the group, its term older) orders no delete, even through
 * fsck. Here meta's answers to the fsck client carry the term before the group's, as a deposed
 * master's do. (fsck's deletes carried no term, and the servers obeyed them.) A meta group of 3 and
 * 3 data servers, real processes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FsckUnderADeposedMasterTest {
    static final int BLOCK = 64 * 1024;

    MiniRingFsCluster cluster;

    @BeforeAll
    void start() throws Exception {
        cluster = MiniRingFsCluster.builder().metaMembers(3).dataServers(3).blockSize(BLOCK).processes(true).build();
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    @Test
    void aRepairOnTheRecordsOfAnOlderTermDeletesNothing() throws Exception {
        RingFsClient fs = cluster.client();
        write(fs, "/first", 1); // so that the file below has a generation above 1
        write(fs, "/f", 2);
        long inode = fs.stat("/f").id();
        BlockInfo committed = cluster.metaService().blocks(inode, 0, 1).blocks().get(0);
        assertThat(committed.generation()).isGreaterThan(1);
        // An older generation of the block on one of its targets: dead by meta's records (SUPERSEDED).
        BlockKey superseded = new BlockKey(inode, 0, committed.generation() - 1);
        String holder = cluster.placement().targets(inode, 0).get(0);
        long term = cluster.metaService().liveGenerations().term();
        assertThat(term).as("a meta group's master has a term above a single meta's 0").isPositive();

        FsckReport deposed = null;
        // The holder's own reconcile pass (meta asks for one after writes) may delete the copy
        // before fsck lists it, as it may: then there is nothing to judge, so up to three rounds.
        for (int round = 0; round < 3 && (deposed == null || deposed.count(FindingType.ORPHANED) == 0); round++) {
            put(holder, superseded);
            deposed = cluster.clientThrough(meta -> answeringWithTerm(meta, term - 1)).fsck().repair();
        }

        assertThat(deposed.count(FindingType.ORPHANED)).as(deposed.toString()).isEqualTo(1);
        assertThat(deposed.repaired()).as("the holder refused the order of an older term").isZero();
        assertThat(deposed.findings()).extracting(f -> f.key()).containsExactly(superseded);

        FsckReport current = fs.fsck().repair(); // on the current term: deleted (unless a pass got there first)

        assertThat(holds(holder, superseded)).isFalse();
        assertThat(current.count(FindingType.ORPHANED)).isLessThanOrEqualTo(1);
        assertThat(current.repaired()).isEqualTo(current.count(FindingType.ORPHANED));
        assertThat(fs.fsck().check().clean()).isTrue();
    }

    @Test
    void aCheckWhoseBlocksComeFromAnotherMasterThanItsLiveGenerationsStopsAndDeletesNothing() throws Exception {
        RingFsClient fs = cluster.client();
        write(fs, "/g-first", 3);
        write(fs, "/g", 4);
        long inode = fs.stat("/g").id();
        BlockInfo committed = cluster.metaService().blocks(inode, 0, 1).blocks().get(0);
        BlockKey superseded = new BlockKey(inode, 0, committed.generation() - 1);
        put(cluster.placement().targets(inode, 0).get(0), superseded);
        long term = cluster.metaService().liveGenerations().term();

        RingFsClient mixed = cluster.clientThrough(meta -> scanPagesWithTerm(meta, term - 1));

        assertThatThrownBy(() -> mixed.fsck().repair()).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        assertThat(committedCopiesHeld(inode)).as("every copy of the file is where it was").isEqualTo(2 * 3);
    }

    /** The copies of the file's committed generations the data servers hold. */
    private long committedCopiesHeld(long inode) throws Exception {
        long n = 0;
        for (String server : cluster.dataServerNames()) {
            for (StoredBlock c : cluster.blockService(server).list(null, BlockProtocol.MAX_LIST_LIMIT)) {
                if (c.key().inode() != inode) continue;
                long generation = cluster.metaService().blocks(inode, c.key().index(), 1).blocks().get(0).generation();
                if (c.key().generation() == generation) n++;
            }
        }
        return n;
    }

    private boolean holds(String server, BlockKey key) throws Exception {
        return cluster.blockService(server).list(null, BlockProtocol.MAX_LIST_LIMIT).stream()
                .map(StoredBlock::key).anyMatch(key::equals);
    }

    private static void write(RingFsClient fs, String path, long seed) throws Exception {
        byte[] bytes = new byte[2 * BLOCK];
        new Random(seed).nextBytes(bytes);
        try (OpenFile f = fs.create(path, 0644, 0, 0, true)) {
            f.write(0, bytes, 0, bytes.length);
        }
    }

    /** {@code meta}, but its live generations, freed records and pages of blocks carry {@code term}, as a deposed master's do. */
    static MetaService answeringWithTerm(MetaService meta, long term) {
        return rewriting(meta, answer -> {
            if (answer instanceof LiveGenerations l) return new LiveGenerations(l.nextGeneration(), l.live(), term);
            if (answer instanceof FreedPage p) return new FreedPage(p.records(), p.done(), term);
            return scanPageWithTerm(answer, term);
        });
    }

    /** {@code meta}, but its pages of committed blocks carry {@code term}: a deposed master's pages. */
    static MetaService scanPagesWithTerm(MetaService meta, long term) {
        return rewriting(meta, answer -> scanPageWithTerm(answer, term));
    }

    private static Object scanPageWithTerm(Object answer, long term) {
        return answer instanceof BlockScanPage p ? new BlockScanPage(p.blocks(), p.done(), p.asOfMillis(), term) : answer;
    }

    /** {@code meta}, each answer passed through {@code rewrite}. */
    private static MetaService rewriting(MetaService meta, UnaryOperator<Object> rewrite) {
        InvocationHandler h = (proxy, method, args) -> {
            try {
                return rewrite.apply(method.invoke(meta, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (MetaService) Proxy.newProxyInstance(MetaService.class.getClassLoader(), new Class<?>[] {MetaService.class}, h);
    }

    /** An older generation's copy of a block, stored on {@code server} behind meta's back. */
    private void put(String server, BlockKey key) throws Exception {
        byte[] old = new byte[1000];
        cluster.blockService(server).put(key, old, old.length, BlockProtocol.DEFAULT_CHUNK_SIZE,
                ChunkChecksums.compute(old, 0, old.length, BlockProtocol.DEFAULT_CHUNK_SIZE));
    }
}
