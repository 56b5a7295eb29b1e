package org.ringfs.client;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.InodeHold;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This client's writer session with meta: opened on the first write, renewed every 2 s by a
 * daemon thread, closed with the client. While it lives, meta keeps every generation it handed to
 * it, committed or not, however long a file stays open. Meta ends a session it has not heard from
 * for its session timeout; this client then opens a new one and stores its uncommitted blocks again
 * ({@link BlockCommitter}), so a cut-off client loses nothing it had not yet been told was stored.
 * The session also holds the inodes this client has open, so an open file whose last name goes
 * (unlink, rename over it, here or on another mount) stays readable and writable until it is closed;
 * releases ride the next renewal. Each hold carries a number that rises within the client, and a
 * release names the hold it ends: a file closed and opened again while its release is on the wire
 * is held again under a higher number, which that late release does not end.
 */
final class WriterSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriterSession.class);
    static final long RENEW_EVERY_MILLIS = 2_000;

    private final MetaService meta;
    private final String client;
    private final long renewEveryMillis;
    private ScheduledExecutorService renewer;
    private long id; // 0: none open
    private boolean closed;
    private boolean reholdOnNextOpen;
    /** Open handles per inode in this client, with the hold meta keeps for them. */
    private final Map<Long, Open> open = new HashMap<>();
    /** Holds whose inode's last handle closed, to release at meta with the next renewal. */
    private final Map<Long, Long> toRelease = new HashMap<>();
    /**
     * Releases sent whose answer never came: meta may or may not have ended the hold, so they go
     * again, and an open meanwhile takes a new hold rather than one of these back.
     */
    private final Map<Long, Long> releaseAgain = new HashMap<>();
    private long lastHold;

    private static final class Open {
        int handles = 1;
        long hold;

        Open(long hold) { this.hold = hold; }
    }

    WriterSession(MetaService meta) {
        this(meta, RENEW_EVERY_MILLIS);
    }

    /** Tests renew by hand with a long period. */
    WriterSession(MetaService meta, long renewEveryMillis) {
        this.meta = meta;
        this.client = clientName();
        this.renewEveryMillis = renewEveryMillis;
    }

    /** The live session's id, opening one when there is none. */
    synchronized long id() throws RingFsException {
        if (closed) throw new RingFsException(ErrorCode.IO_ERROR, "client is closed");
        if (id == 0) {
            id = meta.openSession(client);
            if (renewer == null) startRenewing();
            log.debug("writer session {} opened", id);
            if (reholdOnNextOpen) {
                reholdOnNextOpen = false;
                for (Map.Entry<Long, Open> held : open.entrySet()) {
                    long inode = held.getKey();
                    try {
                        meta.holdInode(id, inode, held.getValue().hold);
                    } catch (RingFsException e) {
                        log.info("inode {} could not be held again under session {}: {}", inode, id, e.toString());
                    }
                }
            }
        }
        return id;
    }

    /**
     * A handle of {@code inode} opens: the first one asks meta to hold the inode, so that if its last
     * name goes, it lives on until this client closes it. STALE when the inode is already gone.
     */
    void opened(long inode) throws RingFsException {
        long hold;
        synchronized (this) {
            Open o = open.get(inode);
            if (o != null) {
                o.handles++;
                return;
            }
            Long unsent = toRelease.remove(inode);
            if (unsent != null) { // a release not yet sent is taken back: meta still holds it
                open.put(inode, new Open(unsent));
                return;
            }
            hold = ++lastHold;
            open.put(inode, new Open(hold));
        }
        for (int attempt = 1; ; attempt++) {
            long session = id();
            try {
                meta.holdInode(session, inode, hold);
                return;
            } catch (RingFsException e) {
                if (e.code() == ErrorCode.SESSION_EXPIRED && attempt == 1) {
                    ended(session);
                    continue;
                }
                closed(inode);
                throw e;
            }
        }
    }

    /** A meta call that opens an inode and holds it for {@code session} under {@code hold}, as {@code createHeld} does. */
    interface HoldingCall {
        InodeAttributes call(long session, long hold) throws RingFsException;
    }

    /**
     * Runs {@code call}, which opens an inode and holds it at meta in the same call (one synced write
     * at meta instead of two), and counts the handle as {@link #opened} does.
     */
    InodeAttributes openedBy(HoldingCall call) throws RingFsException {
        for (int attempt = 1; ; attempt++) {
            long session = id();
            long hold;
            synchronized (this) {
                hold = ++lastHold;
            }
            InodeAttributes a;
            try {
                a = call.call(session, hold);
            } catch (RingFsException e) {
                if (e.code() == ErrorCode.SESSION_EXPIRED && attempt == 1) {
                    ended(session);
                    continue;
                }
                throw e;
            }
            long inode = a.id();
            long holdNow;
            synchronized (this) {
                Open o = open.get(inode);
                if (o == null) {
                    Long unsent = toRelease.remove(inode);
                    o = new Open(unsent == null ? hold : Math.max(unsent, hold));
                    open.put(inode, o);
                } else {
                    o.handles++;
                }
                o.hold = Math.max(o.hold, hold); // meta keeps the highest number it was given
                if (id == session) return a;
                // The session ended while the call ran: its holds went with it.
                if (id == 0) {
                    reholdOnNextOpen = true;
                    return a;
                }
                holdNow = o.hold; // a new session, which was opened without this inode
            }
            try {
                meta.holdInode(id(), inode, holdNow);
                return a;
            } catch (RingFsException e) {
                closed(inode);
                throw e;
            }
        }
    }

    /** A handle of {@code inode} closed: the last one's release goes to meta with the next renewal. */
    synchronized void closed(long inode) {
        Open o = open.get(inode);
        if (o == null) return;
        if (--o.handles > 0) return;
        open.remove(inode);
        toRelease.merge(inode, o.hold, Math::max);
    }

    /** Meta said {@code ended} is over: the next {@link #id()} opens a new session. */
    synchronized void ended(long ended) {
        if (id == ended) {
            log.info("writer session {} ended at meta; a new one replaces it", ended);
            id = 0;
            // The inodes it held went with it; the new session holds what is still open.
            toRelease.clear();
            releaseAgain.clear();
            reholdOnNextOpen = !open.isEmpty();
        }
    }

    private void startRenewing() {
        renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ringfs-session-renew");
            t.setDaemon(true);
            return t;
        });
        renewer.scheduleWithFixedDelay(this::renew, renewEveryMillis, renewEveryMillis, TimeUnit.MILLISECONDS);
    }

    /** One renewal, with the releases queued since the last; package-private for tests. */
    void renew() {
        long current;
        List<InodeHold> releasing = new ArrayList<>();
        synchronized (this) {
            current = id;
            releaseAgain.forEach((inode, hold) -> releasing.add(new InodeHold(inode, hold)));
            toRelease.forEach((inode, hold) -> releasing.add(new InodeHold(inode, hold)));
            releaseAgain.clear();
            toRelease.clear();
        }
        if (current == 0) return;
        try {
            meta.renewSession(current);
            if (!releasing.isEmpty()) meta.releaseInodes(current, releasing);
        } catch (RingFsException e) {
            synchronized (this) {
                // Even for a file open again: its new hold's number is higher, so these end nothing of it.
                for (InodeHold h : releasing) releaseAgain.merge(h.inode(), h.hold(), Math::max);
            }
            if (e.code() == ErrorCode.SESSION_EXPIRED) {
                ended(current);
            } else {
                log.debug("renewing writer session {} failed (next try in {} ms): {}", current, renewEveryMillis, e.toString());
            }
        }
    }

    /** Ends the session at meta: what it stored and did not commit is garbage from now on. */
    @Override
    public void close() {
        long current;
        synchronized (this) {
            if (closed) return;
            closed = true;
            current = id;
            id = 0;
            if (renewer != null) renewer.shutdownNow();
        }
        if (current == 0) return;
        try {
            meta.closeSession(current);
        } catch (RingFsException e) {
            log.info("closing writer session {} failed (meta ends it after its timeout): {}", current, e.toString());
        }
    }

    private static String clientName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
