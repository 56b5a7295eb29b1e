package org.ringfs.meta.store;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.Transaction;
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
        Object reply = WireValues.read(b);
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
        byte[] value = WireValues.write(nowMillis, wire);
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

    /** A tagged encoding of the XML-RPC values the replies hold. */
    static final class WireValues {
        private WireValues() {}

        static byte[] write(long millis, Object value) {
            ByteBuffer b = ByteBuffer.allocate(8 + size(value));
            b.putLong(millis);
            put(b, value);
            return b.array();
        }

        private static int size(Object v) {
            if (v == null) return 1;
            if (v instanceof Boolean) return 2;
            if (v instanceof Integer) return 5;
            if (v instanceof Long) return 9;
            if (v instanceof String s) return 1 + Codec.stringSize(s);
            if (v instanceof byte[] a) return 5 + a.length;
            if (v instanceof Map<?, ?> m) {
                int n = 5;
                for (Map.Entry<?, ?> e : m.entrySet()) n += Codec.stringSize((String) e.getKey()) + size(e.getValue());
                return n;
            }
            if (v instanceof Object[] a) {
                int n = 5;
                for (Object o : a) n += size(o);
                return n;
            }
            throw new IllegalArgumentException("not an XML-RPC value: " + v.getClass());
        }

        private static void put(ByteBuffer b, Object v) {
            if (v == null) {
                b.put((byte) 0);
            } else if (v instanceof Boolean x) {
                b.put((byte) 1).put((byte) (x ? 1 : 0));
            } else if (v instanceof Integer x) {
                b.put((byte) 2).putInt(x);
            } else if (v instanceof Long x) {
                b.put((byte) 3).putLong(x);
            } else if (v instanceof String x) {
                b.put((byte) 4);
                Codec.putString(b, x);
            } else if (v instanceof byte[] x) {
                b.put((byte) 5).putInt(x.length).put(x);
            } else if (v instanceof Map<?, ?> m) {
                b.put((byte) 6).putInt(m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    Codec.putString(b, (String) e.getKey());
                    put(b, e.getValue());
                }
            } else {
                Object[] a = (Object[]) v;
                b.put((byte) 7).putInt(a.length);
                for (Object o : a) put(b, o);
            }
        }

        static Object read(ByteBuffer b) {
            byte tag = b.get();
            switch (tag) {
                case 0: return null;
                case 1: return b.get() != 0;
                case 2: return b.getInt();
                case 3: return b.getLong();
                case 4: return Codec.getString(b);
                case 5: {
                    int n = b.getInt();
                    if (n < 0 || n > b.remaining()) throw new CorruptRecordException("reply bytes of length " + n);
                    byte[] a = new byte[n];
                    b.get(a);
                    return a;
                }
                case 6: {
                    int n = b.getInt();
                    if (n < 0 || n > b.remaining()) throw new CorruptRecordException("reply struct of " + n + " members");
                    Map<String, Object> m = new java.util.HashMap<>();
                    for (int i = 0; i < n; i++) m.put(Codec.getString(b), read(b));
                    return m;
                }
                case 7: {
                    int n = b.getInt();
                    if (n < 0 || n > b.remaining()) throw new CorruptRecordException("reply array of " + n + " values");
                    Object[] a = new Object[n];
                    for (int i = 0; i < n; i++) a[i] = read(b);
                    return a;
                }
                default: throw new CorruptRecordException("reply value tag " + tag);
            }
        }
    }
}
