package org.ringfs.meta.namespace;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockScanPage;
import org.ringfs.api.BlockWrite;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileBlock;
import org.ringfs.api.FileBlocks;
import org.ringfs.api.FileType;
import org.ringfs.api.FreedBlocks;
import org.ringfs.api.FreedRecord;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.session.WriterSessions;
import org.ringfs.meta.store.BlockRowTable;
import org.ringfs.meta.store.InodeRecord;
import org.ringfs.meta.store.MetaStore;
import org.ringfs.meta.store.Nanos;
import org.ringfs.meta.store.StoreTxn;
import org.ringfs.meta.store.UnderReplicated;
import org.ringfs.placement.Placement;

import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The block tables of regular files: reading them, committing new block triples with optimistic
 * concurrency (every block names the generation it replaces; any mismatch refuses the whole
 * commit with CONFLICT), truncating, scanning all blocks, and handing out fresh generations. A
 * commit takes only generations pending for the writer's live session; a truncate leaves a freed
 * record for what it dropped, and no generation it covers is committed afterwards. A block committed with fewer than three acknowledged replicas is recorded as under-replicated.
 * A block's row records the ring epoch of the writer's cluster map: the ring its copies are on.
 */
public final class FileContents {
    /** Most blocks one call of blocks() or scanBlocks() returns. */
    public static final int MAX_PAGE = 10_000;
    public static final int MAX_GENERATIONS = 1_000_000;
    /** A plain commit's expected size: any (it only grows the size). */
    private static final long NO_EXPECTED_SIZE = -1;

    private final MetaStore store;
    private final Clock clock;
    private final WriterSessions sessions;

    public FileContents(MetaStore store, Clock clock, WriterSessions sessions) {
        this.store = store;
        this.clock = clock;
        this.sessions = sessions;
    }

    public int blockSize() { return store.blockSize(); }

    public FileBlocks blocks(long inode, long fromIndex, int maxBlocks) throws RingFsException {
        if (fromIndex < 0) throw new RingFsException(ErrorCode.INVALID, "negative block index " + fromIndex);
        int limit = pageSize(maxBlocks);
        return store.read(txn -> {
            InodeRecord file = regularFile(txn, inode);
            List<BlockInfo> rows = txn.blocks().list(inode, fromIndex, limit + 1);
            boolean more = rows.size() > limit;
            List<BlockInfo> page = more ? rows.subList(0, limit) : rows;
            long next = more ? page.get(page.size() - 1).index() + 1 : -1;
            return new FileBlocks(inode, file.size(), List.copyOf(page), next);
        });
    }

    public InodeAttributes commit(long session, long inode, long size, long mtimeNanos, List<BlockWrite> writes)
            throws RingFsException {
        return commit(session, inode, NO_EXPECTED_SIZE, size, mtimeNanos, writes);
    }

    /**
     * Commits appended bytes laid at {@code fromSize}: refused with CONFLICT unless that is still the
     * file's size, so two appenders never both take one end; the size becomes {@code size}.
     */
    public InodeAttributes commitAppend(long session, long inode, long fromSize, long size, long mtimeNanos,
                                        List<BlockWrite> writes) throws RingFsException {
        if (fromSize < 0 || size < fromSize) {
            throw new RingFsException(ErrorCode.INVALID, "an append from " + fromSize + " cannot end at " + size);
        }
        return commit(session, inode, fromSize, size, mtimeNanos, writes);
    }

