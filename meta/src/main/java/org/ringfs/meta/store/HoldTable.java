package org.ringfs.meta.store;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.Transaction;

import java.util.ArrayList;
import java.util.List;

/**
 * Which writer sessions hold which inodes open: (inode, session) -> nothing, and the same pairs by
 * session, kept in one transaction. An inode whose last name goes while it is held lives on as an
 * orphan (nlink 0) until its last hold is released or its last holding session ends.
 */
public final class HoldTable extends Table {
    private final Table bySession;

    HoldTable(Database db, Database bySessionDb, Transaction txn) {
        super(db, txn);
        this.bySession = new Table(bySessionDb, txn) {};
    }

    public void hold(long inode, long session) {
        putRaw(Codec.longLongKey(inode, session), new byte[0]);
        bySession.putRaw(Codec.longLongKey(session, inode), new byte[0]);
    }

    /** True when there was such a hold. */
    public boolean release(long inode, long session) {
        bySession.deleteRaw(Codec.longLongKey(session, inode));
        return deleteRaw(Codec.longLongKey(inode, session));
    }

    public boolean isHeld(long inode) {
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = cursor()) {
            return seek(c, key, value, Codec.longLongKey(inode, 0)) && Codec.longAt(key.getData(), 0) == inode;
        }
    }

    /** The inodes {@code session} holds. */
    public List<Long> heldBy(long session) {
        List<Long> out = new ArrayList<>();
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = bySession.cursor()) {
            for (boolean ok = seek(c, key, value, Codec.longLongKey(session, 0));
                 ok && Codec.longAt(key.getData(), 0) == session; ok = next(c, key, value)) {
                out.add(Codec.longAt(key.getData(), 8));
            }
        }
        return out;
    }
}
