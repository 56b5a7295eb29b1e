package org.ringfs.meta.store;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.Transaction;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.FileBlock;

import java.util.ArrayList;
import java.util.List;

/**
 * The blocks database: the committed (generation, length, CRC32C) of every block of every file, the
 * ring epoch whose placement holds its copies, and when meta wrote the row.
 */
public final class BlockRowTable extends Table {
    BlockRowTable(Database db, Transaction txn) { super(db, txn); }

    /** The block's row, or null when the file has no such block (a hole or past the end). */
    public BlockInfo get(long inode, long index) {
        byte[] key = BlockCodec.key(inode, index);
        byte[] v = getRaw(key);
        return v == null ? null : BlockCodec.decode(key, v);
    }

    /** Writes the block's row; {@code nowMillis} is meta's clock, the row's write time. */
    public void put(long inode, BlockInfo block, long nowMillis) {
        putRaw(BlockCodec.key(inode, block.index()), BlockCodec.value(block, nowMillis));
    }

    /**
     * What one batch of {@link #recordMoved} did: where the next batch starts ({@code done}: no
     * row is left), how many rows it recorded as moved, and what it left: the oldest known epoch
     * among the rows it could not record ({@code Long.MAX_VALUE}: none), and whether one of those
     * had no epoch at all.
     */
    public record MoveBatch(long nextInode, long nextIndex, boolean done, int moved, long oldestLeft,
                            boolean leftWithoutEpoch) {}

    /**
     * Up to {@code limit} rows from (fromInode, fromIndex) on: each row not placed by the current
     * ring (an epoch below {@code placementEpoch}, or none) and written before
     * {@code writtenBeforeMillis} is recorded as placed by {@code epoch}: every server of the
     * current placement has verified it holds the blocks it owns as of a scan that began after the
     * row was written. A row written since is left as it is.
     */
    public MoveBatch recordMoved(long fromInode, long fromIndex, int limit, long placementEpoch, long epoch,
                                 long writtenBeforeMillis) {
        int moved = 0;
        int seen = 0;
        long oldestLeft = Long.MAX_VALUE;
        boolean leftWithoutEpoch = false;
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = cursor()) {
            boolean ok = seek(c, key, value, BlockCodec.key(fromInode, fromIndex));
            for (; ok && seen < limit; ok = next(c, key, value), seen++) {
                BlockInfo row = BlockCodec.decode(key.getData(), value.getData());
                boolean placed = row.epoch() != BlockInfo.UNKNOWN_EPOCH && row.epoch() >= placementEpoch;
                if (placed) continue;
                long writtenAt = BlockCodec.writtenAtMillis(key.getData(), value.getData());
                if (writtenAt < writtenBeforeMillis) {
                    c.putCurrent(new DatabaseEntry(BlockCodec.value(row.withEpoch(epoch), writtenAt)));
                    moved++;
                } else if (row.epoch() == BlockInfo.UNKNOWN_EPOCH) {
                    leftWithoutEpoch = true;
                } else {
                    oldestLeft = Math.min(oldestLeft, row.epoch());
                }
            }
            if (!ok) return new MoveBatch(0, 0, true, moved, oldestLeft, leftWithoutEpoch);
            return new MoveBatch(BlockCodec.inodeOf(key.getData()), BlockCodec.indexOf(key.getData()), false, moved,
                    oldestLeft, leftWithoutEpoch);
        }
    }

    /** Up to {@code limit} rows of the file with index >= {@code fromIndex}, in index order. */
    public List<BlockInfo> list(long inode, long fromIndex, int limit) {
        List<BlockInfo> out = new ArrayList<>();
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = cursor()) {
            for (boolean ok = seek(c, key, value, BlockCodec.key(inode, fromIndex));
                 ok && out.size() < limit && BlockCodec.inodeOf(key.getData()) == inode; ok = next(c, key, value)) {
                out.add(BlockCodec.decode(key.getData(), value.getData()));
            }
        }
        return out;
    }

    /** What {@link #deleteFrom} dropped: the highest index + 1 and the highest generation (both 0: nothing). */
    public record Dropped(long end, long maxGeneration) {
        public boolean isEmpty() { return end == 0; }
    }

    /** Deletes the file's rows with index >= {@code fromIndex}. */
    public Dropped deleteFrom(long inode, long fromIndex) {
        long end = 0;
        long maxGeneration = 0;
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = cursor()) {
            for (boolean ok = seek(c, key, value, BlockCodec.key(inode, fromIndex));
                 ok && BlockCodec.inodeOf(key.getData()) == inode; ok = next(c, key, value)) {
                end = BlockCodec.indexOf(key.getData()) + 1;
                maxGeneration = Math.max(maxGeneration, BlockCodec.decode(key.getData(), value.getData()).generation());
                c.delete();
            }
        }
        return new Dropped(end, maxGeneration);
    }

    /** Up to {@code limit} rows of any file from key (inode, index) on, in (inode, index) order. */
    public List<FileBlock> scan(long fromInode, long fromIndex, int limit) {
        List<FileBlock> out = new ArrayList<>();
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = cursor()) {
            for (boolean ok = seek(c, key, value, BlockCodec.key(fromInode, fromIndex)); ok && out.size() < limit;
                 ok = next(c, key, value)) {
                out.add(new FileBlock(BlockCodec.inodeOf(key.getData()), BlockCodec.decode(key.getData(), value.getData())));
            }
        }
        return out;
    }
}
