package org.ringfs.meta.session;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.GenerationRange;
import org.ringfs.api.LiveGenerations;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.store.MetaStore;
import org.ringfs.meta.store.StoreTxn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The writer sessions of clients. A session and the generation ranges handed to it are persisted;
 * when meta last heard from it is kept in memory only, so a restarted meta gives every persisted
 * session a whole timeout to renew (a client cut off by the restart loses nothing). A session meta
 * has not heard from for the timeout is ended, and only then do its uncommitted generations become
 * garbage ({@link LiveGenerations}). Whether a generation may be committed is decided from the store
 * inside the committing transaction, so a commit and the end of its session are ordered.
 */
public final class WriterSessions {
    private static final Logger log = LoggerFactory.getLogger(WriterSessions.class);
    private static final int CLIENT_NAME_MAX = 255;

    /** What else goes when a session ends, in the same transaction (the inodes it held open). */
    @FunctionalInterface
    public interface EndOfSession {
        void ended(StoreTxn txn, long session) throws RingFsException;
    }

    private final MetaStore store;
    private final Clock clock;
    private final long timeoutMillis;
    private final EndOfSession endOfSession;
    private final Map<Long, Long> lastHeardMillis = new ConcurrentHashMap<>();
    /** Sessions being ended now: a renew of one of them is refused, never taken from the store. */
    private final Set<Long> ending = ConcurrentHashMap.newKeySet();

    public WriterSessions(MetaStore store, Clock clock, Duration timeout, EndOfSession endOfSession) throws RingFsException {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("session timeout must be positive");
        this.endOfSession = endOfSession;
        this.store = store;
        this.clock = clock;
        this.timeoutMillis = timeout.toMillis();
        long now = clock.millis();
        for (Long id : store.read(txn -> txn.sessions().all()).keySet()) lastHeardMillis.put(id, now);
        if (!lastHeardMillis.isEmpty()) log.info("{} writer sessions from before the restart have {} ms to renew",
                lastHeardMillis.size(), timeoutMillis);
    }

    public long open(String client) throws RingFsException {
        if (client == null || client.isEmpty() || client.getBytes(StandardCharsets.UTF_8).length > CLIENT_NAME_MAX) {
            throw new RingFsException(ErrorCode.INVALID, "a session's client name must be 1 to " + CLIENT_NAME_MAX + " bytes");
        }
        long id = store.write(txn -> {
            long session = txn.cluster().nextSessionId();
            txn.sessions().open(session, client);
            return session;
        });
        lastHeardMillis.put(id, clock.millis());
        log.debug("session {} opened for {}", id, client);
        return id;
    }

    public void renew(long session) throws RingFsException {
        if (lastHeardMillis.computeIfPresent(session, (id, last) -> clock.millis()) != null) return;
        // Not in memory, yet perhaps in the store: its open was committed but answered UNAVAILABLE (a
        // meta group's majority did not acknowledge in time), and the client's retry got the kept reply.
        if (ending.contains(session) || !store.read(txn -> txn.sessions().exists(session)) || ending.contains(session)) {
            throw expired(session);
        }
        lastHeardMillis.putIfAbsent(session, clock.millis());
    }

    public void close(long session) throws RingFsException {
        if (store.write(txn -> end(txn, session))) log.debug("session {} closed", session);
        lastHeardMillis.remove(session);
    }

    /** Hands {@code count} fresh generations to a live session; returns the first. */
    public long allocate(long session, int count) throws RingFsException {
        return store.write(txn -> {
            if (!txn.sessions().exists(session)) throw expired(session);
            long first = txn.cluster().allocateGenerations(count);
            txn.sessions().addRange(session, new GenerationRange(first, first + count));
            return first;
        });
    }

    /**
     * Inside a committing transaction: {@code generation} was handed to {@code session}, which is
     * still alive. Otherwise SESSION_EXPIRED: the session ended (its copies may be gone), or the
     * generation came from an earlier session of the same client; either way the writer stores the
     * block again under its live session.
     */
    public static void requirePending(StoreTxn txn, long session, long generation) throws RingFsException {
        if (txn.sessions().holds(session, generation)) return;
        throw new RingFsException(ErrorCode.SESSION_EXPIRED, "generation " + generation + " is not pending for writer "
                + "session " + session + (txn.sessions().exists(session) ? "" : ", which has ended"));
    }

    /** Which generations may still be committed. */
    public LiveGenerations liveGenerations() throws RingFsException {
        return store.read(txn -> new LiveGenerations(txn.cluster().peekNextGeneration(), merged(txn.sessions().allRanges()), 0));
    }

    /** Ends every session not heard from for the timeout; returns how many. */
    public int expireIdle() throws RingFsException {
        long now = clock.millis();
        int ended = 0;
        for (Map.Entry<Long, Long> e : List.copyOf(lastHeardMillis.entrySet())) {
            if (now - e.getValue() <= timeoutMillis) continue;
            long session = e.getKey();
            // Out of memory first: a renew that slips in now is answered SESSION_EXPIRED, never "alive".
            ending.add(session);
            try {
                if (!lastHeardMillis.remove(session, e.getValue())) continue;
                store.write(txn -> end(txn, session));
            } finally {
                ending.remove(session);
            }
            log.info("session {} ended: not renewed for {} ms; its uncommitted generations are garbage now",
                    session, now - e.getValue());
            ended++;
        }
        return ended;
    }

    public int count() { return lastHeardMillis.size(); }

    private boolean end(StoreTxn txn, long session) throws RingFsException {
        endOfSession.ended(txn, session);
        return txn.sessions().close(session);
    }

    private static RingFsException expired(long session) {
        return new RingFsException(ErrorCode.SESSION_EXPIRED, "writer session " + session + " has ended");
    }

    /** The ranges sorted and with touching or overlapping ones joined. */
    static List<GenerationRange> merged(List<GenerationRange> ranges) {
        List<GenerationRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(GenerationRange::first));
        List<GenerationRange> out = new ArrayList<>();
        for (GenerationRange r : sorted) {
            GenerationRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r.first() <= last.end()) {
                out.set(out.size() - 1, new GenerationRange(last.first(), Math.max(last.end(), r.end())));
            } else {
                out.add(r);
            }
        }
        return out;
    }
}
