package org.ringfs.meta.store;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.Transaction;
import org.ringfs.api.FreedRecord;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Meta's delete orders: sequence -> (inode, fromIndex, toIndex, maxGeneration), the positive
 * record that those copies are dead, written in the transaction that removed, truncated or
 * rewrote the blocks. Truncates
 * are also indexed by inode ((inode, sequence) -> record) so a commit can refuse a generation a
 * truncate freed, one key range probe per committed file.
 */
public final class FreedTable extends Table {
    private final Table byInode;

    FreedTable(Database db, Database byInodeDb, Transaction txn) {
        super(db, txn);
        this.byInode = new Table(byInodeDb, txn) {};
    }

    /** Records that the copies {@code record} names are dead; truncates also go into the by-inode index. */
    public void add(FreedRecord record, boolean truncate) {
        putRaw(Codec.longKey(record.sequence()), value(record));
        if (truncate) byInode.putRaw(Codec.longLongKey(record.inode(), record.sequence()), value(record));
    }

    /** Up to {@code limit} records with a sequence above {@code after}, in order. */
    public List<FreedRecord> after(long after, int limit) {
        List<FreedRecord> out = new ArrayList<>();
        if (after == Long.MAX_VALUE) return out;
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = cursor()) {
            for (boolean ok = seek(c, key, value, Codec.longKey(after + 1)); ok && out.size() < limit; ok = next(c, key, value)) {
                out.add(decode(value.getData()));
            }
        }
        return out;
    }

    /** Deletes the records with a sequence at most {@code upTo}, at most {@code max}; returns how many. */
    public int purgeUpTo(long upTo, int max) {
        int n = 0;
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = cursor()) {
            for (boolean ok = seek(c, key, value, new byte[0]); ok && n < max && Codec.longAt(key.getData(), 0) <= upTo;
                 ok = next(c, key, value)) {
                c.delete();
                n++;
            }
        }
        return n;
    }

    /** The truncates of {@code inode} still on record, oldest first. */
    public List<FreedRecord> truncatesOf(long inode) {
        List<FreedRecord> out = new ArrayList<>();
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = byInode.cursor()) {
            for (boolean ok = seek(c, key, value, Codec.longLongKey(inode, 0));
                 ok && Codec.longAt(key.getData(), 0) == inode; ok = next(c, key, value)) {
                out.add(decode(value.getData()));
            }
        }
        return out;
    }

    private static byte[] value(FreedRecord r) {
        return ByteBuffer.allocate(40).putLong(r.sequence()).putLong(r.inode()).putLong(r.fromIndex())
                .putLong(r.toIndex()).putLong(r.maxGeneration()).array();
    }

    private static FreedRecord decode(byte[] v) {
        if (v.length != 40) throw new CorruptRecordException("freed record of " + v.length + " bytes");
        ByteBuffer b = ByteBuffer.wrap(v);
        return new FreedRecord(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong());
    }
}
