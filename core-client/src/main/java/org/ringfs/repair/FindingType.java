package org.ringfs.repair;

/** What fsck can find wrong with a copy or a server. */
public enum FindingType {
    /** A target's copy of the current generation fails its checksums, or differs from meta's length or CRC32C. */
    CORRUPT,
    /** A target holds only older generations of the block. */
    STALE,
    /** A target holds no copy of the block at all. */
    MISSING,
    /** The current generation on a server that is not one of the block's targets. */
    MISPLACED,
    /** A copy meta's records say is dead: an older generation, or a write whose session ended uncommitted. */
    ORPHANED,
    /**
     * A dead copy that one of meta's freed records orders deleted (its file removed or truncated, or
     * its generation replaced): its server's freed sweep deletes it within seconds. No fault.
     */
    FREED,
    /**
     * An uncommitted copy whose writer's session is alive (a write in flight or a file held open), or
     * a generation meta handed out after fsck began (a write during the check): left alone.
     */
    PENDING,
    /** A generation meta never handed out: meta's store is older than the data servers'. Kept; an alarm. */
    UNKNOWN,
    /** A data server fsck could not list or verify. */
    UNREACHABLE
}
