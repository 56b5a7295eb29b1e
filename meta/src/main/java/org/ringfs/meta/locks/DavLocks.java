package org.ringfs.meta.locks;

import org.ringfs.api.DavLock;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.store.LockTable;
import org.ringfs.meta.store.MetaStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The lock rules over the locks table. A grant is one store transaction (check and insert together),
 * so two fronts racing for one exclusive lock cannot both win. Paths are not resolved: a lock names
 * a URL, and may name one that does not exist yet (a LOCK on an unmapped URL).
 */
public final class DavLocks {
    private final MetaStore store;
    private final Clock clock;

    public DavLocks(MetaStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public DavLock lock(String path, boolean exclusive, boolean deep, String ownerXml, String principal,
                        long timeoutSeconds) throws RingFsException {
        String root = checkedPath(path);
        if (timeoutSeconds <= 0) throw new RingFsException(ErrorCode.INVALID, "lock timeout must be positive: " + timeoutSeconds);
        if (principal == null) throw new RingFsException(ErrorCode.INVALID, "a lock needs a principal");
        // Drawn outside the transaction: the work may rerun, and a token must never be reused.
        String token = "opaquelocktoken:" + UUID.randomUUID();
        return store.write(txn -> {
            long now = clock.millis();
            for (DavLock held : unexpired(txn.locks(), now)) {
                boolean overlaps = held.covers(root) || (deep && held.rootedBelow(root));
                if (overlaps && (exclusive || held.exclusive())) {
                    throw new RingFsException(ErrorCode.LOCKED, root + " is locked by " + held.token() + " on " + held.root());
                }
            }
            DavLock granted = new DavLock(token, root, exclusive, deep, ownerXml, principal, timeoutSeconds,
                    now + timeoutSeconds * 1000);
            txn.locks().put(granted);
            return granted;
        });
    }

    public DavLock refresh(String token, long timeoutSeconds) throws RingFsException {
        if (timeoutSeconds <= 0) throw new RingFsException(ErrorCode.INVALID, "lock timeout must be positive: " + timeoutSeconds);
        return store.write(txn -> {
            long now = clock.millis();
            DavLock held = unexpired(txn.locks(), token, now);
            DavLock refreshed = new DavLock(held.token(), held.root(), held.exclusive(), held.deep(), held.ownerXml(),
                    held.principal(), timeoutSeconds, now + timeoutSeconds * 1000);
            txn.locks().put(refreshed);
            return refreshed;
        });
    }

    public boolean unlock(String token) throws RingFsException {
        return store.write(txn -> {
            DavLock held = txn.locks().get(token);
            if (held == null) return false;
            txn.locks().delete(token);
            return !held.expiredAt(clock.millis());
        });
    }

    public DavLock byToken(String token) throws RingFsException {
        DavLock held = store.read(txn -> txn.locks().get(token));
        if (held == null || held.expiredAt(clock.millis())) throw notFound(token);
        return held;
    }

    /** Locks covering {@code path} and, with {@code below}, those rooted strictly below it. */
    public List<DavLock> locks(String path, boolean below) throws RingFsException {
        String p = checkedPath(path);
        List<DavLock> all = store.read(txn -> txn.locks().all());
        long now = clock.millis();
        List<DavLock> found = new ArrayList<>();
        for (DavLock l : all) {
            if (!l.expiredAt(now) && (l.covers(p) || (below && l.rootedBelow(p)))) found.add(l);
        }
        return found;
    }

    /** Drops every lock rooted at or below {@code path}, and every expired lock met on the way. */
    public void release(String path) throws RingFsException {
        String p = checkedPath(path);
        // Most releases (every DELETE and MOVE on the drive) find nothing to drop: asked in a read
        // first, they cost no write transaction and no fsync. Nothing is lost by it: a lock taken
        // after the read is one a release at that moment would have left too.
        long at = clock.millis();
        boolean any = store.read(txn -> {
            for (DavLock l : txn.locks().all()) {
                if (l.expiredAt(at) || l.root().equals(p) || l.rootedBelow(p)) return true;
            }
            return false;
        });
        if (!any) return;
        store.write(txn -> {
            long now = clock.millis();
            for (DavLock l : txn.locks().all()) {
                if (l.expiredAt(now) || l.root().equals(p) || l.rootedBelow(p)) txn.locks().delete(l.token());
            }
            return null;
        });
    }

    /** The table's unexpired locks; the expired ones are deleted (inside a write transaction). */
    private static List<DavLock> unexpired(LockTable table, long now) {
        List<DavLock> live = new ArrayList<>();
        for (DavLock l : table.all()) {
            if (l.expiredAt(now)) table.delete(l.token());
            else live.add(l);
        }
        return live;
    }

    private static DavLock unexpired(LockTable table, String token, long now) throws RingFsException {
        DavLock held = table.get(token);
        if (held != null && held.expiredAt(now)) {
            table.delete(token);
            held = null;
        }
        if (held == null) throw notFound(token);
        return held;
    }

    private static String checkedPath(String path) throws RingFsException {
        if (path == null || !path.startsWith("/") || (path.length() > 1 && path.endsWith("/")) || path.contains("//")) {
            throw new RingFsException(ErrorCode.INVALID, "not a normalised absolute path: '" + path + "'");
        }
        return path;
    }

    private static RingFsException notFound(String token) {
        return new RingFsException(ErrorCode.NOT_FOUND, "no lock " + token);
    }
}
