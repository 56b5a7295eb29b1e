package org.ringfs.repair;

/** What fsck can find wrong with a copy or a server. */
public enum FailureType {
    /** A target's copy of the current generation fails its checksums, or differs from meta's length or CRC32C. */
    CORRUPT,
    /** A target holds only older generations of the block. */
    STALE,
    /** A target holds no copy of the block at all. */
    MISSING,
    /** The current generation on a server that is not one of the block's targets. */
    MISPLACED,
    /** A copy meta does not reference: an older generation, a deleted file, a write never committed. */
    ORPHANED,
    /** A young uncommitted copy above meta's generation: a write in flight, left alone. */
    PENDING,
    /** A data server fsck could not list or verify. */
    UNREACHABLE
}
