package org.ringfs.client;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/**
 * Block generations leased from meta a thousand at a time, so a block write costs no meta call.
 * Meta never hands out a number twice, and every lease is above every generation committed before
 * it was taken: a write that must exceed a generation it read renews the lease until it does.
 */
final class GenerationLeases {
    static final int LEASE_SIZE = 1024;

    private final MetaService meta;
    private long next;
    private long end;

    GenerationLeases(MetaService meta) {
        this.meta = meta;
    }

    /** A generation never used before and greater than {@code floor} (the generation it replaces). */
    synchronized long nextAbove(long floor) throws RingFsException {
        if (next >= end || next <= floor) {
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
        next = meta.allocateGenerations(LEASE_SIZE);
        end = next + LEASE_SIZE;
    }
}
