package org.ringfs.webdav.lock;

import org.ringfs.api.DavLock;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.webdav.dav.DavPath;
import org.ringfs.webdav.dav.StoreFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Locks kept by meta: every front over the cluster sees the same locks, they outlive a front's
 * restart, and meta's clock expires them. Meta grants atomically; this class only translates
 * between URL paths and meta's lock records. A meta failure leaves as a {@link StoreFailure}.
 */
public final class MetaLockStore implements LockStore {
    private final MetaService meta;

    public MetaLockStore(MetaService meta) {
        this.meta = meta;
    }

    @Override
    public ActiveLock lock(DavPath root, boolean exclusive, boolean deep, String ownerXml, String principal,
                           long timeoutSeconds) throws LockConflictException {
        try {
            return active(meta.lock(root.value(), exclusive, deep, ownerXml, principal, timeoutSeconds));
        } catch (RingFsException e) {
            if (e.code() == ErrorCode.LOCKED) throw new LockConflictException(conflictRoot(root, exclusive, deep));
            throw new StoreFailure(e);
        }
    }

    /** The root of a lock in the way, for the 423 body; the requested root if it lapsed meanwhile. */
    private DavPath conflictRoot(DavPath root, boolean exclusive, boolean deep) {
        for (ActiveLock held : (deep ? coveringOrBelow(root) : covering(root))) {
            if (exclusive || held.exclusive()) return held.root();
        }
        return root;
    }

    @Override
    public Optional<ActiveLock> refresh(String token, long timeoutSeconds) {
        try {
            return Optional.of(active(meta.refreshLock(token, timeoutSeconds)));
        } catch (RingFsException e) {
            if (e.code() == ErrorCode.NOT_FOUND) return Optional.empty();
            throw new StoreFailure(e);
        }
    }

    @Override
    public boolean unlock(String token) {
        try {
            return meta.unlock(token);
        } catch (RingFsException e) {
            throw new StoreFailure(e);
        }
    }

    @Override
    public Optional<ActiveLock> byToken(String token) {
        try {
            return Optional.of(active(meta.lockByToken(token)));
        } catch (RingFsException e) {
            if (e.code() == ErrorCode.NOT_FOUND) return Optional.empty();
            throw new StoreFailure(e);
        }
    }

    @Override
    public List<ActiveLock> covering(DavPath path) {
        return query(path, false, false);
    }

    @Override
    public List<ActiveLock> below(DavPath path) {
        return query(path, true, true);
    }

    /** One question to meta, not two. */
    @Override
    public List<ActiveLock> coveringOrBelow(DavPath path) {
        return query(path, true, false);
    }

    /** Meta's locks covering path and, with {@code below}, rooted below it; {@code onlyBelow} keeps only the latter. */
    private List<ActiveLock> query(DavPath path, boolean below, boolean onlyBelow) {
        List<DavLock> found;
        try {
            found = meta.locks(path.value(), below);
        } catch (RingFsException e) {
            throw new StoreFailure(e);
        }
        List<ActiveLock> out = new ArrayList<>(found.size());
        for (DavLock l : found) {
            if (!onlyBelow || l.rootedBelow(path.value())) out.add(active(l));
        }
        return out;
    }

    @Override
    public void releaseTree(DavPath path) {
        try {
            meta.releaseLocks(path.value());
        } catch (RingFsException e) {
            throw new StoreFailure(e);
        }
    }

    private static ActiveLock active(DavLock l) {
        return new ActiveLock(l.token(), new DavPath(l.root()), l.exclusive(), l.deep(), l.ownerXml(), l.principal(),
                l.timeoutSeconds(), l.expiresAtMillis());
    }
}
