package org.ringfs.meta.store;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.Transaction;

import java.util.ArrayList;
import java.util.List;

/**
 * The entries database: key = parent id (8 bytes, big-endian) + name (UTF-8), value = child id.
 * All names of one directory are one contiguous key range, in byte order of their UTF-8 names, so
 * listing a directory is one range scan and a rename rewrites one record.
 */
public final class EntryTable extends Table {
    /** One name in a directory and the inode it names. */
    public record Entry(String name, long child) {}

    EntryTable(Database db, Transaction txn) { super(db, txn); }

    /** The id the name points at, or 0 when the directory has no such name (ids start at 1). */
    public long lookup(long dir, String name) {
        byte[] v = getRaw(Codec.idNameKey(dir, Codec.utf8(name)));
        return v == null ? 0 : Codec.longAt(v, 0);
    }

    public void put(long dir, String name, long child) {
        putRaw(Codec.idNameKey(dir, Codec.utf8(name)), Codec.longKey(child));
    }

    public void delete(long dir, String name) {
        deleteRaw(Codec.idNameKey(dir, Codec.utf8(name)));
    }

    public boolean isEmpty(long dir) {
        byte[] prefix = Codec.longKey(dir);
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = cursor()) {
            return !(seek(c, key, value, prefix) && Codec.startsWith(key.getData(), prefix));
        }
    }

    /** Every entry of the directory, in name order. */
    public List<Entry> list(long dir) {
        byte[] prefix = Codec.longKey(dir);
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        List<Entry> out = new ArrayList<>();
        try (Cursor c = cursor()) {
            for (boolean ok = seek(c, key, value, prefix); ok && Codec.startsWith(key.getData(), prefix);
                 ok = next(c, key, value)) {
                out.add(new Entry(Codec.utf8(Codec.tail(key.getData(), 8)), Codec.longAt(value.getData(), 0)));
            }
        }
        return out;
    }
}
