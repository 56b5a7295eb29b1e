package org.ringfs.meta.store;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.OperationStatus;
import com.sleepycat.je.Transaction;
import org.ringfs.api.GenerationRange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writer sessions and the generations handed to them: session id -> client name, and (session,
 * first generation) -> end of the range. A range leaves with its session, and from then on its
 * uncommitted generations are garbage (see {@link org.ringfs.api.LiveGenerations}).
 */
public final class SessionTable extends Table {
    private final Table ranges;

    SessionTable(Database db, Database rangesDb, Transaction txn) {
        super(db, txn);
        this.ranges = new Table(rangesDb, txn) {};
    }

    public void open(long session, String client) {
        putRaw(Codec.longKey(session), Codec.utf8(client));
    }

    public boolean exists(long session) {
        return getRaw(Codec.longKey(session)) != null;
    }

    /** Every session and its client name, in id order. */
    public Map<Long, String> all() {
        Map<Long, String> out = new LinkedHashMap<>();
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = cursor()) {
            for (boolean ok = seek(c, key, value, new byte[0]); ok; ok = next(c, key, value)) {
                out.put(Codec.longAt(key.getData(), 0), Codec.utf8(value.getData()));
            }
        }
        return out;
    }

    public void addRange(long session, GenerationRange range) {
        ranges.putRaw(Codec.longLongKey(session, range.first()), Codec.longKey(range.end()));
    }

    /** Whether {@code generation} lies in a range of {@code session}. */
    public boolean holds(long session, long generation) {
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = ranges.cursor()) {
            // The range holding it, if any, is the last one of the session starting at or before it.
            boolean ok = seek(c, key, value, Codec.longLongKey(session, generation + 1));
            ok = ok ? c.getPrev(key, value, null) == OperationStatus.SUCCESS
                    : c.getLast(key, value, null) == OperationStatus.SUCCESS;
            if (!ok || Codec.longAt(key.getData(), 0) != session) return false;
            return generation >= Codec.longAt(key.getData(), 8) && generation < Codec.longAt(value.getData(), 0);
        }
    }

    /** The ranges of every session, in (session, first) order. */
    public List<GenerationRange> allRanges() {
        List<GenerationRange> out = new ArrayList<>();
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = ranges.cursor()) {
            for (boolean ok = seek(c, key, value, new byte[0]); ok; ok = next(c, key, value)) {
                out.add(new GenerationRange(Codec.longAt(key.getData(), 8), Codec.longAt(value.getData(), 0)));
            }
        }
        return out;
    }

    /** Ends a session: its record and its ranges go. Returns whether it existed. */
    public boolean close(long session) {
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = ranges.cursor()) {
            for (boolean ok = seek(c, key, value, Codec.longLongKey(session, 0));
                 ok && Codec.longAt(key.getData(), 0) == session; ok = next(c, key, value)) {
                c.delete();
            }
        }
        return deleteRaw(Codec.longKey(session));
    }
}
