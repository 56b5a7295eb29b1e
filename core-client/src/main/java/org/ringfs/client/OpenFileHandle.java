package org.ringfs.client;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * An open regular file: reads see this handle's own writes first, then the committed blocks; writes
 * gather in whole dirty blocks that are stored as they fill (write-behind) and committed to meta
 * on flush. Memory is bounded: at most twice {@code maxDirtyBlocks} blocks are buffered before a
 * flush, plus a few cached blocks for reads. One lock serialises the handle's operations.
 */
final class OpenFileHandle implements OpenFile {
    private static final Logger log = LoggerFactory.getLogger(OpenFileHandle.class);
    /** How long full blocks a writer has stored may wait for their commit while the file stays open. */
    static final long COMMIT_OPEN_EVERY_NANOS = 5_000_000_000L;

    private final long inode;
    private final int blockSize;
    private final ClientServices services;
    private final CommittedBlocks committed;
    private final WriteBuffer buffer = new WriteBuffer();
    /** The size as this handle sees it: meta's, grown by its own uncommitted writes. */
    private volatile long size; // read without the handle's lock: a stat never waits for a flush
    /** Where the last read ended: a read starting there is sequential and earns read-ahead. */
    private long lastReadEnd;
    /** When this handle last committed: a file held open commits its full stored blocks every few seconds. */
    private long lastCommitNanos = System.nanoTime();
    private volatile boolean closed;

    /** @param attributes the inode as meta just gave it (create or stat): an empty file needs no table fetch */
    OpenFileHandle(InodeAttributes attributes, int blockSize, ClientServices services) throws RingFsException {
        this.inode = attributes.id();
        this.blockSize = blockSize;
        this.services = services;
        BlockTable table = attributes.size() == 0 ? BlockTable.empty(services.meta(), inode)
                : new BlockTable(services.meta(), inode);
        this.committed = new CommittedBlocks(inode, table, services.reader(), services.executors().readAhead(),
                services.settings());
        this.size = committed.size();
    }

    @Override
    public long inode() { return inode; }

    @Override
    public long size() throws RingFsException {
        ensureOpen();
        return size;
    }

    @Override
    public synchronized int read(long position, byte[] buffer, int offset, int length) throws RingFsException {
        ensureOpen();
        checkArguments(position, buffer, offset, length);
        if (position >= size) return -1;
        if (length == 0) return 0;
        int n = (int) Math.min(length, size - position);
        boolean sequential = position == lastReadEnd;
        BlockRange range = new BlockRange(position, n, blockSize);
        for (BlockSpan span : range.spans()) {
            DirtyBlock dirty = this.buffer.get(span.index());
            if (dirty != null) {
                dirty.copyTo(span.offsetInBlock(), buffer, offset + span.offsetInRange(), span.length());
            } else {
                committed.copy(span.index(), span.offsetInBlock(), span.length(), buffer, offset + span.offsetInRange(),
                        sequential);
            }
        }
        lastReadEnd = position + n;
        if (sequential) {
            committed.prefetch(range.lastIndex() + 1, services.settings().readAheadBlocks(),
                    BlockRange.blockCount(size, blockSize), this.buffer::contains);
        }
        return n;
    }

    @Override
    public synchronized void write(long position, byte[] buffer, int offset, int length) throws RingFsException {
        ensureOpen();
        checkArguments(position, buffer, offset, length);
        if (length == 0) return;
        if (position > Long.MAX_VALUE - length) throw new RingFsException(ErrorCode.FILE_TOO_BIG, "write past 2^63 bytes");
        for (BlockSpan span : new BlockRange(position, length, blockSize).spans()) {
            DirtyBlock block = editable(span);
            block.write(span.offsetInBlock(), buffer, offset + span.offsetInRange(), span.length());
            // A block filled to its end is done with, on a sequential write: store it while the next fills.
            if (span.endInBlock() == blockSize && block.isFull()) startStoring(block);
        }
        size = Math.max(size, position + length);
        boundBuffer();
        if (System.nanoTime() - lastCommitNanos > COMMIT_OPEN_EVERY_NANOS) commitStoredFullBlocks();
    }

    @Override
    public synchronized long append(byte[] buffer, int offset, int length) throws RingFsException {
        ensureOpen();
        long at = size;
        write(at, buffer, offset, length);
        return at;
    }

    @Override
    public synchronized void truncate(long newSize) throws RingFsException {
        ensureOpen();
        if (newSize < 0) throw new RingFsException(ErrorCode.INVALID, "negative size " + newSize);
        flushBuffer();
        services.truncation().truncate(inode, newSize, blockSize);
        size = newSize;
        committed.invalidate();
        committed.forgetCachedBlocks();
    }

    @Override
    public synchronized void flush() throws RingFsException {
        ensureOpen();
        flushBuffer();
    }

