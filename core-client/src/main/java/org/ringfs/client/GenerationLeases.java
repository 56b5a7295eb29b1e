package org.ringfs.client;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/**
 * Block generations leased from meta a thousand at a time for this client's writer session, so a
 * block write costs no meta call. Meta never hands out a number twice, and every lease is above
 * every generation committed before it was taken: a write that must exceed a generation it read
 * renews the lease until it does. A lease belongs to one session: when the session is replaced, the
 * rest of the old lease is dropped.
 */
final class GenerationLeases {
    static final int LEASE_SIZE = 1024;

    private final MetaService meta;
    private final WriterSession session;
    private long next;
    private long end;
    private long leasedBy;

    GenerationLeases(MetaService meta, WriterSession session) {
        this.meta = meta;
        this.session = session;
    }

    /** A generation never used before and greater than {@code floor} (the generation it replaces). */
    synchronized long nextAbove(long floor) throws RingFsException {
        if (next >= end || next <= floor || leasedBy != session.id()) {
            renew();
            if (next <= floor) {
                throw new RingFsException(ErrorCode.INTERNAL, "meta leased generation " + next
                        + ", not above committed generation " + floor);
            }
        }
        return next++;
    }

    /** Drops the rest of the lease: after a CONFLICT another writer's generations may be above it. */
    synchronized void renew() throws RingFsException {
        for (int attempt = 1; ; attempt++) {
            long sessionId = session.id();
            try {
                next = meta.allocateGenerations(sessionId, LEASE_SIZE);
                end = next + LEASE_SIZE;
                leasedBy = sessionId;
                return;
            } catch (RingFsException e) {
                if (e.code() != ErrorCode.SESSION_EXPIRED || attempt > 1) throw e;
                session.ended(sessionId); // meta ended it while this client was cut off: take a new one
            }
        }
    }
}
