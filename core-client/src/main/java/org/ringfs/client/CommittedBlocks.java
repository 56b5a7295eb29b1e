package org.ringfs.client;

import org.ringfs.api.BlockData;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongPredicate;

/**
 * A file's committed bytes as one handle reads them: its block table page, a small cache of
 * verified blocks, and read-ahead. When every copy of a block looks bad the table may be old (a
 * writer committed and deleted the generation it names): it is reloaded once before giving up.
 */
final class CommittedBlocks {
    private static final Logger log = LoggerFactory.getLogger(CommittedBlocks.class);

    private final long inode;
    private final BlockTable table;
    private final BlockCache cache;
    private final BlockReader reader;
    private final ExecutorService blocks;
    private final Duration readWait;

    CommittedBlocks(long inode, BlockTable table, BlockReader reader, ExecutorService blocks, ClientSettings settings) {
        this.inode = inode;
        this.table = table;
        this.reader = reader;
        this.blocks = blocks;
        this.readWait = settings.readWait();
        this.cache = new BlockCache(Math.max(0, settings.readAheadBlocks()) + 2);
    }

    long size() throws RingFsException {
        return table.size();
    }

    /** Meta's block {@code index} as of this handle's table, null for a hole. */
    BlockInfo info(long index) throws RingFsException {
        return table.block(index);
    }

    /**
     * Fetches the table rows of blocks [index, index + count) that this handle's page lacks, none
     * at or past {@code endIndex}; a sequential reader's pages grow (see {@link BlockTable}).
     */
    void expect(long index, long count, boolean sequential, long endIndex) throws RingFsException {
        table.expect(index, count, sequential, endIndex);
    }

    /** After this handle changed the file: reload the table on the next lookup. */
    void invalidate() {
        table.invalidate();
    }

    void forgetCachedBlocks() {
        cache.clear();
    }

    /** Bytes this handle has just committed: a read of them needs no fetch. */
    void remember(BlockInfo committed, byte[] bytes) {
        cache.put(committed.key(inode), new VerifiedBlock(committed, bytes));
    }

    /** The whole verified block {@code index}, or null when it is a hole. */
    VerifiedBlock load(long index) throws RingFsException {
        BlockInfo info = table.block(index);
        if (info == null) return null;
        try {
            return cachedOrFetched(info);
        } catch (RingFsException e) {
            BlockInfo fresh = newerThan(info, e);
            return fresh == null ? null : cachedOrFetched(fresh);
        }
    }

    /**
     * Puts {@code length} bytes from {@code offset} of block {@code index} at {@code at} of
     * {@code target}; holes and bytes past the block's length are zeros. Small reads of a big block
     * fetch only their chunks unless {@code wholeBlock} (sequential access, which read-ahead continues).
     */
    void copy(long index, int offset, int length, ReadTarget target, int at, boolean wholeBlock) throws RingFsException {
        BlockInfo info = table.block(index);
        if (info != null && offset < info.length() && !wholeBlock && !cache.contains(info.key(inode))
                && info.length() > BlockProtocol.DEFAULT_CHUNK_SIZE && 2L * length < info.length()) {
            int valid = Math.min(length, info.length() - offset);
            try {
                BlockData part = reader.readRange(inode, info, offset, valid, readWait);
                target.put(at, part.bytes(), offset - part.offset(), valid);
                if (valid < length) target.zero(at + valid, length - valid);
                return;
            } catch (RingFsException e) {
                newerThan(info, e); // the table is fresh now; the whole-block path below reads it
            }
        }
        VerifiedBlock block = load(index);
        if (block == null) target.zero(at, length);
        else block.copyTo(offset, target, at, length);
    }

    /**
     * Starts fetching up to {@code count} blocks from {@code fromIndex} in the background, skipping
     * holes and blocks {@code skip} names (the handle's dirty ones); stops at {@code endIndex}.
     */
    void prefetch(long fromIndex, int count, long endIndex, LongPredicate skip) throws RingFsException {
        for (long i = fromIndex; i < fromIndex + count && i < endIndex; i++) {
            if (skip.test(i)) continue;
            BlockInfo info = table.block(i);
            if (info == null || cache.contains(info.key(inode))) continue;
            try {
                cache.putIfAbsent(info.key(inode), CompletableFuture.supplyAsync(() -> readAhead(info), blocks));
            } catch (RejectedExecutionException e) {
                log.debug("read-ahead of {} not started: client closing", info.key(inode));
                return;
            }
        }
    }

    private VerifiedBlock readAhead(BlockInfo info) {
        try {
            return reader.readBlock(inode, info, Duration.ZERO); // one pass: the foreground read does the waiting
        } catch (RingFsException e) {
            throw new CompletionException(e);
        }
    }

    private VerifiedBlock cachedOrFetched(BlockInfo info) throws RingFsException {
        BlockKey key = info.key(inode);
        CompletableFuture<VerifiedBlock> pending = cache.get(key);
        if (pending != null) {
            try {
                return pending.get();
            } catch (ExecutionException e) {
                cache.remove(key); // read-ahead failed; the foreground read retries and waits
                log.debug("read-ahead of {} failed: {}", key, e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RingFsException(ErrorCode.IO_ERROR, "interrupted while reading " + key, e);
            }
        }
        VerifiedBlock block = reader.readBlock(inode, info, readWait);
        cache.put(key, block);
        return block;
    }

    /**
     * After every copy of {@code seen} looked bad: reloads the table and returns the block's newer
     * entry (null when it is gone), or rethrows when meta still names the generation that failed.
     */
    private BlockInfo newerThan(BlockInfo seen, RingFsException failure) throws RingFsException {
        if (failure.code() != ErrorCode.CORRUPT) throw failure;
        table.invalidate();
        BlockInfo fresh = table.block(seen.index());
        if (fresh != null && fresh.generation() == seen.generation()) throw failure;
        return fresh;
    }
}
