package org.ringfs.repair;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.LiveGenerations;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a copy that is not its block's committed generation by {@link CopyVerdict}, the rule the
 * data servers use: one meta's records say is dead is ORPHANED, and a repairing pass deletes it; one
 * whose writer's session lives is PENDING; one meta never handed out is UNKNOWN. The last two are
 * left alone, however old.
 */
final class OrphanCheck {
    private static final Logger log = LoggerFactory.getLogger(OrphanCheck.class);

    private final ServerDirectory servers;
    private final LiveGenerations live;
    private final FsckReport.Builder report;
    private final boolean repair;

    /** @param live meta's live generations, read before the first page of committed blocks */
    OrphanCheck(ServerDirectory servers, LiveGenerations live, FsckReport.Builder report, boolean repair) {
        this.servers = servers;
        this.live = live;
        this.report = report;
        this.repair = repair;
    }

    /** {@code copy} on {@code server}, where meta's row of its block is {@code committed} (null: none). */
    void judge(String server, StoredBlock copy, BlockInfo committed) {
        CopyVerdict verdict = CopyVerdict.of(copy, committed, live);
        String metaSays = committed == null ? "meta has no such block" : "meta's generation is " + committed.generation();
        switch (verdict) {
            case PENDING -> {
                report.find(new FsckFinding(FindingType.PENDING, copy.key(), server,
                        "not committed; its writer's session is alive (" + metaSays + ")"));
                return;
            }
            case UNKNOWN -> {
                report.find(new FsckFinding(FindingType.UNKNOWN, copy.key(), server, "generation "
                        + copy.key().generation() + " was never handed out by this meta (its next is "
                        + live.nextGeneration() + "): meta's store is older than this copy; kept"));
                return;
            }
            default -> { }
        }
        report.find(new FsckFinding(FindingType.ORPHANED, copy.key(), server, verdict + ": " + metaSays));
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
