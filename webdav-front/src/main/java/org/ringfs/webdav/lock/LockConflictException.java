package org.ringfs.webdav.lock;

/** A LOCK refused because another lock covers the same resources (423 Locked). */
public final class LockConflictException extends Exception {
    private final ActiveLock holder;

    public LockConflictException(ActiveLock holder) {
        super("locked by " + holder.token() + " on " + holder.root());
        this.holder = holder;
    }

    public ActiveLock holder() { return holder; }
}
