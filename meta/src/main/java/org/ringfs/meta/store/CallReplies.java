package org.ringfs.meta.store;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.Transaction;
import org.ringfs.api.BinaryValues;
import org.ringfs.api.MetaCall;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The replies of recent mutating calls, by call id (HDFS's RetryCache): a client that did not get
 * its answer (meta crashed, the connection broke) asks again with the same id and gets the first
 * answer instead of a second execution (EXISTS for its own create, CONFLICT for its own commit).
 * The reply is written in the transaction of the mutation itself, so both are on disk or neither.
 * Tables: call id -> (time, reply) and (time, call id) -> nothing, for purging old entries.
 */
public final class CallReplies extends Table {
    /** The call the current thread is executing for a client, if it named one. */
    private static final ThreadLocal<NamedCall> CURRENT = new ThreadLocal<>();

    private record NamedCall(String id, MetaCall call) {}
    /** The recorded reply of a call that returned nothing. */
    public static final Object VOID = new Object();

    private final Table byTime;

    CallReplies(Database db, Database byTimeDb, Transaction txn) {
        super(db, txn);
        this.byTime = new Table(byTimeDb, txn) {};
    }

    /**
     * The thread now executes {@code call}, named {@code id} by its client: the write transaction it
     * runs records its result, encoded as the call's reply.
     */
    public static void begin(String id, MetaCall call) { CURRENT.set(new NamedCall(id, call)); }

    public static void end() { CURRENT.remove(); }

    /** The first reply to call {@code id} as XML-RPC values ({@link #VOID} for none), or null when there is none. */
    public Object get(String id) {
        byte[] v = getRaw(Codec.utf8(id));
        if (v == null) return null;
        ByteBuffer b = ByteBuffer.wrap(v);
        b.getLong();
        Object reply;
        try {
            reply = BinaryValues.read(b, Integer.MAX_VALUE);
        } catch (BinaryValues.MalformedValueException e) {
            throw new CorruptRecordException("the stored reply of call " + id + ": " + e.getMessage());
        }
        return reply == null ? VOID : reply;
    }

    /** In a write transaction of the current call, if any: records {@code result} as its reply. */
    void recordIfInCall(Object result, long nowMillis) {
        NamedCall named = CURRENT.get();
        if (named == null) return;
        String id = named.id();
        MetaCall call = named.call();
        // A transaction's own result that is not the call's reply is not recorded: a retry runs again.
        if (!call.isReply(result)) return;
        Object wire = call.method().getReturnType() == void.class ? null : call.encodeReply(result);
        // The meta wire's binary form of the reply, after the time it was recorded.
        ByteBuffer reply = ByteBuffer.allocate(8 + BinaryValues.size(wire)).putLong(nowMillis);
        BinaryValues.put(reply, wire);
        byte[] value = reply.array();
        byte[] old = getRaw(Codec.utf8(id));
        if (old != null) byTime.deleteRaw(timeKey(ByteBuffer.wrap(old).getLong(), id));
        putRaw(Codec.utf8(id), value);
        byTime.putRaw(timeKey(nowMillis, id), new byte[0]);
    }

    /** Drops the replies recorded before {@code cutoffMillis}; returns how many. */
    public int purgeBefore(long cutoffMillis, int max) {
        List<byte[]> doomed = new ArrayList<>();
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = byTime.cursor()) {
            for (boolean ok = seek(c, key, value, new byte[0]); ok && doomed.size() < max
                    && Codec.longAt(key.getData(), 0) < cutoffMillis; ok = next(c, key, value)) {
                doomed.add(key.getData());
            }
        }
        for (byte[] k : doomed) {
            byTime.deleteRaw(k);
            deleteRaw(Codec.tail(k, 8));
        }
        return doomed.size();
    }

    private static byte[] timeKey(long millis, String id) {
        return Codec.idNameKey(millis, Codec.utf8(id));
    }
}
