package org.ringfs.meta.store;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.Transaction;

import java.util.ArrayList;
import java.util.List;

/** The xattrs database: key = inode id (8 bytes, big-endian) + attribute name (UTF-8), value = the raw value. */
public final class XattrTable extends Table {
    XattrTable(Database db, Transaction txn) { super(db, txn); }

    /** The value, or null when the inode has no such attribute. */
    public byte[] get(long inode, String name) {
        return getRaw(Codec.idNameKey(inode, Codec.utf8(name)));
    }

    public void put(long inode, String name, byte[] value) {
        putRaw(Codec.idNameKey(inode, Codec.utf8(name)), value);
    }

    /** @return whether the attribute existed */
    public boolean delete(long inode, String name) {
        return deleteRaw(Codec.idNameKey(inode, Codec.utf8(name)));
    }

    /** The inode's attribute names in byte order of their UTF-8. */
    public List<String> names(long inode) {
        byte[] prefix = Codec.longKey(inode);
        List<String> out = new ArrayList<>();
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        value.setPartial(0, 0, true); // names only: skip reading values
        try (Cursor c = cursor()) {
            for (boolean ok = seek(c, key, value, prefix); ok && Codec.startsWith(key.getData(), prefix);
                 ok = next(c, key, value)) {
                out.add(Codec.utf8(Codec.tail(key.getData(), 8)));
            }
        }
        return out;
    }

    public void deleteAll(long inode) {
        byte[] prefix = Codec.longKey(inode);
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        value.setPartial(0, 0, true);
        try (Cursor c = cursor()) {
            for (boolean ok = seek(c, key, value, prefix); ok && Codec.startsWith(key.getData(), prefix);
                 ok = next(c, key, value)) {
                c.delete();
            }
        }
    }
}
