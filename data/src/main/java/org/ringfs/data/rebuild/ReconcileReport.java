package org.ringfs.data.rebuild;

/**
 * One reconciliation pass.
 *
 * @param complete      whether it read all of meta and got every copy it should hold
 * @param keptMisplaced current copies placement gives other servers now, kept: meta has not recorded
 *                      the block as moved to the current ring, or a target could not vouch for its copy
 * @param keptPending   uncommitted copies kept because their writer's session lives
 * @param keptUnknown   copies of generations meta never handed out (meta's store is older than them), kept
 * @param keptRefused   copies it would have deleted but kept: meta had not granted delete authority
 * @param skipped       why it did nothing (null when it ran)
 * @param drainLeft     on a retiring server, its committed copies not yet verified on every one of
 *                      their targets; -1 on a server that is not retiring
 */
public record ReconcileReport(boolean complete, long fetched, long missing, long deleted, long keptMisplaced,
                              long keptPending, long keptUnknown, long keptRefused, String skipped, long drainLeft) {

    static ReconcileReport skipped(String why) {
        return new ReconcileReport(false, 0, 0, 0, 0, 0, 0, 0, why, -1);
    }
}
