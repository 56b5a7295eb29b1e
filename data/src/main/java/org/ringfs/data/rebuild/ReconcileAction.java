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
     * Delete a current copy that placement gives to other servers now (the ring changed), but only
     * once every one of {@code targets} holds a verified copy matching meta.
     */
    record DeleteIfReplicated(StoredBlock copy, FileBlock block, List<String> targets) implements ReconcileAction {}
}
