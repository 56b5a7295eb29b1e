package org.ringfs.meta.store;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.LockMode;
import com.sleepycat.je.OperationStatus;
import com.sleepycat.je.Transaction;

/** One database seen through one transaction: the raw get/put/delete the typed tables build on. */
abstract class Table {
    final Database db;
    final Transaction txn;

    Table(Database db, Transaction txn) {
        this.db = db;
        this.txn = txn;
    }

    /** The value under {@code key}, or null. */
    byte[] getRaw(byte[] key) {
        DatabaseEntry value = new DatabaseEntry();
        OperationStatus s = db.get(txn, new DatabaseEntry(key), value, LockMode.DEFAULT);
        return s == OperationStatus.SUCCESS ? value.getData() : null;
    }

    void putRaw(byte[] key, byte[] value) {
        db.put(txn, new DatabaseEntry(key), new DatabaseEntry(value));
    }

    /** @return whether there was a record to delete */
    boolean deleteRaw(byte[] key) {
        return db.delete(txn, new DatabaseEntry(key)) == OperationStatus.SUCCESS;
    }

    Cursor cursor() {
        return db.openCursor(txn, null);
    }

    /** Positions {@code c} on the first record whose key is >= {@code from}. */
    static boolean seek(Cursor c, DatabaseEntry key, DatabaseEntry value, byte[] from) {
        key.setData(from);
        return c.getSearchKeyRange(key, value, LockMode.DEFAULT) == OperationStatus.SUCCESS;
    }

    static boolean next(Cursor c, DatabaseEntry key, DatabaseEntry value) {
        return c.getNext(key, value, LockMode.DEFAULT) == OperationStatus.SUCCESS;
    }
}