    private InodeAttributes commit(long session, long inode, long expectedSize, long size, long mtimeNanos,
                                   List<BlockWrite> writes) throws RingFsException {
        if (size < 0) throw new RingFsException(ErrorCode.INVALID, "negative size " + size);
        Set<Long> indices = new HashSet<>();
        for (BlockWrite w : writes) {
            checkWrite(w);
            if (!indices.add(w.block().index())) {
                throw new RingFsException(ErrorCode.INVALID, "block " + w.block().index() + " twice in one commit");
            }
        }
        long now = Nanos.now(clock);
        return store.write(txn -> {
            InodeRecord file = regularFile(txn, inode);
            if (expectedSize != NO_EXPECTED_SIZE && file.size() != expectedSize) {
                throw new RingFsException(ErrorCode.CONFLICT, "inode " + inode + " ends at " + file.size()
                        + ", not at " + expectedSize + " where the append was laid");
            }
            List<FreedRecord> truncates = txn.freed().truncatesOf(inode);
            for (BlockWrite w : writes) checkCommittable(txn, session, inode, w, truncates);
            List<String> ring = txn.cluster().placementRing();
            for (BlockWrite w : writes) putBlock(txn, inode, w, ring, now);
            InodeRecord changed = file.withSizeAndTimes(Math.max(file.size(), size), mtimeNanos, mtimeNanos);
            txn.inodes().put(changed);
            return changed.attributes();
        });
    }

    /**
     * Sets the size exactly; drops block rows at or past the new block count. {@code lastBlock},
     * when given, replaces the block the new size cuts and must be exactly that block.
     */
    public FreedBlocks truncate(long session, long inode, long size, BlockWrite lastBlock) throws RingFsException {
        if (size < 0) throw new RingFsException(ErrorCode.INVALID, "negative size " + size);
        long blockSize = store.blockSize();
        long newCount = size / blockSize + (size % blockSize == 0 ? 0 : 1);
        if (lastBlock != null) {
            checkWrite(lastBlock);
            if (size % blockSize == 0 || lastBlock.block().index() != newCount - 1) {
                throw new RingFsException(ErrorCode.INVALID, "block " + lastBlock.block().index()
                        + " is not the block a truncate to " + size + " cuts");
            }
        }
        long now = Nanos.now(clock);
        return store.write(txn -> {
            InodeRecord file = regularFile(txn, inode);
            if (lastBlock != null) {
                checkCommittable(txn, session, inode, lastBlock, txn.freed().truncatesOf(inode));
                putBlock(txn, inode, lastBlock, txn.cluster().placementRing(), now);
            }
            BlockRowTable.Dropped dropped = txn.blocks().deleteFrom(inode, newCount);
            txn.underReplicated().deleteFrom(inode, newCount);
            txn.inodes().put(file.withSizeAndTimes(size, now, now));
            if (dropped.isEmpty()) return FreedBlocks.NONE;
            // Only what was committed dies: another writer's pending generations above it are left
            // alone, and one at or below it is refused at its commit (checkCommittable).
            txn.freed().add(new FreedRecord(txn.cluster().nextFreedSequence(), inode, newCount, Long.MAX_VALUE,
                    dropped.maxGeneration()), true);
            return new FreedBlocks(inode, newCount, dropped.end());
        });
    }

    /** Every block row after (afterInode, afterIndex); afterIndex -1 means "before index 0". */
    public BlockScanPage scanBlocks(long afterInode, long afterIndex, int maxBlocks) throws RingFsException {
        if (afterInode < 0 || afterIndex < -1) {
            throw new RingFsException(ErrorCode.INVALID, "bad scan position " + afterInode + "/" + afterIndex);
        }
        int limit = pageSize(maxBlocks);
        long fromInode = afterIndex == Long.MAX_VALUE ? afterInode + 1 : afterInode;
        long fromIndex = afterIndex == Long.MAX_VALUE ? 0 : afterIndex + 1;
        long asOf = clock.millis();
        return store.read(txn -> {
            List<FileBlock> rows = txn.blocks().scan(fromInode, fromIndex, limit + 1);
            boolean more = rows.size() > limit;
            return new BlockScanPage(List.copyOf(more ? rows.subList(0, limit) : rows), !more, asOf);
        });
    }

    /** Reserves {@code count} generations for a session, synced before it returns, so none repeats after a crash. */
    public long allocateGenerations(long session, int count) throws RingFsException {
        if (count < 1 || count > MAX_GENERATIONS) {
            throw new RingFsException(ErrorCode.INVALID, "generation count must be in [1, " + MAX_GENERATIONS + "], got " + count);
        }
        return sessions.allocate(session, count);
    }

