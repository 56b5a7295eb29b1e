package org.ringfs.client;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One block a handle changed and has not committed: a buffer, its valid length, the generation it
 * was read at (the commit's base; 0 for a new block), the ranges the handle wrote (kept to redo the
 * write over another writer's block after a CONFLICT), and, once it is being or has been stored on
 * the data servers, the store's outcome. The owning handle's lock guards it. A buffer handed to a
 * store is never written again (PUTs read it until they end); a reopened block copies it.
 *
 * <p>The buffer holds what was written, not a whole block: a small file's block was a block-size
 * array (1 MiB by default, zeroed, a humongous object to G1), allocated and dropped once per file,
 * which made the mount's garbage collector busy during a {@code git clone}. A write of at least an
 * eighth of a block (a streaming writer's) takes the whole block at once, so large files are not
 * copied as their blocks fill; smaller ones grow the buffer by doubling.
 */
final class DirtyBlock {
    private static final Logger log = LoggerFactory.getLogger(DirtyBlock.class);

    /** Smallest buffer a write makes (a smaller block takes its own size). */
    static final int MIN_CAPACITY = 4096;

    private final long index;
    private final int blockSize;
    private byte[] bytes;
    private int length;
    private long baseGeneration;
    private final ByteRanges written = new ByteRanges();
    /** Null while dirty; else the store of the current bytes (done or in flight). */
    private Future<StoredWrite> store;

    private DirtyBlock(long index, int blockSize, byte[] bytes, int length, long baseGeneration) {
        this.index = index;
        this.blockSize = blockSize;
        this.bytes = bytes;
        this.length = length;
        this.baseGeneration = baseGeneration;
    }

    /** A block this handle writes from scratch: new, or wholly overwritten (so not read first). */
    static DirtyBlock fresh(long index, int blockSize, long baseGeneration) {
        return new DirtyBlock(index, blockSize, new byte[0], 0, baseGeneration);
    }

    /**
     * A block loaded from its committed copy before a partial write. Its buffer is sized as a write
     * to the copy's end would size it, so a write that appends to a large block copies it once.
     */
    static DirtyBlock loaded(long index, int blockSize, VerifiedBlock committed) {
        int length = committed.info().length();
        byte[] bytes = new byte[capacityFor(length, 0, blockSize)];
        System.arraycopy(committed.bytes(), 0, bytes, 0, length);
        return new DirtyBlock(index, blockSize, bytes, length, committed.info().generation());
    }

    long index() { return index; }

    /** The buffer: its first {@link #length()} bytes are the block's; it may be longer. */
    byte[] bytes() { return bytes; }

    int length() { return length; }

    long baseGeneration() { return baseGeneration; }

    boolean isFull() { return length == blockSize; }

    boolean isDirty() { return store == null; }

    /** Its store has ended and succeeded: committing it would not wait. */
    boolean storedWell() {
        if (store == null || !store.isDone()) return false;
        try {
            store.get();
            return true;
        } catch (ExecutionException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes {@code n} bytes of {@code src} at {@code offset}; the block must be dirty. */
    void write(int offset, byte[] src, int srcOffset, int n) {
        if (store != null) throw new IllegalStateException("block " + index + " changed while being stored");
        if (offset + n > bytes.length) bytes = Arrays.copyOf(bytes, capacityFor(offset + n, bytes.length, blockSize));
        System.arraycopy(src, srcOffset, bytes, offset, n);
        written.add(offset, offset + n);
        length = Math.max(length, offset + n);
    }

    /** Copies {@code n} bytes from {@code offset}, zeros past the valid length. */
    void copyTo(int offset, byte[] dst, int dstOffset, int n) {
        copyTo(offset, ReadTarget.of(dst, dstOffset), 0, n);
    }

    /** Puts {@code n} bytes from {@code offset} at {@code at} of {@code target}, zeros past the valid length. */
    void copyTo(int offset, ReadTarget target, int at, int n) {
        int valid = Math.max(0, Math.min(n, length - offset));
        if (valid > 0) target.put(at, bytes, offset, valid);
        if (valid < n) target.zero(at + valid, n - valid);
    }

    /**
     * Another writer committed {@code current} (null: the block was dropped) since this block was
     * read: start again from its bytes and lay this handle's written ranges over them.
     */
    void rebase(VerifiedBlock current) {
        int currentLength = current == null ? 0 : current.info().length();
        byte[] merged = new byte[Math.max(currentLength, written.end())];
        if (current != null) System.arraycopy(current.bytes(), 0, merged, 0, currentLength);
        written.overlay(bytes, merged);
        bytes = merged;
        length = Math.max(currentLength, written.end());
        baseGeneration = current == null ? 0 : current.info().generation();
        store = null;
    }

    /**
     * The buffer size for a write ending at {@code end} into a buffer of {@code capacity}: the whole
     * block from an eighth of it on, else double the buffer (at least {@link #MIN_CAPACITY}) until
     * the write fits.
     */
    static int capacityFor(int end, int capacity, int blockSize) {
        if (end > blockSize) throw new IllegalArgumentException("a write to " + end + " passes the block's " + blockSize + " bytes");
        if (end >= blockSize / 8) return blockSize;
        int grown = Math.max(capacity, Math.min(MIN_CAPACITY, blockSize));
        while (grown < end) grown *= 2;
        return Math.min(grown, blockSize);
    }

    void storing(Future<StoredWrite> inFlight) { store = inFlight; }

    void stored(StoredWrite done) { store = CompletableFuture.completedFuture(done); }

    /** Dirty again (to be changed): returns the stored write it had, now superseded, or null. */
    StoredWrite reopen() throws RingFsException {
        if (store == null) return null;
        try {
            StoredWrite superseded = awaitStored();
            // A straggler PUT of the stored generation may still be reading the buffer: change a copy.
            bytes = bytes.clone();
            return superseded;
        } catch (RingFsException e) {
            // Nothing stored to supersede; the block stays dirty and the next flush stores it again.
            log.info("write-behind of block {} failed, will retry on flush: {}", index, e.toString());
            return null;
        } finally {
            store = null;
        }
    }

    /** Waits for the store; on failure the block is dirty again and the failure is thrown. */
    StoredWrite awaitStored() throws RingFsException {
        if (store == null) throw new IllegalStateException("block " + index + " is not being stored");
        try {
            return store.get();
        } catch (ExecutionException e) {
            store = null;
            if (e.getCause() instanceof RingFsException r) throw r;
            throw new RingFsException(ErrorCode.INTERNAL, "storing block " + index + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RingFsException(ErrorCode.IO_ERROR, "interrupted while storing block " + index, e);
        }
    }

    @Override
    public String toString() {
        return "DirtyBlock[" + index + ", length " + length + ", base " + baseGeneration + ", "
                + (store == null ? "dirty" : "stored") + "]";
    }
}
