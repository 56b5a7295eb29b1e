package org.ringfs.meta.store;

import org.ringfs.api.RingFsException;

/**
 * The body of one transaction. It may run more than once (a lock conflict aborts and retries it),
 * so it must have no effect outside the store except through its result.
 */
@FunctionalInterface
public interface TxnWork<T> {
    T run(StoreTxn txn) throws RingFsException;
}
