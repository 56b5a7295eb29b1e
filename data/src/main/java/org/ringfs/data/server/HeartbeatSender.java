package org.ringfs.data.server;

import org.ringfs.api.Heartbeat;
import org.ringfs.api.HeartbeatReply;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.LongSupplier;

/**
 * Sends one heartbeat to meta per run. Meta being down is expected now and then: logged at most
 * once a minute, retried at the next run. A reply asking to reconcile, or meta coming back after
 * an outage, asks the reconciler for a pass.
 */
final class HeartbeatSender implements PeriodicTask.Job {
    /** Builds the heartbeat from the server's current figures. */
    @FunctionalInterface
    interface Figures {
        Heartbeat heartbeat() throws RingFsException;
    }

    private static final Logger log = LoggerFactory.getLogger(HeartbeatSender.class);
    private static final long LOG_EVERY_MILLIS = 60_000;

    private final MetaService meta;
    private final Figures figures;
    private final Runnable requestReconcile;
    private final LongSupplier clock;
    private boolean metaDown;
    private long lastLoggedMillis = Long.MIN_VALUE / 2;

    HeartbeatSender(MetaService meta, Figures figures, Runnable requestReconcile, LongSupplier clock) {
        this.meta = meta;
        this.figures = figures;
        this.requestReconcile = requestReconcile;
        this.clock = clock;
    }

    @Override
    public void run() throws RingFsException {
        HeartbeatReply reply;
        try {
            reply = meta.heartbeat(figures.heartbeat());
        } catch (RingFsException e) {
            long now = clock.getAsLong();
            if (now - lastLoggedMillis >= LOG_EVERY_MILLIS) {
                lastLoggedMillis = now;
                log.warn("heartbeat to meta failed (retrying every beat, logged once a minute): {}", e.getMessage());
            }
            metaDown = true;
            return;
        }
        if (metaDown) log.info("meta answers heartbeats again");
        if (reply.reconcile() || metaDown) requestReconcile.run();
        metaDown = false;
    }
}
