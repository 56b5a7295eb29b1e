package org.ringfs.e2e.ha;

import org.ringfs.api.RingFsException;
import org.ringfs.e2e.cluster.MiniRingFsCluster;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;

/** Waits for the meta members' store digests to agree: a replica applies the master's log a moment later. */
public final class MetaDigests {
    private MetaDigests() {}

    /** The digests once {@code members} running members answer one and the same; AssertionError after {@code timeout}. */
    public static Map<String, String> awaitEqual(MiniRingFsCluster cluster, int members, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> last = Map.of();
        String failure = "";
        while (System.nanoTime() < deadline) {
            try {
                last = cluster.metaDigests();
                if (last.size() == members && new HashSet<>(last.values()).size() == 1) return last;
            } catch (RingFsException e) {
                failure = e.getMessage() + " (" + e.code() + ")";
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the meta members' store digests did not agree within " + timeout + ": " + last + " " + failure);
    }
}
