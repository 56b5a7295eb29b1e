package org.ringfs.cli.admin;

import org.ringfs.api.ClusterMap;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerInfo;
import org.ringfs.cli.Progress;

import java.time.Duration;
import java.util.function.LongFunction;

/**
 * Follows a retiring server's drain from meta's cluster map until meta takes it out of the ring.
 * The count shown is the copies verified on their new targets so far, against the most its drain
 * passes ever reported left (a pass may find more than the first one did). Before the first pass
 * there is no count, only the wait.
 */
final class DrainWatch {
    /** Meta's current map. */
    interface MapSource {
        ClusterMap get() throws RingFsException;
    }

    /** How the watch waits between looks (tests do not sleep). */
    interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    /** How a watch ended. */
    enum End {
        /** Meta took the server out of the ring: it may be stopped. */
        LEFT_THE_RING,
        /** The server is in the ring but no longer retiring (nothing in RingFS undoes a retirement today). */
        NOT_RETIRING
    }

    private final MapSource meta;
    private final Pause pause;
    private final Duration every;

    DrainWatch(MapSource meta, Pause pause, Duration every) {
        this.meta = meta;
        this.pause = pause;
        this.every = every;
    }

    /**
     * Watches until the server leaves the ring or stops retiring. The bar is opened (by {@code barFor},
     * given the first count, so it can show an ETA) at the first drain report, and closed at the end.
     */
    End follow(String name, LongFunction<Progress> barFor) throws RingFsException, InterruptedException {
        Progress bar = null;
        long most = 0;
        try {
            while (true) {
                ServerInfo s = meta.get().server(name);
                if (s == null) {
                    if (bar != null) bar.stepTo(most);
                    return End.LEFT_THE_RING;
                }
                if (!s.retiring()) return End.NOT_RETIRING;
                long left = s.drainLeft();
                if (left != ServerInfo.DRAIN_UNKNOWN) {
                    if (bar == null) bar = barFor.apply(left);
                    if (left > most) {
                        most = left;
                        bar.total(most);
                    }
                    bar.stepTo(most - left);
                }
                pause.sleep(every);
            }
        } finally {
            if (bar != null) bar.close();
        }
    }
}
