package org.ringfs.client;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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
    /** How often appends are laid again at a moved end before a flush gives up (CONFLICT; the bytes stay buffered). */
    static final int MAX_APPEND_ATTEMPTS = 20;
    private static final long NO_APPENDS = -1;

    private final long inode;
    /** What meta answered when the handle was opened (create or stat). */
    private final InodeAttributes opened;
    private final int blockSize;
    private final ClientServices services;
    private final CommittedBlocks committed;
    /** The table is shared with other short windows of the file (see the constructor). */
    private final boolean sharedTable;
    private final WriteBuffer buffer = new WriteBuffer();
    /** The size as this handle sees it: meta's, grown by its own uncommitted writes. */
    private volatile long size; // read without the handle's lock: a stat never waits for a flush
    /** Where the last read ended: a read starting there is sequential and earns read-ahead. */
    private long lastReadEnd;
    /**
     * Where this handle's reader has said it stops (a ranged GET): no read-ahead, table row or
     * whole-block fetch goes past it. Long.MAX_VALUE when it has not said.
     */
    private long readEnd = Long.MAX_VALUE;
    /** When this handle last committed: a file held open commits its full stored blocks every few seconds. */
    private long lastCommitNanos = System.nanoTime();
    /**
     * Where the buffered appends begin: the end this handle believed the file had when it laid them,
     * which meta must still have at their commit; NO_APPENDS when the buffer holds positioned writes
     * (or nothing). The two never mix in the buffer: each kind is committed before the other starts.
     */
    private long appendFrom = NO_APPENDS;
    private volatile boolean closed;
    /** Calls begun that change the inode at meta: commits and truncates (see {@link #changesBegun}). */
    private volatile long changesBegun;
    /** Meta's answer to the last commit, and {@link #changesBegun} when it was begun. */
    private volatile InodeAttributes lastCommitted;
    private volatile long lastCommittedChange;

    /**
     * @param attributes the inode as meta just gave it (create or stat): the handle's size as of its
     *                   open, so opening costs no table fetch; the first read fetches the rows it needs
     */
    OpenFileHandle(InodeAttributes attributes, int blockSize, ClientServices services) {
        this(attributes, blockSize, services, null);
    }

    /**
     * @param sharedTable a table other handles of the same unchanged file read too (short ranged
     *                    reads, {@code RangeTables}), or null for one of the handle's own; a shared
     *                    table is read as a random reader's: its pages grow with its misses and are not
     *                    cut at this handle's read window
     */
    OpenFileHandle(InodeAttributes attributes, int blockSize, ClientServices services, BlockTable sharedTable) {
        this.inode = attributes.id();
        this.opened = attributes;
        this.blockSize = blockSize;
        this.services = services;
        this.sharedTable = sharedTable != null;
        BlockTable table = sharedTable != null ? sharedTable
                : attributes.size() == 0 ? BlockTable.empty(services.meta(), inode, services.readStats())
                : new BlockTable(services.meta(), inode, services.readStats());
        this.committed = new CommittedBlocks(inode, table, services.reader(), services.executors().readAhead(),
                services.settings());
        this.size = attributes.size();
    }

    /**
     * The reader of this handle reads [from, end) and stops (a ranged GET): a read at {@code from}
     * counts as sequential, and nothing is fetched for bytes at or past {@code end}.
     */
    synchronized void readWindow(long from, long end) {
        if (from < 0 || end < from) throw new IllegalArgumentException("bad read window " + from + ".." + end);
        lastReadEnd = from;
        readEnd = end;
    }

    @Override
    public long inode() { return inode; }

    @Override
    public long size() throws RingFsException {
        ensureOpen();
        return size;
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) throws RingFsException {
        checkArguments(position, buffer, offset, length);
        return read(position, length, ReadTarget.of(buffer, offset));
    }

    @Override
    public synchronized int read(long position, int length, ReadTarget target) throws RingFsException {
        ensureOpen();
        if (position < 0 || length < 0) throw new RingFsException(ErrorCode.INVALID, "negative position or length");
        if (position >= size) return -1;
        if (length == 0) return 0;
        int n = (int) Math.min(length, size - position);
        boolean sequential = position == lastReadEnd;
        BlockRange range = new BlockRange(position, n, blockSize);
        long wantedEnd = Math.max(position + n, Math.min(size, readEnd)); // the reader reads no further
        long endIndex = BlockRange.blockCount(wantedEnd, blockSize);
        int readAhead = sequential ? Math.max(0, services.settings().readAheadBlocks()) : 0;
        long rows = range.lastIndex() - range.firstIndex() + 1 + readAhead;
        if (sharedTable) {
            committed.expect(range.firstIndex(), range.lastIndex() - range.firstIndex() + 1, false,
                    BlockRange.blockCount(size, blockSize));
        } else {
            committed.expect(range.firstIndex(), rows, sequential, endIndex);
        }
        for (BlockSpan span : range.spans()) {
            DirtyBlock dirty = this.buffer.get(span.index());
            if (dirty != null) {
                dirty.copyTo(span.offsetInBlock(), target, span.offsetInRange(), span.length());
            } else {
                committed.copy(span.index(), span.offsetInBlock(), span.length(), target, span.offsetInRange(),
                        sequential && wantsMostOf(span, wantedEnd));
            }
        }
        lastReadEnd = position + n;
        if (sequential && readAhead > 0) {
            committed.prefetch(range.lastIndex() + 1, readAhead, endIndex, this.buffer::contains);
        }
        return n;
    }

    /**
     * Whether the reader, reading on to {@code wantedEnd}, will read at least half of the span's
     * block from the span on: then the whole block is fetched once (and read-ahead continues), else
     * only the chunks holding what it reads (a short range, or the tail of a block it starts late in).
     */
    private boolean wantsMostOf(BlockSpan span, long wantedEnd) {
        long blockStart = span.index() * blockSize;
        long blockEnd = Math.min(size, blockStart + blockSize);
        long from = blockStart + span.offsetInBlock();
        return 2 * (Math.min(blockEnd, wantedEnd) - from) >= blockEnd - blockStart;
    }

    @Override
    public synchronized void write(long position, byte[] buffer, int offset, int length) throws RingFsException {
        ensureOpen();
        checkArguments(position, buffer, offset, length);
        if (length == 0) return;
        if (appendFrom != NO_APPENDS) flushBuffer(); // buffered appends take their end at meta first
        writeBuffered(position, buffer, offset, length);
    }

    /**
     * Appends at the end as this handle knows it; the commit checks that end against meta's, where
     * the size is authoritative, and on a mismatch (another client appended or truncated) lays the
     * buffered appends again at meta's end. So appenders on different clients never overwrite each
     * other, and an append after a truncate elsewhere lands at the new end.
     */
    @Override
    public synchronized long append(byte[] buffer, int offset, int length) throws RingFsException {
        ensureOpen();
        checkArguments(0, buffer, offset, length);
        if (length == 0) return size;
        if (appendFrom == NO_APPENDS) {
            flushBuffer(); // positioned writes first: meta's end must be what this handle's size says
            appendFrom = size;
        }
        long at = size;
        writeBuffered(at, buffer, offset, length);
        return at;
    }

    private void writeBuffered(long position, byte[] buffer, int offset, int length) throws RingFsException {
        if (position > Long.MAX_VALUE - length) throw new RingFsException(ErrorCode.FILE_TOO_BIG, "write past 2^63 bytes");
        lay(position, buffer, offset, length);
        boundBuffer();
        if (System.nanoTime() - lastCommitNanos > COMMIT_OPEN_EVERY_NANOS) {
            // Appends commit whole: a part would have to take its end at meta on its own.
            if (appendFrom == NO_APPENDS) commitStoredFullBlocks();
            else flushBuffer();
        }
    }

    /** Puts the bytes into dirty blocks; a block filled to its end starts storing while the next fills. */
    private void lay(long position, byte[] buffer, int offset, int length) throws RingFsException {
        for (BlockSpan span : new BlockRange(position, length, blockSize).spans()) {
            DirtyBlock block = editable(span);
            block.write(span.offsetInBlock(), buffer, offset + span.offsetInRange(), span.length());
            if (span.endInBlock() == blockSize && block.isFull()) startStoring(block);
        }
        size = Math.max(size, position + length);
    }

    @Override
    public synchronized void truncate(long newSize) throws RingFsException {
        ensureOpen();
        if (newSize < 0) throw new RingFsException(ErrorCode.INVALID, "negative size " + newSize);
        flushBuffer();
        changesBegun++;
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
    public OptionalLong changesBegun() {
        return OptionalLong.of(changesBegun);
    }

    @Override
    public synchronized Optional<InodeAttributes> committedAttributes() {
        InodeAttributes a = lastCommitted;
        return a != null && lastCommittedChange == changesBegun ? Optional.of(a) : Optional.empty();
    }

    @Override
    public Optional<InodeAttributes> openedAttributes() {
        return Optional.of(opened);
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
        if (buffer.isEmpty()) {
            appendFrom = NO_APPENDS;
            return;
        }
        List<DirtyBlock> batch = storeAll();
        if (appendFrom == NO_APPENDS) commit(batch, size);
        else commitAppends(batch);
        lastCommitNanos = System.nanoTime();
    }

    /** Stores every dirty block and waits for every store; failed blocks stay dirty for a later flush. */
    private List<DirtyBlock> storeAll() throws RingFsException {
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
        if (failure != null) throw failure;
        return batch;
    }

    /**
     * Commits the buffered appends at the end they were laid at; while meta's end has moved, lays
     * them again at meta's end, stores them and tries again.
     */
    private void commitAppends(List<DirtyBlock> batch) throws RingFsException {
        for (int attempt = 1; ; attempt++) {
            try {
                long change = ++changesBegun;
                applyCommitted(batch, services.committer().commitAppend(inode, appendFrom, size, batch), change);
                appendFrom = NO_APPENDS;
                return;
            } catch (RingFsException e) {
                if (e.code() != ErrorCode.CONFLICT || attempt >= MAX_APPEND_ATTEMPTS) throw e;
                log.debug("inode {}: appends laid at {} meet a moved end ({}); laying them again", inode, appendFrom,
                        e.getMessage());
            }
            pauseBeforeAttempt(attempt);
            layAppendsAtMetaEnd();
            batch = storeAll();
        }
    }

    /** Moves the buffered appends, in order, to the end meta has now; the blocks they were stored in are dropped. */
    private void layAppendsAtMetaEnd() throws RingFsException {
        byte[] appended = new byte[Math.toIntExact(size - appendFrom)];
        for (BlockSpan span : new BlockRange(appendFrom, appended.length, blockSize).spans()) {
            buffer.get(span.index()).copyTo(span.offsetInBlock(), appended, span.offsetInRange(), span.length());
        }
        buffer.clear(); // their stored generations stay uncommitted: garbage once this session ends
        committed.invalidate();
        committed.forgetCachedBlocks();
        long end = committed.size();
        appendFrom = end;
        size = end;
        lay(end, appended, 0, appended.length);
    }

    /** A short random pause, longer with each attempt, so two clients that collide do not collide again in step. */
    private static void pauseBeforeAttempt(int attempt) throws RingFsException {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1 + 5L * Math.min(attempt, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RingFsException(ErrorCode.IO_ERROR, "interrupted while committing appends to inode ", e);
        }
    }

    /** Commits stored blocks and the size, then serves them from the committed table. */
    private void commit(List<DirtyBlock> batch, long commitSize) throws RingFsException {
        long change = ++changesBegun;
        applyCommitted(batch, services.committer().commit(inode, commitSize, batch), change);
    }

    private void applyCommitted(List<DirtyBlock> batch, BlockCommitter.Committed result, long change) {
        lastCommitted = result.attributes();
        lastCommittedChange = change;
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
