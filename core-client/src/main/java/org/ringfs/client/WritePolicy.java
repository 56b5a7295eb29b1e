package org.ringfs.client;

/** How many copies of a block a write waits for before it counts as done. */
public enum WritePolicy {
    /** The seed's rule: every one of the block's three servers, waiting while any is down. */
    ALL,
    /** Two of three; meta marks the block under-replicated and repair brings the third copy. */
    QUORUM;

    public int acksNeeded() { return this == ALL ? 3 : 2; }
}
