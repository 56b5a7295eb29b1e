package org.ringfs.meta.store;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.Transaction;

import java.util.ArrayList;
import java.util.List;

/**
 * Which writer sessions hold which inodes open: (inode, session) -> the client's number of the
 * hold, and the same pairs by session, kept in one transaction. An inode whose last name goes while
 * it is held lives on as an orphan (nlink 0) until its last hold is released or its last holding
 * session ends.
 */
public final class HoldTable extends Table {
    private final Table bySession;

    HoldTable(Database db, Database bySessionDb, Transaction txn) {
        super(db, txn);
        this.bySession = new Table(bySessionDb, txn) {};
    }

    /** {@code session} holds {@code inode} under {@code number}; a lower number than the one kept changes nothing. */
    public void hold(long inode, long session, long number) {
        byte[] key = Codec.longLongKey(inode, session);
        if (numberOf(getRaw(key)) > number) return;
        putRaw(key, Codec.longKey(number));
        bySession.putRaw(Codec.longLongKey(session, inode), new byte[0]);
    }

    /**
     * Ends the hold when its number is at most {@code number} (null: whatever its number, as when
     * the session ends). True when a hold ended.
     */
    public boolean release(long inode, long session, Long number) {
        byte[] key = Codec.longLongKey(inode, session);
        byte[] held = getRaw(key);
        if (held == null || (number != null && numberOf(held) > number)) return false;
        bySession.deleteRaw(Codec.longLongKey(session, inode));
        return deleteRaw(key);
    }

    /** A hold kept before holds were numbered has none: any release ends it. */
    private static long numberOf(byte[] value) {
        return value == null || value.length < 8 ? 0 : Codec.longAt(value, 0);
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
