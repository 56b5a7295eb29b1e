package org.ringfs.data.store;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

/**
 * A delete order (or a heartbeat grant) from a meta master whose term is older than the newest term
 * this server has seen: a deposed master still talking. Nothing is deleted on its word.
 */
public final class StaleTermException extends RingFsException {
    private final long orderTerm;
    private final long newestTerm;

    public StaleTermException(String server, String what, long orderTerm, long newestTerm) {
        super(ErrorCode.NOT_MASTER, server + " deletes nothing on " + what + " of meta term " + orderTerm
                + ": it has seen term " + newestTerm + " (a deposed meta master is still talking)");
        this.orderTerm = orderTerm;
        this.newestTerm = newestTerm;
    }

    /** The term of the master that gave the order. */
    public long orderTerm() { return orderTerm; }

    /** The newest meta term the server had seen. */
    public long newestTerm() { return newestTerm; }
}
