package org.ringfs.meta.store;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.LockMode;
import com.sleepycat.je.OperationStatus;
import com.sleepycat.je.Transaction;
import org.ringfs.api.DavLock;

import java.util.ArrayList;
import java.util.List;

/**
 * The WebDAV locks database, keyed by token (see {@link LockCodec}). Queries by path scan the whole
 * table: a cluster holds a handful of locks at a time (one per open document), never millions.
 */
public final class LockTable extends Table {
    LockTable(Database db, Transaction txn) { super(db, txn); }

    /** The lock, expired or not, or null. */
    public DavLock get(String token) {
        byte[] key = LockCodec.key(token);
        byte[] value = getRaw(key);
        return value == null ? null : LockCodec.decode(key, value);
    }

    public void put(DavLock lock) {
        putRaw(LockCodec.key(lock.token()), LockCodec.value(lock));
    }

    /** @return whether the lock existed */
    public boolean delete(String token) {
        return deleteRaw(LockCodec.key(token));
    }

    /** Every stored lock, expired ones included, in token order. */
    public List<DavLock> all() {
        List<DavLock> out = new ArrayList<>();
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = cursor()) {
            for (boolean ok = c.getFirst(key, value, LockMode.DEFAULT) == OperationStatus.SUCCESS; ok; ok = next(c, key, value)) {
                out.add(LockCodec.decode(key.getData(), value.getData()));
            }
        }
        return out;
    }
}
