package org.ringfs.meta.namespace;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockScanPage;
import org.ringfs.api.BlockWrite;
import org.ringfs.api.FileBlock;
import org.ringfs.api.FileBlocks;
import org.ringfs.api.FreedBlocks;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.MetaService;
import org.ringfs.meta.MetaFixture;
import org.ringfs.meta.store.UnderReplicated;
import org.ringfs.placement.Placement;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ringfs.api.ErrorCode.*;
import static org.ringfs.meta.Errors.assertFails;

class FileContentsTest {
    static final int BS = 4096;

    @TempDir Path dir;
    MetaFixture fx;
    MetaService meta;
    long file;

    @BeforeEach
    void open() throws Exception {
        fx = new MetaFixture(dir, BS);
        meta = fx.meta;
        file = meta.create("/f", 0644, 0, 0, false).id();
    }

    @AfterEach
    void close() { fx.close(); }

    private BlockWrite write(long index, long base, List<String> replicas) throws Exception {
        return new BlockWrite(new BlockInfo(index, meta.allocateGenerations(fx.session, 1), BS, (int) index * 31), base, replicas);
    }

    private List<String> targets(long index) { return new Placement(MetaFixture.RING).targets(file, index); }

    private UnderReplicated underReplicated(long index) throws Exception {
        return fx.store.read(txn -> txn.underReplicated().get(file, index));
    }

    @Test
    void commitWritesRowsGrowsSizeAndSetsTimes() throws Exception {
        BlockWrite b0 = write(0, 0, targets(0));
        BlockWrite b5 = write(5, 0, targets(5));
        InodeAttributes a = meta.commit(fx.session, file, 5 * BS + 10, 777L, List.of(b5, b0));
        assertThat(a.size()).isEqualTo(5 * BS + 10);
        assertThat(a.mtimeNanos()).isEqualTo(777L);
        assertThat(a.ctimeNanos()).isEqualTo(777L);
        FileBlocks blocks = meta.blocks(file, 0, 100);
        assertThat(blocks.blocks()).containsExactly(b0.block(), b5.block());
        assertThat(blocks.nextIndex()).isEqualTo(-1);
        assertThat(blocks.size()).isEqualTo(5 * BS + 10);
        // a smaller size never shrinks the file: truncate does that
        assertThat(meta.commit(fx.session, file, 1, 778L, List.of()).size()).isEqualTo(5 * BS + 10);
    }

    @Test
    void anAppendCommitsOnlyAtTheEndItWasLaidAt() throws Exception {
        meta.commit(fx.session, file, 100, 1L, List.of(write(0, 0, targets(0))));
        BlockWrite laidAt50 = write(0, meta.blocks(file, 0, 1).blocks().get(0).generation(), targets(0));
        assertFails(CONFLICT, () -> meta.commitAppend(fx.session, file, 50, 60, 2L, List.of(laidAt50)));
        assertThat(meta.stat("/f").size()).isEqualTo(100);
        assertThat(meta.commitAppend(fx.session, file, 100, 110, 3L, List.of(laidAt50)).size()).isEqualTo(110);
        assertFails(INVALID, () -> meta.commitAppend(fx.session, file, 110, 100, 4L, List.of()));
    }

    @Test
    void blocksPagesThroughTheTable() throws Exception {
        List<BlockWrite> writes = new ArrayList<>();
        for (int i = 0; i < 7; i++) writes.add(write(i * 2L, 0, targets(i * 2L)));
        meta.commit(fx.session, file, 14L * BS, 1, writes);
        FileBlocks p1 = meta.blocks(file, 0, 3);
        assertThat(p1.blocks()).extracting(BlockInfo::index).containsExactly(0L, 2L, 4L);
        assertThat(p1.nextIndex()).isEqualTo(5);
        FileBlocks p2 = meta.blocks(file, p1.nextIndex(), 3);
        assertThat(p2.blocks()).extracting(BlockInfo::index).containsExactly(6L, 8L, 10L);
        FileBlocks p3 = meta.blocks(file, p2.nextIndex(), 3);
        assertThat(p3.blocks()).extracting(BlockInfo::index).containsExactly(12L);
        assertThat(p3.nextIndex()).isEqualTo(-1);
        assertThat(meta.blocks(file, 13, 3).blocks()).isEmpty();
    }

    @Test
    void blocksAndCommitRefuseWhatIsNotAFile() throws Exception {
        long dirId = meta.mkdir("/d", 0755, 0, 0).id();
        assertFails(INVALID, () -> meta.blocks(dirId, 0, 10));
        assertFails(INVALID, () -> meta.commit(fx.session, dirId, 0, 0, List.of()));
        assertFails(STALE, () -> meta.blocks(424242, 0, 10));
        meta.unlink("/f");
        assertFails(STALE, () -> meta.blocks(file, 0, 10));
        assertFails(STALE, () -> meta.commit(fx.session, file, 1, 1, List.of()));
        assertFails(STALE, () -> meta.truncate(fx.session, file, 0, null));
    }

