package org.ringfs.data.scrub;

/** What the scrubber can find wrong with a stored copy. */
public enum FailureType {
    HEALTHY,
    /** A chunk's bytes fail its stored CRC32C: bit rot, a torn write, or injected corruption. */
    CORRUPT_CHUNK,
    /** Every chunk checks out but the whole-block CRC32C does not: the record's header is damaged. */
    WRONG_BLOCK_CRC,
    /** The stored record does not decode (bad version, sizes that do not add up). */
    BAD_RECORD,
    /** The store could not read the copy at all (JE failed). */
    UNREADABLE
}
