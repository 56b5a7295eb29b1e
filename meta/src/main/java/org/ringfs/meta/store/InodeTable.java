package org.ringfs.meta.store;

import com.sleepycat.je.Database;
import com.sleepycat.je.Transaction;

/** The inodes database: inode id (8 bytes, big-endian) to {@link InodeCodec} value. */
public final class InodeTable extends Table {
    InodeTable(Database db, Transaction txn) { super(db, txn); }

    /** The inode, or null when no inode has this id (any more). */
    public InodeRecord get(long id) {
        byte[] v = getRaw(Codec.longKey(id));
        return v == null ? null : InodeCodec.decode(id, v);
    }

    public void put(InodeRecord inode) {
        putRaw(Codec.longKey(inode.id()), InodeCodec.encode(inode));
    }

    public void delete(long id) {
        deleteRaw(Codec.longKey(id));
    }
}
