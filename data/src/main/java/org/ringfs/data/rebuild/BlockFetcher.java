package org.ringfs.data.rebuild;

import org.ringfs.api.BlockData;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileBlock;
import org.ringfs.api.RingFsException;
import org.ringfs.data.store.BlockStore;
import org.ringfs.repair.CopyCheck;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies one block from a peer into the local store: tries the sources in order, and takes a copy
 * only when {@link CopyCheck#whole} finds it is the one meta recorded.
 */
final class BlockFetcher {
    private final BlockStore store;
    private final Peers peers;

    BlockFetcher(BlockStore store, Peers peers) {
        this.store = store;
        this.peers = peers;
    }

    /**
     * Returns the name of the source that served a good copy; UNAVAILABLE naming each failure when none
     * did; NO_SPACE, before anything is fetched, when the store has no room for it.
     */
    String fetch(FileBlock block, List<String> sources) throws RingFsException {
        store.requireRoomFor(block.block().length()); // a full store takes no copy: fetch none
        List<String> failures = new ArrayList<>();
        for (String source : sources) {
            BlockData copy;
            try {
                copy = goodCopy(block, source);
            } catch (RingFsException e) {
                failures.add(source + ": " + e.code());
                continue;
            }
            store.put(block.key(), copy.bytes(), copy.length(), copy.chunkSize(), copy.chunkCrcs());
            return source;
        }
        throw new RingFsException(ErrorCode.UNAVAILABLE, "no good copy of " + block.key() + " " + failures);
    }

    private BlockData goodCopy(FileBlock block, String source) throws RingFsException {
        BlockData d = peers.peer(source).get(block.key());
        CopyCheck.whole(d, block.block()); // the one rule every reader and repairer trusts bytes by
        return d;
    }
}
