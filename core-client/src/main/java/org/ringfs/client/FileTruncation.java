package org.ringfs.client;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileBlocks;
import org.ringfs.api.FreedBlocks;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

import java.time.Duration;
import java.util.List;

/**
 * Sets a file's size exactly. Shrinking into the middle of a block stores that block shortened as a
 * new generation and hands it to meta with the truncate; blocks wholly past the end are dropped by
 * meta and then deleted from the data servers. Growing only moves the size: the hole reads as zeros.
 */
final class FileTruncation {
    private final MetaService meta;
    private final BlockReader reader;
    private final BlockWriter writer;
    private final GenerationLeases leases;
    private final BlockDeleter deleter;
    private final Duration readWait;

    FileTruncation(MetaService meta, BlockReader reader, BlockWriter writer, GenerationLeases leases,
                   BlockDeleter deleter, Duration readWait) {
        this.meta = meta;
        this.reader = reader;
        this.writer = writer;
        this.leases = leases;
        this.deleter = deleter;
        this.readWait = readWait;
    }

    void truncate(long inode, long size, int blockSize) throws RingFsException {
        if (size < 0) throw new RingFsException(ErrorCode.INVALID, "negative size " + size);
        long cutIndex = BlockRange.blockOf(size, blockSize);
        int keep = (int) (size % blockSize);
        for (int attempt = 1; ; attempt++) {
            StoredWrite shortened = keep == 0 ? null : shorten(inode, cutIndex, keep);
            FreedBlocks freed;
            try {
                freed = meta.truncate(inode, size, shortened == null ? null : shortened.write());
            } catch (RingFsException e) {
                if (shortened != null) deleter.deleteUncommitted(inode, shortened);
                if (e.code() != ErrorCode.CONFLICT || attempt >= BlockCommitter.MAX_ATTEMPTS) throw e;
                leases.renew();
                continue;
            }
            if (shortened != null) deleter.deleteReplaced(inode, List.of(shortened.write()));
            deleter.deleteFreed(freed);
            return;
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
