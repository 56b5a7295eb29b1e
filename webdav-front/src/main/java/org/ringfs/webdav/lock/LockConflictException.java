package org.ringfs.webdav.lock;

import org.ringfs.webdav.dav.DavPath;

/** A LOCK refused because another lock covers the same resources (423 Locked). */
public final class LockConflictException extends Exception {
    private final DavPath lockedRoot;

    /** @param lockedRoot the root of a lock in the way, named in the 423 body */
    public LockConflictException(DavPath lockedRoot) {
        super("locked by a lock on " + lockedRoot);
        this.lockedRoot = lockedRoot;
    }

    public DavPath lockedRoot() { return lockedRoot; }
}
