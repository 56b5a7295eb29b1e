package org.ringfs.data.store;

import org.ringfs.api.BlockKey;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

/** WRONG_GENERATION, with the generation this server does hold (the protocol's GENERATION header). */
public final class WrongGenerationException extends RingFsException {
    private final long heldGeneration;

    public WrongGenerationException(BlockKey asked, long heldGeneration) {
        super(ErrorCode.WRONG_GENERATION, "block " + asked.inode() + "/" + asked.index() + " is held at generation "
                + heldGeneration + ", not " + asked.generation());
        this.heldGeneration = heldGeneration;
    }

    public long heldGeneration() { return heldGeneration; }
}
