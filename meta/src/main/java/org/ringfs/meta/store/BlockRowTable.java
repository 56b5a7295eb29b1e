package org.ringfs.meta.store;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.Transaction;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.FileBlock;

import java.util.ArrayList;
import java.util.List;

/** The blocks database: the committed (generation, length, CRC32C) of every block of every file. */
public final class BlockRowTable extends Table {
    BlockRowTable(Database db, Transaction txn) { super(db, txn); }

    /** The block's row, or null when the file has no such block (a hole or past the end). */
    public BlockInfo get(long inode, long index) {
        byte[] key = BlockCodec.key(inode, index);
        byte[] v = getRaw(key);
        return v == null ? null : BlockCodec.decode(key, v);
    }

    public void put(long inode, BlockInfo block) {
        putRaw(BlockCodec.key(inode, block.index()), BlockCodec.value(block));
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
