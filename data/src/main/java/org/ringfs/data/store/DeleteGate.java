package org.ringfs.data.store;

import org.ringfs.api.RingFsException;

/**
 * Asked before this server deletes a copy on anyone's behalf: throws, saying why, when it may not.
 * A server that runs with meta passes its {@code MetaAuthority}; one without meta deletes freely.
 */
@FunctionalInterface
public interface DeleteGate {
    /** A server without meta: nobody to ask. */
    DeleteGate OPEN = () -> { };

    void check() throws RingFsException;

    /**
     * Asked before this server carries out a delete order (a freed page, a live-generations verdict)
     * that meta's master of {@code term} gave: throws, saying why, when it may not. A gate that knows
     * no meta terms only asks {@link #check()}; {@code MetaAuthority} also refuses an order of a term
     * older than the newest it has seen ({@link StaleTermException}).
     */
    default void checkOrder(long term) throws RingFsException {
        check();
    }
}
