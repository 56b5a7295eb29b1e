package org.ringfs.client;

import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.FileType;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.api.SetAttributes;
import org.ringfs.api.StatFs;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The file system every front (FUSE, WebDAV, the CLI) talks to. Paths are absolute and
 * '/'-separated; the client normalises them and refuses '..' escapes and over-long names.
 * Permission checks are the front's: this API acts as the caller asks. Errors are
 * {@link RingFsException}s whose code maps to an errno and an HTTP status.
 */
public interface RingFileSystem extends AutoCloseable {

    InodeAttributes stat(String path) throws RingFsException;

    List<DirectoryEntry> list(String path) throws RingFsException;

    InodeAttributes mkdir(String path, int mode, int uid, int gid) throws RingFsException;

    /** Creates (O_CREAT; EXISTS with {@code exclusive}) and opens a regular file. */
    OpenFile create(String path, int mode, int uid, int gid, boolean exclusive) throws RingFsException;

    /** Opens an existing regular file; {@code truncate} empties it first (O_TRUNC). */
    OpenFile open(String path, boolean truncate) throws RingFsException;

    InodeAttributes mknod(String path, FileType type, int mode, int rdev, int uid, int gid) throws RingFsException;

    InodeAttributes symlink(String path, String target, int uid, int gid) throws RingFsException;

    String readlink(String path) throws RingFsException;

    InodeAttributes link(String existing, String newPath) throws RingFsException;

    /**
     * Removes a non-directory name; frees its blocks on the data servers with the last name.
     * Answers the parent directory as meta left it (its mtime and ctime moved).
     */
    InodeAttributes unlink(String path) throws RingFsException;

    /** Removes an empty directory. Answers the parent directory as meta left it (times and nlink moved). */
    InodeAttributes rmdir(String path) throws RingFsException;

    /** Removes a path and everything below it (rm -r). */
    void removeTree(String path) throws RingFsException;

    void rename(String from, String to) throws RingFsException;

    InodeAttributes setAttributes(String path, SetAttributes changes) throws RingFsException;

    void truncate(String path, long size) throws RingFsException;

    void setXattr(String path, String name, byte[] value, int flags) throws RingFsException;

    byte[] getXattr(String path, String name) throws RingFsException;

    List<String> listXattrs(String path) throws RingFsException;

    void removeXattr(String path, String name) throws RingFsException;

    // ---- by inode id: for a file open on a front whose name went, or now names another file ----

    /** The attributes of an inode by id: STALE when it no longer exists. */
    default InodeAttributes stat(long inode) throws RingFsException {
        throw byIdUnsupported();
    }

    /** {@link #setAttributes(String, SetAttributes)} of an inode by id: STALE when it no longer exists. */
    default InodeAttributes setAttributes(long inode, SetAttributes changes) throws RingFsException {
        throw byIdUnsupported();
    }

    default void setXattr(long inode, String name, byte[] value, int flags) throws RingFsException {
        throw byIdUnsupported();
    }

    default byte[] getXattr(long inode, String name) throws RingFsException {
        throw byIdUnsupported();
    }

    default List<String> listXattrs(long inode) throws RingFsException {
        throw byIdUnsupported();
    }

    default void removeXattr(long inode, String name) throws RingFsException {
        throw byIdUnsupported();
    }

    private static RingFsException byIdUnsupported() {
        return new RingFsException(org.ringfs.api.ErrorCode.NOT_SUPPORTED, "this file system works by path only");
    }

    StatFs statfs() throws RingFsException;

    /** A stream over a file's bytes, fetched block by block (never the whole file in memory). */
    InputStream openInput(String path) throws RingFsException;

    /**
     * {@link #openInput(String)} of the file a stat just returned {@code attributes} for, without
     * asking meta for them again (a WebDAV GET has stat'ed its target already). An implementation
     * without that shortcut opens the path.
     */
    default InputStream openInput(String path, InodeAttributes attributes) throws RingFsException {
        return openInput(path);
    }

    /**
     * The bytes [offset, offset + length) of the file a stat just returned {@code attributes} for
     * (fewer when it is shorter), for a ranged read such as an HTTP Range request: the stream starts
     * at {@code offset} without reading the bytes before it, ends after {@code length} bytes, and
     * fetches from the data servers only the chunks that hold them (whole blocks only where the
     * window covers most of one). An implementation without that shortcut skips and truncates.
     */
    default InputStream openRange(String path, InodeAttributes attributes, long offset, long length)
            throws RingFsException {
        InputStream in = openInput(path, attributes);
        try {
            in.skipNBytes(offset);
        } catch (java.io.EOFException e) {
            // the window starts past the end: the stream is empty
        } catch (java.io.IOException e) {
            try {
                in.close();
            } catch (java.io.IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new RingFsException(org.ringfs.api.ErrorCode.IO_ERROR, "seeking to " + offset + " in " + path, e);
        }
        return new java.io.FilterInputStream(in) {
            private long left = length;

            @Override
            public int read() throws java.io.IOException {
                if (left <= 0) return -1;
                int b = super.read();
                if (b >= 0) left--;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                if (left <= 0) return -1;
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) left -= n;
                return n;
            }

            @Override
            public long skip(long n) throws java.io.IOException {
                long skipped = super.skip(Math.min(n, left));
                left -= skipped;
                return skipped;
            }
        };
    }

    /**
     * A stream that writes a file block by block, creating it (mode 0644, owner uid/gid) or
     * truncating it unless {@code append}; close() flushes and reports failures.
     */
    OutputStream openOutput(String path, boolean append, int uid, int gid) throws RingFsException;

    @Override
    void close();
}
