package org.ringfs.client;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import java.time.Duration;

/**
 * When a wait for servers gives up. {@link ClientSettings#FOREVER} never expires. Retries pause
 * {@link #RETRY_PAUSE} between rounds so a down server costs the cluster map a refresh, not a spin.
 */
final class Deadline {
    static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    private final long endNanos;
    private final boolean forever;

    private Deadline(long endNanos, boolean forever) {
        this.endNanos = endNanos;
        this.forever = forever;
    }

    static Deadline after(Duration wait) {
        if (ClientSettings.isForever(wait)) return new Deadline(0, true);
        long nanos = wait.toNanos();
        return new Deadline(System.nanoTime() + nanos, false);
    }

    boolean expired() {
        return !forever && System.nanoTime() - endNanos >= 0;
    }

    /** Milliseconds left, at least 1 while not expired; Long.MAX_VALUE for forever. */
    long remainingMillis() {
        if (forever) return Long.MAX_VALUE;
        long left = (endNanos - System.nanoTime()) / 1_000_000;
        return Math.max(0, left);
    }

    /** Sleeps the retry pause, cut short to what is left. */
    void pause() throws RingFsException {
        sleep(Math.min(RETRY_PAUSE.toMillis(), Math.max(1, remainingMillis())));
    }

    static void sleep(long millis) throws RingFsException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RingFsException(ErrorCode.IO_ERROR, "interrupted while waiting for data servers", e);
        }
    }
}
