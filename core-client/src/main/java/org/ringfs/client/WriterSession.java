package org.ringfs.client;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This client's writer session with meta: opened on the first write, renewed every 2 s by a
 * daemon thread, closed with the client. While it lives, meta keeps every generation it handed to
 * it, committed or not, however long a file stays open. Meta ends a session it has not heard from
 * for its session timeout; this client then opens a new one and stores its uncommitted blocks again
 * ({@link BlockCommitter}), so a cut-off client loses nothing it had not yet been told was stored.
 */
final class WriterSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriterSession.class);
    static final long RENEW_EVERY_MILLIS = 2_000;

    private final MetaService meta;
    private final String client;
    private ScheduledExecutorService renewer;
    private long id; // 0: none open
    private boolean closed;

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
        }
        return id;
    }

    /** Meta said {@code ended} is over: the next {@link #id()} opens a new session. */
    synchronized void ended(long ended) {
        if (id == ended) {
            log.info("writer session {} ended at meta; a new one replaces it", ended);
            id = 0;
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
        synchronized (this) {
            current = id;
        }
        if (current == 0) return;
        try {
            meta.renewSession(current);
        } catch (RingFsException e) {
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