    private static int pageSize(int maxBlocks) throws RingFsException {
        if (maxBlocks < 1) throw new RingFsException(ErrorCode.INVALID, "page size must be positive, got " + maxBlocks);
        return Math.min(maxBlocks, MAX_PAGE);
    }

    private void checkWrite(BlockWrite w) throws RingFsException {
        BlockInfo b = w.block();
        if (b.index() < 0 || b.generation() <= 0 || b.length() < 0 || b.length() > store.blockSize()
                || w.baseGeneration() < 0) {
            throw new RingFsException(ErrorCode.INVALID, "bad block write " + b + " base " + w.baseGeneration());
        }
    }

    private static InodeRecord regularFile(StoreTxn txn, long inode) throws RingFsException {
        InodeRecord file = Namespace.existing(txn, inode);
        if (file.type() != FileType.FILE) {
            throw new RingFsException(ErrorCode.INVALID, "inode " + inode + " is a " + file.type() + ", not a regular file");
        }
        return file;
    }

    /**
     * The write may be committed: its generation is pending for the live session, no truncate freed
     * a generation as new at its index, and it replaces the block's current generation.
     */
    private static void checkCommittable(StoreTxn txn, long session, long inode, BlockWrite w,
                                         List<FreedRecord> truncates) throws RingFsException {
        WriterSessions.requirePending(txn, session, w.block().generation());
        BlockKey key = w.block().key(inode);
        for (FreedRecord t : truncates) {
            if (t.covers(key)) {
                throw new RingFsException(ErrorCode.CONFLICT, "block " + inode + "/" + key.index() + ": a truncate freed "
                        + "generations up to " + t.maxGeneration() + ", this write's " + key.generation() + " is not newer");
            }
        }
        checkBase(txn, inode, w);
    }

    private static void checkBase(StoreTxn txn, long inode, BlockWrite w) throws RingFsException {
        BlockInfo current = txn.blocks().get(inode, w.block().index());
        long currentGeneration = current == null ? 0 : current.generation();
        if (currentGeneration != w.baseGeneration()) {
            throw new RingFsException(ErrorCode.CONFLICT, "block " + inode + "/" + w.block().index() + " is at generation "
                    + currentGeneration + ", the writer read " + w.baseGeneration());
        }
        // Generations only grow: then any copy older than the committed one is garbage for sure.
        if (w.block().generation() <= currentGeneration) {
            throw new RingFsException(ErrorCode.CONFLICT, "block " + inode + "/" + w.block().index()
                    + ": generation " + w.block().generation() + " does not exceed the committed " + currentGeneration);
        }
    }

    private static void putBlock(StoreTxn txn, long inode, BlockWrite w, List<String> ring, long nowNanos) {
        long index = w.block().index();
        // The writer placed it by its map's epoch; an epoch meta's history cannot place is recorded as none.
        BlockInfo row = w.block().withEpoch(txn.cluster().recordableEpoch(w.block().epoch()));
        txn.blocks().put(inode, row, nowNanos / 1_000_000);
        txn.cluster().noteBlockEpoch(row.epoch());
        if (w.baseGeneration() > 0) {
            // The replaced generation is dead from this commit on: the data servers may drop it now.
            txn.freed().add(new FreedRecord(txn.cluster().nextFreedSequence(), inode, index, index + 1,
                    w.baseGeneration()), false);
        }
        Set<String> acknowledged = new LinkedHashSet<>(w.replicas());
        if (acknowledged.size() >= Placement.COPIES) {
            txn.underReplicated().delete(inode, index);
        } else {
            List<String> missing = MissingReplicas.of(ring, inode, index, List.copyOf(acknowledged));
            txn.underReplicated().put(new UnderReplicated(inode, index, nowNanos / 1_000_000, missing));
        }
    }
}
