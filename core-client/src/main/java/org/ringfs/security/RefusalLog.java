package org.ringfs.security;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Warns about refused requests at most once per interval and counts the rest into the next
 * warning: an admin learns that someone is knocking, and a client hammering a server with
 * unsigned or malformed requests cannot fill its disk with log lines. Every refusal is still
 * logged at debug level.
 */
public final class RefusalLog {
    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextWarningAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong unreported = new AtomicLong();

    public RefusalLog(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    /** One refusal of a request from {@code from} (an address) for {@code why}; true when it was warned about. */
    public boolean refused(String from, String why) {
        long now = System.nanoTime();
        long next = nextWarningAt.get();
        if ((next == Long.MIN_VALUE || now - next >= 0) && nextWarningAt.compareAndSet(next, now + intervalNanos)) {
            long others = unreported.getAndSet(0);
            log.warn("refused a request from {}: {}{}", from, why,
                    others == 0 ? "" : " (and " + others + " more refused since the last warning)");
            return true;
        }
        unreported.incrementAndGet();
        log.debug("refused a request from {}: {}", from, why);
        return false;
    }
}
