package org.ringfs.repair;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockKey;
import org.ringfs.api.LiveGenerations;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges a copy that is not its block's committed generation by {@link CopyVerdict}, the rule the
 * data servers use: one meta's records say is dead is ORPHANED, or FREED when a freed record orders
 * it deleted (its server's sweep will), and a repairing pass deletes either; one whose writer's
 * session lives is PENDING; one meta never handed out is UNKNOWN. The last two are left alone,
 * however old.
 *
 * <p>fsck runs while the cluster is in use, so the two verdicts that are alarms wait for the end of
 * the walk ({@link #finish()}), then are judged against what meta recorded meanwhile: an UNKNOWN
 * generation that meta has handed out since fsck began is a write during the check (PENDING); a
 * dead copy that a freed record written since covers is FREED, and one its server has deleted since
 * it was listed is no finding at all.
 */
final class OrphanCheck {
    private static final Logger log = LoggerFactory.getLogger(OrphanCheck.class);
    /** Copies held for the end of the walk at most (~200 bytes each); past that they are judged at once. */
    static final int MAX_DEFERRED = 100_000;

    /** A copy whose verdict (ORPHANED or UNKNOWN) waits for the end of the walk. */
    private record Doubt(String server, StoredBlock copy, CopyVerdict verdict, String metaSays) {}

    private final ServerDirectory servers;
    private final MetaService meta;
    private final LiveGenerations live;
    private final FreedCopies freed;
    private final FsckReport.Builder report;
    private final boolean repair;
    private final List<Doubt> deferred = new ArrayList<>();
    private final int maxDeferred;

    /**
     * @param live  meta's live generations, read before the first page of committed blocks
     * @param freed meta's freed records, read before that too
     */
    OrphanCheck(ServerDirectory servers, MetaService meta, LiveGenerations live, FreedCopies freed,
                FsckReport.Builder report, boolean repair) {
        this(servers, meta, live, freed, report, repair, MAX_DEFERRED);
    }

    OrphanCheck(ServerDirectory servers, MetaService meta, LiveGenerations live, FreedCopies freed,
                FsckReport.Builder report, boolean repair, int maxDeferred) {
        this.maxDeferred = maxDeferred;
        this.servers = servers;
        this.meta = meta;
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
            if (!defer(new Doubt(server, copy, verdict, metaSays))) unknown(server, copy, live);
        } else if (freed.covers(copy.key())) {
            freedCopy(server, copy, verdict, metaSays);
        } else if (verdict == CopyVerdict.PENDING) {
            report.find(new FsckFinding(FindingType.PENDING, copy.key(), server,
                    "not committed; its writer's session is alive (" + metaSays + ")"));
        } else if (!defer(new Doubt(server, copy, verdict, metaSays))) {
            orphaned(server, copy, verdict, metaSays);
        }
    }

    /**
     * Judges the copies held back, against meta's freed records and live generations as they are
     * now; a dead copy no freed record covers is looked up on its server first.
     */
    void finish() throws RingFsException {
        if (deferred.isEmpty()) return;
        freed.refresh();
        LiveGenerations now = meta.liveGenerations();
        for (Doubt d : deferred) {
            BlockKey key = d.copy().key();
            if (d.verdict() == CopyVerdict.UNKNOWN) {
                if (now.isUnknown(key.generation())) {
                    unknown(d.server(), d.copy(), now);
                } else {
                    report.find(new FsckFinding(FindingType.PENDING, key, d.server(), "generation " + key.generation()
                            + " was handed out after fsck began (its next was " + live.nextGeneration()
                            + "): a write during the check; left alone"));
                }
            } else if (freed.covers(key)) {
                freedCopy(d.server(), d.copy(), d.verdict(), d.metaSays());
            } else if (stillHeld(d.server(), key)) {
                orphaned(d.server(), d.copy(), d.verdict(), d.metaSays());
            }
            // else: its server deleted it since it was listed (a sweep carried out a freed record since purged)
        }
        deferred.clear();
    }

    private boolean defer(Doubt doubt) {
        if (deferred.size() >= maxDeferred) return false;
        deferred.add(doubt);
        return true;
    }

    private void unknown(String server, StoredBlock copy, LiveGenerations live) {
        report.find(new FsckFinding(FindingType.UNKNOWN, copy.key(), server, "generation "
                + copy.key().generation() + " was never handed out by this meta (its next is "
                + live.nextGeneration() + "): meta's store is older than this copy; kept"));
    }

    private void freedCopy(String server, StoredBlock copy, CopyVerdict verdict, String metaSays) {
        // Meta's positive order, whatever the session: it refuses to commit a generation a record covers.
        report.find(new FsckFinding(FindingType.FREED, copy.key(), server, verdict + ": " + metaSays
                + "; a freed record orders it deleted, which its server's sweep does"));
        delete(server, copy, freed.orderTerm(copy.key()));
    }

    private void orphaned(String server, StoredBlock copy, CopyVerdict verdict, String metaSays) {
        report.find(new FsckFinding(FindingType.ORPHANED, copy.key(), server, verdict + ": " + metaSays));
        delete(server, copy, live.term()); // the verdict rests on the live generations read first
    }

    /**
     * Deletes on the order of meta's master of {@code term}: the server refuses it when it has seen
     * a newer master (the records came from a deposed one), as it refuses its own sweeps then.
     */
    private void delete(String server, StoredBlock copy, long term) {
        if (!repair) return;
        try {
            servers.service(server).delete(copy.key(), term);
            report.repaired();
        } catch (RingFsException e) {
            servers.reportFailure(server);
            log.warn("fsck: could not delete orphaned copy {} on {}: {}", copy.key(), server, e.toString());
        }
    }

    /** Whether {@code server} still lists {@code key}; true when it cannot tell (the finding stands). */
    private boolean stillHeld(String server, BlockKey key) {
        try {
            List<StoredBlock> next = servers.service(server).list(ServerListing.before(key), 1);
            return !next.isEmpty() && next.get(0).key().equals(key);
        } catch (RingFsException e) {
            servers.reportFailure(server);
            log.info("fsck: could not look {} up again on {}: {}", key, server, e.toString());
            return true;
        }
    }
}
