package org.ringfs.client;

import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;

import java.io.Closeable;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An open regular file, addressed by its inode (a rename or unlink of its name does not disturb
 * it). Writes are buffered in whole blocks and written out when a block fills, when too many are
 * dirty, and on {@link #flush()}; a reader opening the file after this one was flushed or closed
 * sees the bytes. Thread-safe.
 */
public interface OpenFile extends Closeable {

    long inode();

    /** The size as this handle sees it: committed size grown by its own unflushed writes. */
    long size() throws RingFsException;

    /**
     * Reads up to {@code length} bytes at {@code position} into {@code buffer}; returns the count,
     * or -1 at or past the end. Holes read as zeros.
     */
    int read(long position, byte[] buffer, int offset, int length) throws RingFsException;

    /**
     * Reads up to {@code length} bytes at {@code position} into {@code target}, from position 0 of
     * the target on; returns the count, or -1 at or past the end. Holes read as zeros. Without an
     * override, through an array of {@code length} bytes.
     */
    default int read(long position, int length, ReadTarget target) throws RingFsException {
        byte[] bytes = new byte[length];
        int n = read(position, bytes, 0, length);
        if (n > 0) target.put(0, bytes, 0, n);
        return n;
    }

    /** Writes {@code length} bytes at {@code position}; a position past the end leaves a hole. */
    void write(long position, byte[] buffer, int offset, int length) throws RingFsException;

    /** Writes at the current end of the file (O_APPEND); returns the position written at. */
    long append(byte[] buffer, int offset, int length) throws RingFsException;

    /** Sets the size: shrinking drops bytes, growing reads as zeros. Flushes first. */
    void truncate(long size) throws RingFsException;

    /**
     * Writes out every dirty block and commits them to meta: when it returns the bytes are on the
     * copies the write policy promises (fsync and close use this).
     */
    void flush() throws RingFsException;

    /** Fresh attributes of the inode, with this handle's unflushed size. */
    InodeAttributes attributes() throws RingFsException;

    /**
     * What meta answered for the inode when this file was opened or created, without asking again
     * (a front caches a create's answer as a stat's); empty when the implementation kept none.
     */
    default Optional<InodeAttributes> openedAttributes() {
        return Optional.empty();
    }

    /**
     * What meta answered this file's last commit of its writes, while that commit is the last
     * change this file began ({@link #changesBegun}): a front caches it as a stat's rather than
     * asking meta about the file it just closed. Empty otherwise, or when the implementation kept none.
     */
    default Optional<InodeAttributes> committedAttributes() {
        return Optional.empty();
    }

    /**
     * How many calls that change the inode at meta this file has begun (commits of its writes,
     * truncates), counting those that failed (they may have happened): a write that leaves it as it
     * was changed nothing at meta yet, so attributes read before it are still meta's. Empty when the
     * implementation does not count: then any call may have changed it.
     */
    default OptionalLong changesBegun() {
        return OptionalLong.empty();
    }

    /** Flushes and releases. */
    @Override
    void close() throws RingFsException;
}
