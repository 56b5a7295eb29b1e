package org.ringfs.client;

import org.ringfs.api.ErrorCode;
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
 * releases ride the next renewal.
 */
final class WriterSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriterSession.class);
    static final long RENEW_EVERY_MILLIS = 2_000;

    private final MetaService meta;
    private final String client;
    private ScheduledExecutorService renewer;
    private long id; // 0: none open
    private boolean closed;
    private boolean reholdOnNextOpen;
    /** Open handles per inode in this client: meta holds the inode while the count is above zero. */
    private final Map<Long, Integer> openCounts = new HashMap<>();
    /** Inodes whose last handle closed, to release at meta with the next renewal. */
    private final List<Long> toRelease = new ArrayList<>();

    WriterSession(MetaService meta) {
        this.meta = meta;
        this.client = clientName();
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
                for (long inode : openCounts.keySet()) {
                    try {
                        meta.holdInode(id, inode);
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
        synchronized (this) {
            int n = openCounts.getOrDefault(inode, 0);
            openCounts.put(inode, n + 1);
            if (n > 0 || toRelease.remove(inode)) return; // still held (a release not yet sent is taken back)
        }
        for (int attempt = 1; ; attempt++) {
            long session = id();
            try {
                meta.holdInode(session, inode);
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

    /** A handle of {@code inode} closed: the last one's release goes to meta with the next renewal. */
    synchronized void closed(long inode) {
        int n = openCounts.getOrDefault(inode, 0) - 1;
        if (n > 0) {
            openCounts.put(inode, n);
            return;
        }
        openCounts.remove(inode);
        toRelease.add(inode);
    }

    /** Meta said {@code ended} is over: the next {@link #id()} opens a new session. */
    synchronized void ended(long ended) {
        if (id == ended) {
            log.info("writer session {} ended at meta; a new one replaces it", ended);
            id = 0;
            // The inodes it held went with it; the new session holds what is still open.
            toRelease.clear();
            reholdOnNextOpen = !openCounts.isEmpty();
        }
    }

    private void startRenewing() {
        renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ringfs-session-renew");
            t.setDaemon(true);
            return t;
        });
        renewer.scheduleWithFixedDelay(this::renew, RENEW_EVERY_MILLIS, RENEW_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        long current;
        List<Long> releasing;
        synchronized (this) {
            current = id;
            releasing = List.copyOf(toRelease);
            toRelease.clear();
        }
        if (current == 0) return;
        try {
            meta.renewSession(current);
            if (!releasing.isEmpty()) meta.releaseInodes(current, releasing);
        } catch (RingFsException e) {
            if (!releasing.isEmpty()) {
                synchronized (this) {
                    for (long inode : releasing) if (!openCounts.containsKey(inode)) toRelease.add(inode);
                }
            }
            if (e.code() == ErrorCode.SESSION_EXPIRED) {
                ended(current);
            } else {
                log.debug("renewing writer session {} failed (next try in {} ms): {}", current, RENEW_EVERY_MILLIS, e.toString());
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
