package org.ringfs.client;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockWrite;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileBlocks;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Commits a handle's stored blocks to meta in one call. On CONFLICT (another writer committed one of
 * the blocks since this handle read it) each block whose generation moved is read again, this
 * handle's written ranges laid over it, stored as a fresh generation, and the batch committed again.
 */
final class BlockCommitter {
    static final int MAX_ATTEMPTS = 5;

    private final MetaService meta;
    private final BlockReader reader;
    private final BlockWriter writer;
    private final GenerationLeases leases;
    private final BlockDeleter deleter;
    private final Duration readWait;

    BlockCommitter(MetaService meta, BlockReader reader, BlockWriter writer, GenerationLeases leases,
                   BlockDeleter deleter, Duration readWait) {
        this.meta = meta;
        this.reader = reader;
        this.writer = writer;
        this.leases = leases;
        this.deleter = deleter;
        this.readWait = readWait;
    }

    /**
     * Commits {@code batch} (every block stored) and the size; returns what was committed, block by
     * block in batch order, and the inode's attributes.
     */
    Committed commit(long inode, long size, List<DirtyBlock> batch) throws RingFsException {
        for (int attempt = 1; ; attempt++) {
            List<BlockWrite> writes = new ArrayList<>(batch.size());
            for (DirtyBlock b : batch) writes.add(b.awaitStored().write());
            try {
                InodeAttributes attributes = meta.commit(inode, size, nowNanos(), writes);
                deleter.deleteReplaced(inode, writes);
                return new Committed(writes, attributes);
            } catch (RingFsException e) {
                if (e.code() != ErrorCode.CONFLICT || attempt >= MAX_ATTEMPTS) throw e;
                leases.renew();
                rebase(inode, batch);
            }
        }
    }

    /** The writes meta accepted and the attributes it answered with. */
    record Committed(List<BlockWrite> writes, InodeAttributes attributes) {}

    private void rebase(long inode, List<DirtyBlock> batch) throws RingFsException {
        for (DirtyBlock block : batch) {
            BlockInfo current = currentBlock(inode, block.index());
            long currentGeneration = current == null ? 0 : current.generation();
            if (currentGeneration == block.baseGeneration()) continue;
            StoredWrite superseded = block.awaitStored();
            block.rebase(current == null ? null : reader.readBlock(inode, current, readWait));
            block.stored(writer.write(inode, block.index(), block.bytes(), block.length(), block.baseGeneration()));
            deleter.deleteUncommitted(inode, superseded);
        }
    }

    private BlockInfo currentBlock(long inode, long index) throws RingFsException {
        FileBlocks page = meta.blocks(inode, index, 1);
        if (page.blocks().isEmpty() || page.blocks().get(0).index() != index) return null;
        return page.blocks().get(0);
    }

    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