    @Test
    void conflictRefusesTheWholeCommit() throws Exception {
        BlockWrite b0 = write(0, 0, targets(0));
        meta.commit(fx.session, file, BS, 1, List.of(b0));
        BlockWrite stale = write(0, 0, targets(0)); // read before b0 was committed
        BlockWrite fresh1 = write(1, 0, targets(1));
        assertFails(CONFLICT, () -> meta.commit(fx.session, file, 2 * BS, 2, List.of(fresh1, stale)));
        assertThat(meta.blocks(file, 0, 10).blocks()).containsExactly(b0.block());
        assertThat(meta.stat("/f").size()).isEqualTo(BS);
        BlockWrite rewrite = write(0, b0.block().generation(), targets(0));
        meta.commit(fx.session, file, BS, 3, List.of(rewrite, fresh1));
        assertThat(meta.blocks(file, 0, 10).blocks()).containsExactly(rewrite.block(), fresh1.block());
        assertFails(CONFLICT, () -> meta.commit(fx.session, file, BS, 4, List.of(write(1, 12345, targets(1)))));
    }

    @Test
    void aCommitMayNotGoBackToAnOlderGeneration() throws Exception {
        long older = meta.allocateGenerations(fx.session, 1);
        BlockWrite newer = write(0, 0, targets(0));
        meta.commit(fx.session, file, BS, 1, List.of(newer));
        BlockWrite backwards = new BlockWrite(new BlockInfo(0, older, BS, 7), newer.block().generation(), targets(0));
        assertFails(CONFLICT, () -> meta.commit(fx.session, file, BS, 2, List.of(backwards)));
        assertThat(meta.blocks(file, 0, 10).blocks()).containsExactly(newer.block());
    }

    @Test
    void malformedWritesAreInvalid() throws Exception {
        assertFails(INVALID, () -> meta.commit(fx.session, file, -1, 0, List.of()));
        BlockWrite b = write(0, 0, targets(0));
        assertFails(INVALID, () -> meta.commit(fx.session, file, BS, 0, List.of(b, b)));
        assertFails(INVALID, () -> meta.commit(fx.session, file, BS, 0,
                List.of(new BlockWrite(new BlockInfo(0, 5, BS + 1, 0), 0, targets(0)))));
        assertFails(INVALID, () -> meta.commit(fx.session, file, BS, 0,
                List.of(new BlockWrite(new BlockInfo(-1, 5, 1, 0), 0, targets(0)))));
        assertFails(INVALID, () -> meta.blocks(file, -1, 10));
        assertFails(INVALID, () -> meta.blocks(file, 0, 0));
    }

    @Test
    void underReplicatedBlocksAreRecordedAndClearedByAFullCommit() throws Exception {
        List<String> t = targets(0);
        BlockWrite quorum = write(0, 0, t.subList(0, 2));
        meta.commit(fx.session, file, BS, 1, List.of(quorum));
        assertThat(underReplicated(0).missing()).containsExactly(t.get(2));
        assertThat(meta.clusterMap().underReplicatedBlocks()).isEqualTo(1);
        BlockWrite full = write(0, quorum.block().generation(), t);
        meta.commit(fx.session, file, BS, 2, List.of(full));
        assertThat(underReplicated(0)).isNull();
        assertThat(meta.clusterMap().underReplicatedBlocks()).isZero();
    }

    @Test
    void underReplicatedEntriesGoWithTheirBlocks() throws Exception {
        meta.commit(fx.session, file, 3 * BS, 1, List.of(write(0, 0, targets(0).subList(0, 1)), write(2, 0, targets(2).subList(0, 2))));
        assertThat(meta.clusterMap().underReplicatedBlocks()).isEqualTo(2);
        meta.truncate(fx.session, file, BS, null);
        assertThat(underReplicated(2)).isNull();
        assertThat(underReplicated(0).missing()).hasSize(2);
        meta.unlink("/f");
        assertThat(meta.clusterMap().underReplicatedBlocks()).isZero();
    }

    @Test
    void truncateDropsWholeBlocksPastTheEnd() throws Exception {
        List<BlockWrite> writes = new ArrayList<>();
        for (int i = 0; i < 4; i++) writes.add(write(i, 0, targets(i)));
        meta.commit(fx.session, file, 4L * BS, 1, writes);
        assertThat(meta.truncate(fx.session, file, 2L * BS, null)).isEqualTo(new FreedBlocks(file, 2, 4));
        assertThat(meta.blocks(file, 0, 10).blocks()).extracting(BlockInfo::index).containsExactly(0L, 1L);
        // cutting into block 1 without a new last block keeps its row: the client owns the bytes
        assertThat(meta.truncate(fx.session, file, BS + 1, null)).isEqualTo(FreedBlocks.NONE);
        assertThat(meta.blocks(file, 0, 10).blocks()).hasSize(2);
        assertThat(meta.stat("/f").size()).isEqualTo(BS + 1);
        // growing leaves a hole
        assertThat(meta.truncate(fx.session, file, 100L * BS, null)).isEqualTo(FreedBlocks.NONE);
        assertThat(meta.stat("/f").size()).isEqualTo(100L * BS);
        assertThat(meta.truncate(fx.session, file, 0, null)).isEqualTo(new FreedBlocks(file, 0, 2));
        assertThat(meta.blocks(file, 0, 10).blocks()).isEmpty();
        assertFails(INVALID, () -> meta.truncate(fx.session, file, -1, null));
    }

