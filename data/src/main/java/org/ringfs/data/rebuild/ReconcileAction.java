package org.ringfs.data.rebuild;

import org.ringfs.api.FileBlock;
import org.ringfs.api.StoredBlock;
import org.ringfs.repair.CopyVerdict;

import java.util.List;

/** One thing reconciliation decided to do. */
sealed interface ReconcileAction {

    /** Copy a block this server should hold from one of {@code sources}, in that order. */
    record Fetch(FileBlock block, List<String> sources) implements ReconcileAction {}

    /** Delete a local copy meta's records say is dead ({@link CopyVerdict#mayDelete()}). */
    record Delete(StoredBlock copy, String reason) implements ReconcileAction {}

    /** Keep a copy meta has not committed: pending for a live session, or unknown to meta. */
    record Keep(StoredBlock copy, CopyVerdict verdict) implements ReconcileAction {}

    /**
     * A current copy that placement gives to other servers now (the ring changed). Deleted only when
     * {@code verdict} is {@link CopyVerdict#MOVED} (meta recorded the block as placed by the current
     * ring) and, right before, every one of {@code targets} holds a verified copy matching meta;
     * else kept ({@link CopyVerdict#MISPLACED}). A retiring server deletes nothing: it checks
     * the targets for its drain report.
     */
    record Misplaced(StoredBlock copy, FileBlock block, List<String> targets, CopyVerdict verdict)
            implements ReconcileAction {}
}
