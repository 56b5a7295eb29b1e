package org.ringfs.meta.rpc;

import org.apache.xmlrpc.XmlRpcHandler;
import org.ringfs.api.MetaCall;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.RingFsException;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Mutating calls ({@link MetaCall#mutation()}) a client names ({@link MetaMethods#CALL_HEADER}) run
 * once: a retry of a call that already ran gets its first reply, and a retry that arrives while the
 * first attempt still runs waits for it. Where the replies live is the store's business
 * ({@link ReplyStore}).
 */
public final class RetriedCalls {
    /** The store of first replies. */
    public interface ReplyStore {
        /** The reply a handler gave call {@code id}, or null when it has not run. */
        Object firstReply(String id) throws RingFsException;

        /** The current thread runs {@code call}, named {@code id}, now: its write transaction records the reply. */
        void running(String id, MetaCall call);

        void done();
    }

    /** For a server without a reply store (tests of the dispatcher): every call runs. */
    public static final ReplyStore NONE = new ReplyStore() {
        @Override public Object firstReply(String id) { return null; }
        @Override public void running(String id, MetaCall call) { }
        @Override public void done() { }
    };

    private static final ThreadLocal<String> NAMED = new ThreadLocal<>();

    private final ReplyStore replies;
    private final ConcurrentHashMap<String, Object> inFlight = new ConcurrentHashMap<>();

    public RetriedCalls(ReplyStore replies) {
        this.replies = replies;
    }

    /** The request on this thread named its call {@code id} (null: it did not). */
    static void named(String id) {
        if (id == null) NAMED.remove();
        else NAMED.set(id);
    }

    XmlRpcHandler guard(MetaCall call, XmlRpcHandler handler) {
        if (!call.mutation()) return handler;
        return request -> {
            String id = NAMED.get();
            if (id == null) return handler.execute(request);
            Object turn = inFlight.computeIfAbsent(id, k -> new Object());
            synchronized (turn) {
                try {
                    Object first = replies.firstReply(id);
                    if (first != null) return first;
                    replies.running(id, call);
                    try {
                        return handler.execute(request);
                    } finally {
                        replies.done();
                    }
                } catch (RingFsException e) {
                    throw Faults.of(e);
                } finally {
                    inFlight.remove(id, turn);
                }
            }
        };
    }

}