    @Test
    void truncateReplacesTheCutBlock() throws Exception {
        BlockWrite b0 = write(0, 0, targets(0));
        BlockWrite b1 = write(1, 0, targets(1));
        meta.commit(fx.session, file, 2L * BS, 1, List.of(b0, b1));
        BlockWrite cut = new BlockWrite(new BlockInfo(0, meta.allocateGenerations(fx.session, 1), 100, 9), b0.block().generation(), targets(0));
        assertThat(meta.truncate(fx.session, file, 100, cut)).isEqualTo(new FreedBlocks(file, 1, 2));
        assertThat(meta.blocks(file, 0, 10).blocks()).containsExactly(cut.block());
        BlockWrite wrongIndex = new BlockWrite(new BlockInfo(1, meta.allocateGenerations(fx.session, 1), 10, 0), 0, targets(1));
        assertFails(INVALID, () -> meta.truncate(fx.session, file, 50, wrongIndex));
        BlockWrite onBoundary = new BlockWrite(new BlockInfo(0, meta.allocateGenerations(fx.session, 1), 10, 0), cut.block().generation(), targets(0));
        assertFails(INVALID, () -> meta.truncate(fx.session, file, BS, onBoundary));
        BlockWrite staleBase = new BlockWrite(new BlockInfo(0, meta.allocateGenerations(fx.session, 1), 50, 0), b0.block().generation(), targets(0));
        assertFails(CONFLICT, () -> meta.truncate(fx.session, file, 50, staleBase));
        assertThat(meta.stat("/f").size()).isEqualTo(100);
    }

    @Test
    void scanBlocksPagesThroughEveryFile() throws Exception {
        long other = meta.create("/g", 0644, 0, 0, false).id();
        List<BlockWrite> first = new ArrayList<>();
        for (int i = 0; i < 5; i++) first.add(write(i, 0, targets(i)));
        meta.commit(fx.session, file, 5L * BS, 1, first);
        meta.commit(fx.session, other, 2L * BS, 1, List.of(
                new BlockWrite(new BlockInfo(0, meta.allocateGenerations(fx.session, 1), 1, 0), 0, MetaFixture.RING),
                new BlockWrite(new BlockInfo(1, meta.allocateGenerations(fx.session, 1), 1, 0), 0, MetaFixture.RING)));
        List<FileBlock> seen = new ArrayList<>();
        long afterInode = 0;
        long afterIndex = -1;
        int pages = 0;
        while (true) {
            BlockScanPage page = meta.scanBlocks(afterInode, afterIndex, 3);
            seen.addAll(page.blocks());
            pages++;
            if (page.done()) break;
            FileBlock last = page.blocks().get(page.blocks().size() - 1);
            afterInode = last.inode();
            afterIndex = last.block().index();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).extracting(b -> b.inode() + "/" + b.block().index())
                .containsExactly(file + "/0", file + "/1", file + "/2", file + "/3", file + "/4", other + "/0", other + "/1");
        assertThat(meta.scanBlocks(file, 4, 10).blocks()).extracting(FileBlock::inode).containsOnly(other);
        assertThat(meta.scanBlocks(other, 1, 10).done()).isTrue();
        assertThat(meta.scanBlocks(file, Long.MAX_VALUE, 10).blocks()).hasSize(2);
        assertFails(INVALID, () -> meta.scanBlocks(0, -2, 10));
        assertFails(INVALID, () -> meta.scanBlocks(0, -1, 0));
        assertThat(meta.scanBlocks(0, -1, 1_000_000).blocks()).hasSize(7);
    }

    @Test
    void generationsAreFreshAndBounded() throws Exception {
        long a = meta.allocateGenerations(fx.session, 10);
        long b = meta.allocateGenerations(fx.session, 1);
        assertThat(a).isPositive();
        assertThat(b).isEqualTo(a + 10);
        assertFails(INVALID, () -> meta.allocateGenerations(fx.session, 0));
        assertFails(INVALID, () -> meta.allocateGenerations(fx.session, 1_000_001));
        assertThat(meta.allocateGenerations(fx.session, 1_000_000)).isEqualTo(b + 1);
    }
}
