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
 * the blocks since this handle read it, or a truncate freed generations as new as this handle's)
 * each block whose generation moved is read again, this handle's written ranges laid over it, stored
 * as a fresh generation, and the batch committed again. On SESSION_EXPIRED (meta ended this client's
 * session, so its stored copies may be gone) every block is stored again under a new session.
 * Nothing is ever deleted here: a copy that is not committed is garbage only by meta's word.
 */
final class BlockCommitter {
    static final int MAX_ATTEMPTS = 5;

    private final MetaService meta;
    private final WriterSession session;
    private final BlockReader reader;
    private final BlockWriter writer;
    private final GenerationLeases leases;
    private final Duration readWait;
    private final AttributeCache attributes;

    BlockCommitter(MetaService meta, WriterSession session, BlockReader reader, BlockWriter writer,
                   GenerationLeases leases, Duration readWait, AttributeCache attributes) {
        this.meta = meta;
        this.session = session;
        this.reader = reader;
        this.writer = writer;
        this.leases = leases;
        this.readWait = readWait;
        this.attributes = attributes;
    }

    /**
     * Commits {@code batch} (every block stored) and the size; returns what was committed, block by
     * block in batch order, and the inode's attributes.
     */
    Committed commit(long inode, long size, List<DirtyBlock> batch) throws RingFsException {
        for (int attempt = 1; ; attempt++) {
            List<BlockWrite> writes = new ArrayList<>(batch.size());
            for (DirtyBlock b : batch) writes.add(b.awaitStored().write());
            long sessionId = session.id();
            AttributeCache.Fetch fetch = this.attributes.beginFetch();
            try {
                InodeAttributes attributes = meta.commit(sessionId, inode, size, nowNanos(), writes);
                this.attributes.inodeApplied(fetch, attributes);
                return new Committed(writes, attributes);
            } catch (RingFsException e) {
                this.attributes.inodeChanged(inode); // it may have been committed all the same
                if (attempt >= MAX_ATTEMPTS) throw e;
                if (e.code() == ErrorCode.CONFLICT) {
                    leases.renew();
                    rebase(inode, batch);
                } else if (e.code() == ErrorCode.SESSION_EXPIRED) {
                    session.ended(sessionId);
                    leases.renew();
                    storeAgain(inode, batch);
                } else {
                    throw e;
                }
            }
        }
    }

    /**
     * Commits {@code batch}, bytes appended at {@code fromSize}, as long as meta's size is still
     * {@code fromSize}; the size becomes {@code size}. A CONFLICT is not merged here, since the bytes
     * belong at the new end, not over another writer's: it is thrown, with the generation lease
     * renewed, for the caller to lay the bytes again.
     */
    Committed commitAppend(long inode, long fromSize, long size, List<DirtyBlock> batch) throws RingFsException {
        for (int attempt = 1; ; attempt++) {
            List<BlockWrite> writes = new ArrayList<>(batch.size());
            for (DirtyBlock b : batch) writes.add(b.awaitStored().write());
            long sessionId = session.id();
            AttributeCache.Fetch fetch = this.attributes.beginFetch();
            try {
                InodeAttributes attributes = meta.commitAppend(sessionId, inode, fromSize, size, nowNanos(), writes);
                this.attributes.inodeApplied(fetch, attributes);
                return new Committed(writes, attributes);
            } catch (RingFsException e) {
                this.attributes.inodeChanged(inode); // it may have been committed all the same
                if (e.code() == ErrorCode.CONFLICT) {
                    leases.renew(); // a truncate may have freed generations this lease still holds
                    throw e;
                }
                if (e.code() != ErrorCode.SESSION_EXPIRED || attempt >= MAX_ATTEMPTS) throw e;
                session.ended(sessionId);
                leases.renew();
                storeAgain(inode, batch);
            }
        }
    }

    /** The writes meta accepted and the attributes it answered with. */
    record Committed(List<BlockWrite> writes, InodeAttributes attributes) {}

    /**
     * A block whose generation moved is merged over the current one; every other block is stored
     * again too, with a generation of the fresh lease: a truncate may have freed the one it had
     * (meta does not say which), and a fresh lease is above every generation freed before it.
     */
    private void rebase(long inode, List<DirtyBlock> batch) throws RingFsException {
        for (DirtyBlock block : batch) {
            BlockInfo current = currentBlock(inode, block.index());
            long currentGeneration = current == null ? 0 : current.generation();
            block.awaitStored();
            if (currentGeneration != block.baseGeneration()) {
                block.rebase(current == null ? null : reader.readBlock(inode, current, readWait));
            }
            block.stored(writer.write(inode, block.index(), block.bytes(), block.length(), block.baseGeneration()));
        }
    }

    /** Stores every block of the batch again with a generation of the current session. */
    private void storeAgain(long inode, List<DirtyBlock> batch) throws RingFsException {
        for (DirtyBlock block : batch) {
            block.awaitStored();
            block.stored(writer.write(inode, block.index(), block.bytes(), block.length(), block.baseGeneration()));
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
