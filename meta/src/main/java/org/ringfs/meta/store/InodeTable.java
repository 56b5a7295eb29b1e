package org.ringfs.meta.store;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.LockMode;
import com.sleepycat.je.OperationStatus;
import com.sleepycat.je.Transaction;

/** The inodes database: inode id (8 bytes, big-endian) to {@link InodeCodec} value. */
public final class InodeTable extends Table {
    InodeTable(Database db, Transaction txn) { super(db, txn); }

    /** The inode, or null when no inode has this id (any more). */
    public InodeRecord get(long id) {
        byte[] v = getRaw(Codec.longKey(id));
        return v == null ? null : InodeCodec.decode(id, v);
    }

    /**
     * Reads many inodes through one cursor, as a listing does: {@link #get} opens and closes a
     * cursor (and its locker) per read, which was a good part of a large listing's time in JE.
     * Each read locks its record as {@link #get} does; the reader must be closed before the
     * transaction ends.
     */
    public Reader reader() {
        return new Reader(cursor());
    }

    /** Point reads of inodes through one cursor. */
    public static final class Reader implements AutoCloseable {
        private final Cursor cursor;
        private final DatabaseEntry key = new DatabaseEntry();
        private final DatabaseEntry value = new DatabaseEntry();

        private Reader(Cursor cursor) { this.cursor = cursor; }

        /** The inode, or null when no inode has this id (any more). */
        public InodeRecord get(long id) {
            key.setData(Codec.longKey(id));
            if (cursor.getSearchKey(key, value, LockMode.DEFAULT) != OperationStatus.SUCCESS) return null;
            return InodeCodec.decode(id, value.getData());
        }

        @Override
        public void close() {
            cursor.close();
        }
    }

    public void put(InodeRecord inode) {
        putRaw(Codec.longKey(inode.id()), InodeCodec.encode(inode));
    }

    public void delete(long id) {
        deleteRaw(Codec.longKey(id));
    }
}
