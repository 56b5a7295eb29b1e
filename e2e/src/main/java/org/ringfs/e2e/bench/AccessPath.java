package org.ringfs.e2e.bench;

import java.io.IOException;

/**
 * One way a user reaches RingFS (the client library, the FUSE mount, WebDAV): the operations the
 * workloads time, on absolute RingFS paths. Implementations must be usable from several threads.
 */
interface AccessPath extends AutoCloseable {
    /** The path's name in figure names: client, fuse, webdav. */
    String name();

    void mkdir(String path) throws IOException;

    /** Writes {@code size} bytes of {@link Pattern} to a new file and makes them durable (close). */
    void writeLarge(String path, long size) throws IOException;

    /** Reads the whole file sequentially; returns the bytes read. */
    long readLarge(String path) throws IOException;

    /** A reader of small ranges of one file, kept open between reads. */
    RangeReader openRanges(String path) throws IOException;

    /** Creates a file holding {@code bytes}, written and closed. */
    void writeSmall(String path, byte[] bytes) throws IOException;

    /** The file's size (a stat). */
    long stat(String path) throws IOException;

    /** The number of entries of a directory (one listing). */
    int list(String path) throws IOException;

    /** Reads a small file whole; returns its length. */
    int readSmall(String path) throws IOException;

    void rename(String from, String to) throws IOException;

    void delete(String path) throws IOException;

    /** Removes a directory and everything in it. */
    void deleteTree(String path) throws IOException;

    @Override
    void close() throws IOException;

    /** Reads of small ranges at arbitrary offsets. */
    interface RangeReader extends AutoCloseable {
        /** Reads {@code length} bytes at {@code offset} into {@code into}; returns the count read. */
        int read(long offset, byte[] into, int length) throws IOException;

        @Override
        void close() throws IOException;
    }
}
