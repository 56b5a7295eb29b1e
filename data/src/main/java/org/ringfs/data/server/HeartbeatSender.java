package org.ringfs.data.server;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.Heartbeat;
import org.ringfs.api.HeartbeatReply;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.LongSupplier;

/**
 * Sends one heartbeat to meta per run and hands the outcome to the {@link MetaAuthority}. Meta
 * being down is expected now and then: logged at most once a minute, retried at the next run. A
 * reply asking to reconcile, a new ring epoch (a server joined or is retiring: placement moved some
 * blocks), or meta coming back after an outage, asks the reconciler for a pass, unless this server
 * refuses that meta (another cluster).
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
    private final MetaAuthority authority;
    private final Figures figures;
    private final Runnable requestReconcile;
    private final LongSupplier clock;
    private boolean metaDown;
    private long epoch = -1;
    private long lastLoggedMillis = Long.MIN_VALUE / 2;

    HeartbeatSender(MetaService meta, MetaAuthority authority, Figures figures, Runnable requestReconcile,
                    LongSupplier clock) {
        this.meta = meta;
        this.authority = authority;
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
            if (e.code() == ErrorCode.WRONG_CLUSTER) {
                authority.refusedByMeta(e); // logs it, throttled
                metaDown = true; // our own meta, once back, gets a reconcile
                return;
            }
            authority.unreachable();
            long now = clock.getAsLong();
            if (now - lastLoggedMillis >= LOG_EVERY_MILLIS) {
                lastLoggedMillis = now;
                log.warn("heartbeat to meta failed (retrying every beat, logged once a minute): {}", e.getMessage());
            }
            metaDown = true;
            return;
        }
        if (metaDown) log.info("meta answers heartbeats again");
        authority.accept(reply);
        boolean ringChanged = epoch != -1 && reply.epoch() != epoch;
        epoch = reply.epoch();
        if ((reply.reconcile() || metaDown || ringChanged) && authority.refusal().isEmpty()) requestReconcile.run();
        metaDown = false;
    }
}
