package org.ringfs.client;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileBlocks;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

import java.time.Duration;

/**
 * Sets a file's size exactly. Shrinking into the middle of a block stores that block shortened as a
 * new generation and hands it to meta with the truncate; meta drops the blocks wholly past the end
 * and records them freed, and the data servers delete them on that record. Growing only moves the
 * size: the hole reads as zeros. Nothing is deleted from here.
 */
final class FileTruncation {
    private final MetaService meta;
    private final WriterSession session;
    private final BlockReader reader;
    private final BlockWriter writer;
    private final GenerationLeases leases;
    private final Duration readWait;
    private final AttributeCache attributes;

    FileTruncation(MetaService meta, WriterSession session, BlockReader reader, BlockWriter writer,
                   GenerationLeases leases, Duration readWait, AttributeCache attributes) {
        this.meta = meta;
        this.session = session;
        this.reader = reader;
        this.writer = writer;
        this.leases = leases;
        this.readWait = readWait;
        this.attributes = attributes;
    }

    void truncate(long inode, long size, int blockSize) throws RingFsException {
        if (size < 0) throw new RingFsException(ErrorCode.INVALID, "negative size " + size);
        long cutIndex = BlockRange.blockOf(size, blockSize);
        int keep = (int) (size % blockSize);
        for (int attempt = 1; ; attempt++) {
            StoredWrite shortened = keep == 0 ? null : shorten(inode, cutIndex, keep);
            long sessionId = session.id();
            try {
                meta.truncate(sessionId, inode, size, shortened == null ? null : shortened.write());
                attributes.inodeChanged(inode);
                return;
            } catch (RingFsException e) {
                attributes.inodeChanged(inode); // it may have been truncated all the same
                boolean retry = e.code() == ErrorCode.CONFLICT || e.code() == ErrorCode.SESSION_EXPIRED;
                if (!retry || attempt >= BlockCommitter.MAX_ATTEMPTS) throw e;
                if (e.code() == ErrorCode.SESSION_EXPIRED) session.ended(sessionId);
                leases.renew();
            }
        }
    }

    /** Stores the first {@code keep} bytes of block {@code index} as its new generation, or null if nothing is cut. */
    private StoredWrite shorten(long inode, long index, int keep) throws RingFsException {
        FileBlocks page = meta.blocks(inode, index, 1);
        if (page.blocks().isEmpty()) return null;
        BlockInfo current = page.blocks().get(0);
        if (current.index() != index || current.length() <= keep) return null;
        VerifiedBlock block = reader.readBlock(inode, current, readWait);
        return writer.write(inode, index, block.bytes(), keep, current.generation());
    }
}
