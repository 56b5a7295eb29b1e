package org.ringfs.repair;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.LiveGenerations;
import org.ringfs.api.StoredBlock;

/**
 * Whether a stored copy may be deleted, judged on meta's positive records alone: the block's
 * committed triple and which generations may still be committed. One rule for the data servers'
 * reconciliation and for fsck. A copy is never deleted because meta does not know it or because it
 * is old; where the answer is unknown the copy is kept and reported.
 */
public enum CopyVerdict {
    /** The committed generation with meta's length and CRC32C. */
    CURRENT(false),
    /** A generation below the committed one: meta only commits growing generations, so it is dead. */
    SUPERSEDED(true),
    /** The committed generation with other bytes than meta committed: useless, a good copy replaces it. */
    WRONG_BYTES(true),
    /** Never committed, and the session it was handed to has ended: meta will refuse it for ever. */
    DEAD(true),
    /** Not committed (yet): its writer's session is alive. Kept. */
    PENDING(false),
    /** A generation meta never handed out: meta's store is older than this copy. Kept, and said loudly. */
    UNKNOWN(false),
    /**
     * The committed copy on a server that is not one of the block's current targets, and meta has
     * recorded the block as placed by the current ring (every current target verified its copy).
     */
    MOVED(true),
    /**
     * The committed copy on a server that is not one of the block's current targets, while meta has
     * not recorded the block as moved to the current ring: it may be one of the copies a reader
     * finds where the block's epoch placed it. Kept.
     */
    MISPLACED(false);

    private final boolean mayDelete;

    CopyVerdict(boolean mayDelete) {
        this.mayDelete = mayDelete;
    }

    public boolean mayDelete() { return mayDelete; }

    /**
     * @param committed meta's row of the copy's block, or null when meta has none (a block never
     *                  committed, or an inode meta removed: its freed record deletes those copies)
     * @param live      meta's live generations, read before {@code committed} was
     */
    /**
     * A copy judged {@link #CURRENT} that sits on a server the current ring does not give the block:
     * {@link #MOVED} only on meta's record that the block was placed by the ring of {@code map}.
     * Whoever deletes it still checks that every current target holds a good copy right before.
     */
    public static CopyVerdict ofNonTarget(BlockInfo committed, ClusterMap map) {
        return map.placedByCurrentRing(committed) ? MOVED : MISPLACED;
    }

    public static CopyVerdict of(StoredBlock copy, BlockInfo committed, LiveGenerations live) {
        long generation = copy.key().generation();
        if (committed != null && generation < committed.generation()) return SUPERSEDED;
        if (committed != null && generation == committed.generation()) {
            return copy.length() == committed.length() && copy.crc32c() == committed.crc32c() ? CURRENT : WRONG_BYTES;
        }
        if (live.isUnknown(generation)) return UNKNOWN;
        return live.isDead(generation) ? DEAD : PENDING;
    }
}
