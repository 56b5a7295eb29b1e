package org.ringfs.webdav.lock;

import org.ringfs.webdav.dav.DavPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a front keeps WebDAV locks. Expired locks are never returned: a lock nobody refreshes
 * releases itself. Implementations are thread-safe and grant atomically (check and insert are one
 * step), so two fronts sharing a store can never both hold an exclusive lock.
 */
public interface LockStore {

    /**
     * Grants a lock on {@code root} unless an unexpired lock conflicts: any lock covering root or
     * (for a deep request) rooted below it, when either lock is exclusive.
     */
    ActiveLock lock(DavPath root, boolean exclusive, boolean deep, String ownerXml, String principal, long timeoutSeconds)
            throws LockConflictException;

    /** Extends a lock's timeout; empty when no such unexpired lock exists. */
    Optional<ActiveLock> refresh(String token, long timeoutSeconds);

    /** Removes a lock; false when there was none. */
    boolean unlock(String token);

    Optional<ActiveLock> byToken(String token);

    /** Unexpired locks that protect {@code path}: rooted at it, or deep and rooted at an ancestor. */
    List<ActiveLock> covering(DavPath path);

    /** Unexpired locks rooted strictly below {@code path}. */
    List<ActiveLock> below(DavPath path);

    /** {@link #covering} and {@link #below} together: what a change to {@code path} and its members must respect. */
    default List<ActiveLock> coveringOrBelow(DavPath path) {
        List<ActiveLock> out = new ArrayList<>(covering(path));
        out.addAll(below(path));
        return out;
    }

    /** Drops every lock rooted at or below {@code path} (after a DELETE or a MOVE away). */
    void releaseTree(DavPath path);
}
