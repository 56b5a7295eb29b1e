package org.ringfs.repair;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.LiveGenerations;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a copy that is not its block's committed generation by {@link CopyVerdict}, the rule the
 * data servers use: one meta's records say is dead is ORPHANED, or FREED when a freed record orders
 * it deleted (its server's sweep will), and a repairing pass deletes either; one whose writer's
 * session lives is PENDING; one meta never handed out is UNKNOWN. The last two are left alone,
 * however old.
 */
final class OrphanCheck {
    private static final Logger log = LoggerFactory.getLogger(OrphanCheck.class);

    private final ServerDirectory servers;
    private final LiveGenerations live;
    private final FreedCopies freed;
    private final FsckReport.Builder report;
    private final boolean repair;

    /**
     * @param live  meta's live generations, read before the first page of committed blocks
     * @param freed meta's freed records, read before that too
     */
    OrphanCheck(ServerDirectory servers, LiveGenerations live, FreedCopies freed, FsckReport.Builder report,
                boolean repair) {
        this.servers = servers;
        this.live = live;
        this.freed = freed;
        this.report = report;
        this.repair = repair;
    }

    /** {@code copy} on {@code server}, where meta's row of its block is {@code committed} (null: none). */
    void judge(String server, StoredBlock copy, BlockInfo committed) {
        CopyVerdict verdict = CopyVerdict.of(copy, committed, live);
        String metaSays = committed == null ? "meta has no such block" : "meta's generation is " + committed.generation();
        if (verdict == CopyVerdict.UNKNOWN) {
            report.find(new FsckFinding(FindingType.UNKNOWN, copy.key(), server, "generation "
                    + copy.key().generation() + " was never handed out by this meta (its next is "
                    + live.nextGeneration() + "): meta's store is older than this copy; kept"));
            return;
        }
        if (freed.covers(copy.key())) {
            // Meta's positive order, whatever the session: it refuses to commit a generation a record covers.
            report.find(new FsckFinding(FindingType.FREED, copy.key(), server, verdict + ": " + metaSays
                    + "; a freed record orders it deleted, which its server's sweep does"));
        } else if (verdict == CopyVerdict.PENDING) {
            report.find(new FsckFinding(FindingType.PENDING, copy.key(), server,
                    "not committed; its writer's session is alive (" + metaSays + ")"));
            return;
        } else {
            report.find(new FsckFinding(FindingType.ORPHANED, copy.key(), server, verdict + ": " + metaSays));
        }
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
