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

    /** Removes a non-directory name; frees its blocks on the data servers with the last name. */
    void unlink(String path) throws RingFsException;

    void rmdir(String path) throws RingFsException;

    /** Removes a path and everything below it (rm -r). */
    void removeTree(String path) throws RingFsException;

    void rename(String from, String to) throws RingFsException;

    InodeAttributes setAttributes(String path, SetAttributes changes) throws RingFsException;

    void truncate(String path, long size) throws RingFsException;

    void setXattr(String path, String name, byte[] value, int flags) throws RingFsException;

    byte[] getXattr(String path, String name) throws RingFsException;

    List<String> listXattrs(String path) throws RingFsException;

    void removeXattr(String path, String name) throws RingFsException;

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
     * A stream that writes a file block by block, creating it (mode 0644, owner uid/gid) or
     * truncating it unless {@code append}; close() flushes and reports failures.
     */
    OutputStream openOutput(String path, boolean append, int uid, int gid) throws RingFsException;

    @Override
    void close();
}