    @Override
    public InodeAttributes attributes() throws RingFsException {
        ensureOpen();
        long mine = size;
        InodeAttributes a = services.meta().inode(inode);
        if (mine <= a.size()) return a;
        return new InodeAttributes(a.id(), a.type(), a.mode(), a.uid(), a.gid(), mine, a.nlink(), a.atimeNanos(),
                a.mtimeNanos(), a.ctimeNanos(), a.rdev());
    }

    @Override
    public synchronized void close() throws RingFsException {
        if (closed) return;
        try {
            flushBuffer();
        } finally {
            closed = true;
            buffer.clear();
            committed.forgetCachedBlocks();
            services.session().closed(inode);
        }
    }

    /** The dirty block for a write into {@code span}, loading the committed block unless the write replaces it all. */
    private DirtyBlock editable(BlockSpan span) throws RingFsException {
        DirtyBlock block = buffer.get(span.index());
        if (block != null) {
            block.reopen(); // its stored generation is left uncommitted: garbage once meta ends this session
            return block;
        }
        BlockInfo info = committed.info(span.index());
        boolean replacesAll = info == null || (span.offsetInBlock() == 0 && span.length() >= info.length());
        if (replacesAll) {
            block = DirtyBlock.fresh(span.index(), blockSize, info == null ? 0 : info.generation());
        } else {
            VerifiedBlock current = committed.load(span.index());
            block = current == null ? DirtyBlock.fresh(span.index(), blockSize, 0)
                    : DirtyBlock.loaded(span.index(), blockSize, current);
        }
        buffer.add(block);
        return block;
    }

    private void startStoring(DirtyBlock block) throws RingFsException {
        byte[] bytes = block.bytes();
        int length = block.length();
        long base = block.baseGeneration();
        long index = block.index();
        try {
            block.storing(services.executors().blocks().submit(
                    () -> services.writer().write(inode, index, bytes, length, base)));
        } catch (RejectedExecutionException e) {
            throw new RingFsException(ErrorCode.IO_ERROR, "client is closed", e);
        }
    }

    /** Keeps memory bounded: stores the oldest dirty blocks past the limit, commits past twice it. */
    private void boundBuffer() throws RingFsException {
        int limit = Math.max(1, services.settings().maxDirtyBlocks());
        while (buffer.dirtyCount() > limit) startStoring(buffer.oldestDirty());
        if (buffer.size() > 2 * limit) flushBuffer();
    }

    /**
     * Commits the full blocks whose store has already succeeded, with the size up to the end of the
     * last of them, so a file held open (a logger, a long copy) never holds much uncommitted data.
     * The partly written tail block and blocks still being stored wait for the next flush.
     */
    private void commitStoredFullBlocks() throws RingFsException {
        lastCommitNanos = System.nanoTime();
        List<DirtyBlock> batch = new ArrayList<>();
        long end = 0;
        for (DirtyBlock b : buffer.all()) {
            if (b.isFull() && b.storedWell()) {
                batch.add(b);
                end = Math.max(end, (b.index() + 1) * blockSize);
            }
        }
        if (!batch.isEmpty()) commit(batch, Math.min(size, end));
    }

    private void flushBuffer() throws RingFsException {
        if (buffer.isEmpty()) return;
        List<DirtyBlock> batch = buffer.all();
        for (DirtyBlock b : batch) if (b.isDirty()) startStoring(b);
        RingFsException failure = null;
        for (DirtyBlock b : batch) {
            try {
                b.awaitStored();
            } catch (RingFsException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure; // failed blocks stay dirty; a later flush stores them again
        commit(batch, size);
        lastCommitNanos = System.nanoTime();
    }

    /** Commits stored blocks and the size, then serves them from the committed table. */
    private void commit(List<DirtyBlock> batch, long commitSize) throws RingFsException {
        BlockCommitter.Committed result = services.committer().commit(inode, commitSize, batch);
        for (int i = 0; i < batch.size(); i++) {
            DirtyBlock b = batch.get(i);
            buffer.remove(b.index());
            committed.remember(result.writes().get(i).block(), b.bytes());
        }
        committed.invalidate();
        size = Math.max(size, result.attributes().size());
        log.debug("inode {}: committed {} blocks, size {}", inode, batch.size(), size);
    }

    private void ensureOpen() throws RingFsException {
        if (closed) throw new RingFsException(ErrorCode.INVALID, "file " + inode + " is closed");
    }

    private static void checkArguments(long position, byte[] buffer, int offset, int length) throws RingFsException {
        if (position < 0) throw new RingFsException(ErrorCode.INVALID, "negative position " + position);
        if (offset < 0 || length < 0 || offset > buffer.length - length) {
            throw new RingFsException(ErrorCode.INVALID, "range " + offset + "+" + length + " outside a buffer of "
                    + buffer.length);
        }
    }
}
