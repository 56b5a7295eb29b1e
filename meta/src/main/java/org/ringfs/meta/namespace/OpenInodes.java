package org.ringfs.meta.namespace;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.InodeHold;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.store.InodeRecord;
import org.ringfs.meta.store.MetaStore;
import org.ringfs.meta.store.StoreTxn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Inodes clients hold open, so that one whose last name goes lives on as an orphan for every mount
 * and front that has it open (POSIX keeps an unlinked file readable and writable through every open
 * descriptor). An orphan is freed by its last release, or when its last holding session ends.
 */
public final class OpenInodes {
    private static final Logger log = LoggerFactory.getLogger(OpenInodes.class);

    private final MetaStore store;
    private final Namespace namespace;

    public OpenInodes(MetaStore store, Namespace namespace) {
        this.store = store;
        this.namespace = namespace;
    }

    /** {@code session} holds {@code inode} open: STALE when the inode is gone, SESSION_EXPIRED when the session is. */
    public void hold(long session, long inode, long number) throws RingFsException {
        store.write(txn -> {
            liveSession(txn, session);
            Namespace.existing(txn, inode);
            txn.holds().hold(inode, session, number);
            return null;
        });
    }

    /**
     * {@link Namespace#create} and {@link #hold} of the file it creates or opens, in one transaction
     * (one synced write where a create and an open took two). SESSION_EXPIRED creates nothing.
     */
    public InodeAttributes createHeld(long session, long number, String path, int mode, int uid, int gid,
                                      boolean exclusive) throws RingFsException {
        PathName p = PathName.parse(path);
        return store.write(txn -> {
            liveSession(txn, session);
            InodeAttributes a = namespace.create(txn, p, mode, uid, gid, exclusive);
            txn.holds().hold(a.id(), session, number);
            return a;
        });
    }

    private static void liveSession(StoreTxn txn, long session) throws RingFsException {
        if (!txn.sessions().exists(session)) {
            throw new RingFsException(ErrorCode.SESSION_EXPIRED, "writer session " + session + " has ended");
        }
    }

    /**
     * {@code session} closed these inodes; a release ends only a hold numbered at most as it names
     * (the client may have opened the file again meanwhile), and an orphan whose last hold this was
     * is freed.
     */
    public void release(long session, List<InodeHold> holds) throws RingFsException {
        store.write(txn -> {
            for (InodeHold h : holds) release(txn, session, h.inode(), h.hold());
            return null;
        });
    }

    /** In the transaction that ends a session: every hold it had goes, and the orphans only it held are freed. */
    public static void releaseAll(StoreTxn txn, long session) {
        for (long inode : txn.holds().heldBy(session)) release(txn, session, inode, null);
    }

    private static void release(StoreTxn txn, long session, long inode, Long number) {
        if (!txn.holds().release(inode, session, number)) return;
        InodeRecord r = txn.inodes().get(inode);
        if (r != null && r.nlink() == 0 && !r.isDirectory() && !txn.holds().isHeld(inode)) {
            InodeRelease.free(txn, r);
            log.debug("orphan inode {} freed at its last release", inode);
        }
    }
}
