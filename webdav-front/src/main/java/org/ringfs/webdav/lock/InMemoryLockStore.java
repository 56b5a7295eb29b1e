package org.ringfs.webdav.lock;

import org.ringfs.webdav.dav.DavPath;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Locks held by this front alone, lost when it stops: for tests and a front without a cluster.
 * Real fronts use {@link MetaLockStore}, which several fronts share and which outlives them.
 * One monitor guards everything: lock traffic is a few requests per save, not a hot path.
 */
public final class InMemoryLockStore implements LockStore {
    private final Map<String, ActiveLock> byToken = new HashMap<>();
    private final Clock clock;

    public InMemoryLockStore() {
        this(Clock.systemUTC());
    }

    public InMemoryLockStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized ActiveLock lock(DavPath root, boolean exclusive, boolean deep, String ownerXml, String principal,
                                        long timeoutSeconds) throws LockConflictException {
        long now = clock.millis();
        dropExpired(now);
        for (ActiveLock held : byToken.values()) {
            boolean overlaps = held.covers(root) || (deep && held.root().isWithin(root));
            if (overlaps && (exclusive || held.exclusive())) throw new LockConflictException(held.root());
        }
        ActiveLock granted = new ActiveLock("opaquelocktoken:" + UUID.randomUUID(), root, exclusive, deep, ownerXml,
                principal, timeoutSeconds, now + timeoutSeconds * 1000);
        byToken.put(granted.token(), granted);
        return granted;
    }

    @Override
    public synchronized Optional<ActiveLock> refresh(String token, long timeoutSeconds) {
        long now = clock.millis();
        dropExpired(now);
        ActiveLock held = byToken.get(token);
        if (held == null) return Optional.empty();
        ActiveLock refreshed = held.refreshed(timeoutSeconds, now);
        byToken.put(token, refreshed);
        return Optional.of(refreshed);
    }

    @Override
    public synchronized boolean unlock(String token) {
        dropExpired(clock.millis());
        return byToken.remove(token) != null;
    }

    @Override
    public synchronized Optional<ActiveLock> byToken(String token) {
        dropExpired(clock.millis());
        return Optional.ofNullable(byToken.get(token));
    }

    @Override
    public synchronized List<ActiveLock> covering(DavPath path) {
        dropExpired(clock.millis());
        List<ActiveLock> found = new ArrayList<>();
        for (ActiveLock l : byToken.values()) if (l.covers(path)) found.add(l);
        return found;
    }

    @Override
    public synchronized List<ActiveLock> below(DavPath path) {
        dropExpired(clock.millis());
        List<ActiveLock> found = new ArrayList<>();
        for (ActiveLock l : byToken.values()) {
            if (!l.root().equals(path) && l.root().isWithin(path)) found.add(l);
        }
        return found;
    }

    @Override
    public synchronized void releaseTree(DavPath path) {
        byToken.values().removeIf(l -> l.root().isWithin(path));
    }

    private void dropExpired(long now) {
        byToken.values().removeIf(l -> l.expiredAt(now));
    }
}
