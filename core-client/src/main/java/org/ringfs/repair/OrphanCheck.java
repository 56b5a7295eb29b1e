package org.ringfs.repair;

import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Judges a copy meta does not reference: a young one above meta's generation is a write in flight
 * (PENDING, left alone); anything else is ORPHANED, and a repairing pass deletes it.
 */
final class OrphanCheck {
    private static final Logger log = LoggerFactory.getLogger(OrphanCheck.class);

    private final ServerDirectory servers;
    private final Duration pendingGrace;
    private final FsckReport.Builder report;
    private final boolean repair;
    private final long startedAtMillis = System.currentTimeMillis();

    OrphanCheck(ServerDirectory servers, Duration pendingGrace, FsckReport.Builder report, boolean repair) {
        this.servers = servers;
        this.pendingGrace = pendingGrace;
        this.report = report;
        this.repair = repair;
    }

    /** {@code copy} on {@code server}, where meta's generation of its block is {@code currentGeneration} (0: none). */
    void judge(String server, StoredBlock copy, long currentGeneration) {
        boolean young = startedAtMillis - copy.storedAtMillis() < pendingGrace.toMillis();
        if (young && copy.key().generation() > currentGeneration) {
            report.find(new FsckFinding(FailureType.PENDING, copy.key(), server, "stored "
                    + (startedAtMillis - copy.storedAtMillis()) + " ms ago, not committed yet"));
            return;
        }
        report.find(new FsckFinding(FailureType.ORPHANED, copy.key(), server, currentGeneration == 0
                ? "meta has no such block" : "meta's generation is " + currentGeneration));
        if (!repair) return;
        try {
            servers.service(server).delete(copy.key());
            report.repaired();
        } catch (RingFsException e) {
            servers.reportFailure(server);
            log.warn("fsck: could not delete orphaned copy {} on {}: {}", copy.key(), server, e.toString());
        }
    }
}
