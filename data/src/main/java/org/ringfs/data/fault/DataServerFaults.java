package org.ringfs.data.fault;

import org.ringfs.api.BlockKey;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault hooks that tests set and production never does (HDFS's DataNodeFaultInjector): a pause
 * before a PUT is answered fakes a slow node, failing puts fake a sick disk. They are static, so
 * every data server in the JVM consults them; {@code server} (a name, or null for all) narrows one.
 */
public final class DataServerFaults {
    private static volatile String slowServer;
    private static volatile long putReplyPauseMillis;
    private static volatile String failingServer;
    private static final AtomicInteger failingPuts = new AtomicInteger();

    private DataServerFaults() {}

    /** Holds every PUT reply of {@code server} (null: any) for {@code pause} after the copy is stored. */
    public static void pausePutReplies(String server, Duration pause) {
        slowServer = server;
        putReplyPauseMillis = pause.toMillis();
    }

    /** Fails the next {@code count} PUTs to {@code server} (null: any) with IO_ERROR, storing nothing. */
    public static void failNextPuts(String server, int count) {
        failingServer = server;
        failingPuts.set(count);
    }

    /** Back to no faults. */
    public static void reset() {
        putReplyPauseMillis = 0;
        slowServer = null;
        failingPuts.set(0);
        failingServer = null;
    }

    /** Hook: a PUT arrived, before anything is stored. */
    public static void beforePut(String server, BlockKey key) throws RingFsException {
        if (applies(failingServer, server) && failingPuts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new RingFsException(ErrorCode.IO_ERROR, "injected fault: put " + key + " on " + server + " fails");
        }
    }

    /** Hook: a PUT is stored and about to be answered. */
    public static void beforePutReply(String server) throws InterruptedException {
        long pause = putReplyPauseMillis;
        if (pause > 0 && applies(slowServer, server)) Thread.sleep(pause);
    }

    private static boolean applies(String target, String server) {
        return target == null || target.equals(server);
    }
}
